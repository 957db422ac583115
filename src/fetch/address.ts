import ipaddr from 'ipaddr.js';

// Only ordinary public unicast is fetched. ipaddr.js names every special-purpose range it knows;
// anything it does not call 'unicast' is refused, so a range added to the library later only
// makes the policy stricter.
const PHRASES: Record<string, string> = {
  loopback: 'a loopback address',
  private: 'a private address',
  linkLocal: 'a link-local address',
  uniqueLocal: 'a unique-local address',
  carrierGradeNat: 'a shared (CGNAT) address',
  multicast: 'a multicast address',
  unspecified: 'an unspecified address',
  broadcast: 'the broadcast address',
  teredo: 'a Teredo address',
  deprecatedSiteLocal: 'a site-local address',
};

// 2000::/3 is the only IPv6 space allocated for global unicast: outside it (IPv4-compatible ::/96,
// ::ffff:0:0:0/96 translated forms, unallocated space) nothing is a public host.
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');

function phrase(range: string): string {
  return PHRASES[range] ?? 'a reserved or special-purpose address';
}

function v4Problem(ip: ipaddr.IPv4): string | null {
  const range = ip.range();
  return range === 'unicast' ? null : phrase(range);
}

function embedded(v4: ipaddr.IPv4): string | null {
  const problem = v4Problem(v4);
  return problem ? `a form of ${v4.toString()}, ${problem}` : null;
}

function v6Problem(ip: ipaddr.IPv6): string | null {
  if (ip.zoneId) return 'a scoped (zone) address';
  const range = ip.range();
  // The connection goes to the embedded IPv4 address: judge that one.
  if (range === 'ipv4Mapped') return embedded(ip.toIPv4Address());
  if (range === 'rfc6052' && ip.match(ipaddr.IPv6.parseCIDR('64:ff9b::/96'))) {
    return embedded(ipaddr.IPv4.parse(lowV4(ip.parts[6]!, ip.parts[7]!)));
  }
  if (range === '6to4') return embedded(ipaddr.IPv4.parse(lowV4(ip.parts[1]!, ip.parts[2]!)));
  if (range !== 'unicast') return phrase(range);
  if (!ip.match(GLOBAL_UNICAST_V6)) return 'not a global unicast address';
  return null;
}

function lowV4(hi: number, lo: number): string {
  return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');
}

// ipaddr.js reads the dotted tail of `::8.8.8.8` (IPv4-compatible, ::808:808) as if it were the
// mapped ::ffff:8.8.8.8; the WHATWG URL parser (same on Node and Workers) writes every IPv6 address
// in plain hex, so classify that form.
function canonicalV6(address: string): string {
  return new URL(`http://[${address}]/`).hostname.slice(1, -1);
}

/**
 * Why an IP address must not be fetched from, or null if it is a public unicast address.
 * Takes the textual forms Node's resolver and the URL parser produce (IPv6 without brackets).
 */
export function addressProblem(address: string): string | null {
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    // isValidFourPartDecimal: the resolver and the URL parser only ever hand over dotted quads;
    // anything else claiming to be IPv4 here is not trusted to mean what it seems.
    if (ipaddr.IPv4.isValidFourPartDecimal(address)) ip = ipaddr.IPv4.parse(address);
    else if (address.includes('%')) return 'a scoped (zone) address';
    else if (ipaddr.IPv6.isValid(address)) ip = ipaddr.IPv6.parse(canonicalV6(address));
    else return 'not an IP address';
  } catch {
    return 'not an IP address';
  }
  return ip.kind() === 'ipv4' ? v4Problem(ip as ipaddr.IPv4) : v6Problem(ip as ipaddr.IPv6);
}

/** True for a textual IPv4 (dotted quad) or IPv6 address (brackets allowed). */
export function isIpLiteral(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return ipaddr.IPv4.isValidFourPartDecimal(bare) || (bare.includes(':') && ipaddr.IPv6.isValid(bare));
}

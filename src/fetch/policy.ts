// The outbound fetch policy, in one place for Node and Workers. Pure: no I/O, no runtime APIs
// beyond URL. The Node fetcher adds the check of the resolved addresses (addressProblem) and pins
// the connection; Workers cannot resolve names, so there the URL-level rules below are all we can
// check, and Cloudflare's egress does not reach private networks.
import { addressProblem, isIpLiteral } from './address.js';
import { hostKey, type AllowedHost } from './allow-list.js';

/** At most this many redirects are followed, and only within the same https origin. */
const MAX_REDIRECTS = 3;

/** A URL the policy lets through, and whether its host is one the operator allow-listed. */
export interface Target {
  url: URL;
  /** host:port is in FETCH_ALLOW_HOSTS: the public-address rule does not apply (https still does). */
  allowListed: boolean;
}

export type Checked = { ok: true; target: Target } | { ok: false; reason: string };

// Names that never mean a public host, whatever a resolver says: special-use names (RFC 6761,
// 6762, 8375, 7686), ICANN's private-use `.internal`, the reverse-DNS tree, and the undelegated
// TLDs private networks use. On Workers this list is the only defence against local names.
const LOCAL_SUFFIXES = ['localhost', 'local', 'localdomain', 'internal', 'intranet', 'lan', 'home', 'corp', 'private', 'arpa', 'test', 'invalid', 'onion'];

function nameProblem(name: string): string | null {
  if (LOCAL_SUFFIXES.some((s) => name === s || name.endsWith(`.${s}`))) return `${name} is a local or special-use name`;
  if (!name.includes('.')) return `${name} is not a public domain name`;
  return null;
}

/** Why a URL's host must not be fetched (IP literal or name), or null. */
function hostProblem(url: URL): string | null {
  const host = url.hostname;
  if (isIpLiteral(host)) {
    const bare = host.startsWith('[') ? host.slice(1, -1) : host;
    const problem = addressProblem(bare);
    return problem ? `${bare} is ${problem}` : null;
  }
  return nameProblem(host.replace(/\.$/, ''));
}

/**
 * Checks a URL before anything is sent: https, no credentials, a public host (or one on the
 * allow list). Numeric IPv4 spellings (`127.1`, `2130706433`, `0x7f.1`, octal) are normalised
 * by the WHATWG URL parser first, so they are judged as the addresses they are.
 */
export function checkUrl(raw: string, allowHosts: ReadonlySet<AllowedHost>): Checked {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: `${JSON.stringify(raw.slice(0, 200))} is not a URL` };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: `only https URLs are fetched, not ${url.protocol}` };
  if (url.username || url.password) return { ok: false, reason: 'a URL with user credentials is not fetched' };
  url.hash = '';
  const allowListed = allowHosts.has(hostKey(url));
  if (!allowListed) {
    const problem = hostProblem(url);
    if (problem) return { ok: false, reason: problem };
  }
  return { ok: true, target: { url, allowListed } };
}

/**
 * Checks a redirect's Location against the request it answers. Only same-origin https redirects
 * are followed: the origin is what the policy (and, on Node, the address check) approved, and a
 * redirect must not name a host we would refuse or echo an internal one back to the caller.
 */
export function checkRedirect(from: URL, location: string | null, hops: number): { ok: true; url: URL } | { ok: false; reason: string } {
  if (hops >= MAX_REDIRECTS) return { ok: false, reason: `the remote redirected more than ${MAX_REDIRECTS} times` };
  let next: URL;
  try {
    next = new URL(location ?? '', from);
  } catch {
    return { ok: false, reason: 'the remote redirected to an invalid location' };
  }
  if (location === null || next.origin !== from.origin || next.protocol !== 'https:' || next.username || next.password) {
    return { ok: false, reason: 'the remote redirected to another origin (only same-origin https redirects are followed)' };
  }
  next.hash = '';
  return { ok: true, url: next };
}

/** Why a resolved address set must not be connected to (every address must be public), or null. */
export function resolvedProblem(name: string, addresses: readonly string[]): string | null {
  // One message whatever the reason, so the answer is no oracle for internal DNS: it never says
  // whether a name exists inside, nor the address it has there.
  const bad = addresses.length === 0 || addresses.some((a) => addressProblem(a) !== null);
  return bad ? `${name} does not resolve to public addresses only` : null;
}

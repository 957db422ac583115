// FETCH_ALLOW_HOSTS: the intranet issuers an operator trusts. An entry names one host and one
// port (443 when none is written), so allowing an issuer never opens its other services.

/** A parsed allow-list entry, `host:port` with the host as the URL parser writes it. */
export type AllowedHost = string;

/** The `host:port` key a URL is matched on (trailing dot dropped, default port 443). */
export function hostKey(url: URL): AllowedHost {
  return `${url.hostname.replace(/\.$/, '')}:${url.port || '443'}`;
}

/** One FETCH_ALLOW_HOSTS entry normalised to `host:port`, or why it is not one. */
function parseAllowEntry(entry: string): { ok: true; host: AllowedHost } | { ok: false; reason: string } {
  const bad = (reason: string) => ({ ok: false as const, reason: `${JSON.stringify(entry)} ${reason}` });
  if (entry.includes('*')) return bad('has a wildcard; name each host');
  if (/[/?#@\\\s]/.test(entry)) return bad('is not host[:port] (no scheme, path, user or spaces)');
  let url: URL;
  try {
    url = new URL(`https://${entry}`);
  } catch {
    return bad('is not host[:port]');
  }
  if (url.pathname !== '/' || url.username || url.password || url.search || url.hash) return bad('is not host[:port]');
  if (entry.endsWith(':') || url.port === '0') return bad('has an invalid port');
  return { ok: true, host: hostKey(url) };
}

/** Parses the comma-separated list; the first bad entry's reason is thrown as an Error. */
export function parseAllowHosts(raw: string | undefined): AllowedHost[] {
  const hosts: AllowedHost[] = [];
  for (const entry of (raw ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const parsed = parseAllowEntry(entry);
    if (!parsed.ok) throw new Error(parsed.reason);
    hosts.push(parsed.host);
  }
  return [...new Set(hosts)];
}

// did:web as its specification (https://w3c-ccg.github.io/did-method-web/) reads it: the
// method-specific id is a domain name, optionally followed by `%3A` and a port, then optional
// colon-separated path segments. The id maps to `https://<domain>[:port]/<path>/did.json`, or to
// `/.well-known/did.json` without a path. Anything a URL parser could read as something else
// (a path, query or fragment smuggled in with %2F, %3F, %23; userinfo; an IP address; `..`)
// is refused here, before any URL is built.

/** A did:web DID read into the https URL of its DID document, or why it is not a valid one. */
export type DidWebTarget = { ok: true; host: string; port: number | null; path: string[]; url: string } | { ok: false; reason: string };

// DID syntax (DID Core §3.1): idchar = ALPHA / DIGIT / "." / "-" / "_" / pct-encoded.
const SEGMENT = /^(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})+$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// Escapes that would change the URL's structure or meaning if decoded anywhere downstream.
const STRUCTURAL = /[/?#\\%\u0000-\u001f\u007f]/;

function hostProblem(host: string): string | null {
  if (host.includes('%')) return 'the host carries a percent-escape (only %3A before a port is allowed)';
  if (host.includes('@')) return 'the host carries userinfo';
  if (host.includes('[') || host.includes(']')) return 'the host is an IP address';
  if (host.length > 253 || !host.split('.').every((label) => LABEL.test(label))) return 'the host is not a domain name';
  let parsed: string;
  try {
    parsed = new URL(`https://${host}/`).hostname;
  } catch {
    return 'the host is not a domain name';
  }
  // The URL parser reads `127.1`, `2130706433`, `0x7f.1` and octal forms as IPv4: so do we.
  if (/^\d+\.\d+\.\d+\.\d+$/.test(parsed)) return 'the host is an IP address';
  return parsed === host ? null : 'the host is not a domain name';
}

function segmentProblem(segment: string): string | null {
  if (segment === '') return 'a path segment is empty';
  if (!SEGMENT.test(segment)) return 'a path segment has characters a DID does not allow';
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return 'a path segment is not valid percent-encoded UTF-8';
  }
  if (STRUCTURAL.test(decoded)) return 'a path segment hides /, ?, #, \\, % or a control character';
  if (decoded === '.' || decoded === '..') return 'a path segment is . or ..';
  return null;
}

/** Reads a did:web DID (no fragment or query) into the URL of its DID document. */
export function didWebTarget(did: string): DidWebTarget {
  const fail = (reason: string): DidWebTarget => ({ ok: false, reason });
  if (!did.startsWith('did:web:')) return { ok: false, reason: 'not a did:web DID' };
  const [authority = '', ...segments] = did.slice('did:web:'.length).split(':');
  if (authority === '') return fail('the host is empty');
  const m = /^(.*?)(?:%3[Aa](\d{1,5}))?$/.exec(authority)!;
  const host = m[1]!.toLowerCase();
  const port = m[2] === undefined ? null : Number(m[2]);
  if (port !== null && (port < 1 || port > 65535)) return fail('the port is out of range');
  const hostIssue = hostProblem(host);
  if (hostIssue) return fail(hostIssue);
  for (const segment of segments) {
    const issue = segmentProblem(segment);
    if (issue) return fail(issue);
  }
  const origin = `https://${host}${port === null || port === 443 ? '' : `:${port}`}`;
  const url = segments.length ? `${origin}/${segments.join('/')}/did.json` : `${origin}/.well-known/did.json`;
  // The URL must read back as exactly what was built: same host, same path, nothing normalised away.
  const back = new URL(url);
  if (back.origin !== origin || back.href !== url) return fail('a URL parser would read it differently');
  return { ok: true, host, port, path: segments, url };
}

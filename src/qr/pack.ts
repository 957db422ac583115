// The text layer of the QR payload: canonical JSON with the deployment's host and the issuer's
// slug spelled once, and high-entropy strings moved out as raw bytes (see tokens.ts). The result
// matches the dictionary's templates (made by this same code) in long runs.
import { canonicalJson } from './canonical-json.js';
import { DATE, DATE_TIME, HEX32, HOST_TAG, SALT, SAME_DATE_TIME, SIGNATURE, SLUG_TAG, TOKENS, UUID, type Token } from './tokens.js';

/** A credential as the QR payload carries it: `header` + `body` is deflated, `blobs` travel raw. */
export interface Packed {
  /** `<host>\0<slug>\0`: the names the body's HOST_TAG and SLUG_TAG stand for (either may be empty). */
  header: string;
  body: string;
  blobs: Uint8Array;
}

/** Thrown by unpack on input no encoder produces; payload.ts turns it into a MALFORMED_VALUE. */
export class UnpackError extends Error {
  override name = 'UnpackError';
}

const HOST_CHARS = /^[A-Za-z0-9.-]+$/;
const SLUG_CHARS = /^[a-z0-9-]+$/;

/**
 * The host of the deployment and the issuer's slug, read from a did:web issuer of ours
 * (`did:web:<host>[%3Aport]:issuers:<slug>`) or else from a status list URL (`…/status/<slug>/…`).
 */
export function deploymentNames(credential: Record<string, unknown>): { host: string; slug: string } {
  const issuer = credential.issuer;
  const issuerId = typeof issuer === 'string' ? issuer : typeof issuer === 'object' && issuer ? (issuer as { id?: unknown }).id : undefined;
  const did = typeof issuerId === 'string' ? /^did:web:([^:%]+)(?:%3A\d+)?:issuers:([^:]+)$/.exec(issuerId) : null;
  if (did && HOST_CHARS.test(did[1]!) && SLUG_CHARS.test(did[2]!)) return { host: did[1]!, slug: did[2]! };
  const status = credential.credentialStatus;
  const first = (Array.isArray(status) ? status[0] : status) as { statusListCredential?: unknown } | undefined;
  const url = typeof first?.statusListCredential === 'string' ? /^https?:\/\/([^/:]+)(?::\d+)?\/(?:.*\/)?status\/([^/]+)\//.exec(first.statusListCredential) : null;
  if (url && HOST_CHARS.test(url[1]!) && SLUG_CHARS.test(url[2]!)) return { host: url[1]!, slug: url[2]! };
  return { host: '', slug: '' };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// One left-to-right pass; each alternative names the token it may become. Only whole JSON string
// values (or the known key contexts) are candidates, so ordinary words stay text.
const CANDIDATES = new RegExp(
  [
    '(?<signature>(?<="proofValue":"z)[1-9A-HJ-NP-Za-km-z]{80,90}(?="))',
    '(?<salt>(?<="salt":")[A-Za-z0-9_-]{22}(?="))',
    '(?<dateTime>(?<=")\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z(?="))',
    '(?<date>(?<=")\\d{4}-\\d{2}-\\d{2}(?="))',
    '(?<uuid>(?<![0-9a-f])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9a-f]))',
    '(?<hex>(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f]))',
  ].join('|'),
  'g',
);

const BY_GROUP: Record<string, Token> = { signature: SIGNATURE, salt: SALT, dateTime: DATE_TIME, date: DATE, uuid: UUID, hex: HEX32 };

/** Packs a credential (a plain JSON object) for the QR payload. Throws MALFORMED_VALUE if it is not exact JSON. */
export function packCredential(credential: Record<string, unknown>): Packed {
  const { host, slug } = deploymentNames(credential);
  let body = canonicalJson(credential);
  // Only where a host or slug sits in our URL and DID shapes: elsewhere the same letters stay text.
  if (host) body = body.replace(new RegExp(`(?<=did:web:|//)${escapeRegExp(host)}(?=[:/%"#?])`, 'g'), HOST_TAG);
  if (slug) body = body.replace(new RegExp(`(?<=:issuers:|/status/|:enterprise:)${escapeRegExp(slug)}(?=[:/#"])`, 'g'), SLUG_TAG);

  const blobs: Uint8Array[] = [];
  let lastDateTime: string | undefined;
  body = body.replace(CANDIDATES, (match: string, ...args: unknown[]) => {
    const groups = args[args.length - 1] as Record<string, string | undefined>;
    const name = Object.keys(BY_GROUP).find((g) => groups[g] !== undefined)!;
    const token = BY_GROUP[name]!;
    if (token === DATE_TIME && match === lastDateTime) return SAME_DATE_TIME;
    const bytes = token.encode(match);
    if (!bytes) return match;
    if (token === DATE_TIME) lastDateTime = match;
    blobs.push(bytes);
    return token.tag;
  });
  return { header: `${host}\0${slug}\0`, body, blobs: concat(blobs) };
}

/**
 * Reverses packCredential on the inflated text: restores host, slug and tokens and returns the
 * canonical JSON. Stops with UnpackError past `maxChars` (tags could otherwise multiply the size),
 * on an unknown tag, or when the raw bytes run short or are left over.
 */
export function unpackCredential(text: string, blobs: Uint8Array, maxChars: number): string {
  const hostEnd = text.indexOf('\0');
  const slugEnd = hostEnd < 0 ? -1 : text.indexOf('\0', hostEnd + 1);
  if (slugEnd < 0) throw new UnpackError('no header');
  const names: Record<string, string> = { [HOST_TAG]: text.slice(0, hostEnd), [SLUG_TAG]: text.slice(hostEnd + 1, slugEnd) };
  const body = text.slice(slugEnd + 1);
  let offset = 0;
  let size = body.length;
  let lastDateTime: string | undefined;
  const json = body.replace(/[\x00-\x1f]/g, (tag) => {
    let out: string;
    const token = TOKENS.get(tag);
    if (token) {
      if (offset + token.bytes > blobs.length) throw new UnpackError('raw bytes end early');
      out = token.decode(blobs.subarray(offset, offset + token.bytes));
      offset += token.bytes;
      if (token === DATE_TIME) lastDateTime = out;
    } else if (tag === SAME_DATE_TIME) {
      if (lastDateTime === undefined) throw new UnpackError('repeated date-time before any date-time');
      out = lastDateTime;
    } else if (tag in names) {
      out = names[tag]!;
    } else {
      throw new UnpackError(`unknown tag 0x${tag.charCodeAt(0).toString(16)}`);
    }
    size += out.length - 1;
    if (size > maxChars) throw new UnpackError(`larger than ${maxChars} characters`);
    return out;
  });
  if (offset !== blobs.length) throw new UnpackError(`${blobs.length - offset} raw bytes left over`);
  return json;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

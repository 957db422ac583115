// The text layer of the QR payload: canonical JSON with the deployment's host and the issuer's
// slug spelled once, and high-entropy strings moved out as raw bytes (see tokens.ts). The result
// matches the dictionary's templates (made by this same code) in long runs.
import { canonicalJson } from './canonical-json.js';
import { DATE, DATE_TIME, DID_HOST_TAG, HEX32, HOST_TAG, SALT, SAME_DATE_TIME, SIGNATURE, SLUG_TAG, TOKENS, UUID, type Token } from './tokens.js';

/** A credential as the QR payload carries it: `header` + `body` is deflated, `blobs` travel raw. */
export interface Packed {
  /** `<authority>\0<slug>\0`: what the body's host tags and SLUG_TAG stand for (either may be empty). */
  header: string;
  body: string;
  blobs: Uint8Array;
}

/** Thrown by unpack on input no encoder produces; payload.ts turns it into a MALFORMED_VALUE. */
export class UnpackError extends Error {
  override name = 'UnpackError';
  constructor(
    message: string,
    readonly tooLarge = false,
  ) {
    super(message);
  }
}

const AUTHORITY = /^[A-Za-z0-9.-]+(?::\d{1,5})?$/;
const SLUG = /^[a-z0-9-]+$/;

/**
 * The deployment's authority (`host[:port]`) and the issuer's slug, read from a did:web issuer of
 * ours (`did:web:<host>[%3Aport][:path]:issuers:<slug>`) or else from a status list URL
 * (`https://<authority>/[path/]status/<slug>/…`). Empty strings when neither is there.
 */
function deploymentNames(credential: Record<string, unknown>): { authority: string; slug: string } {
  const issuer = credential.issuer;
  const issuerId = typeof issuer === 'string' ? issuer : typeof issuer === 'object' && issuer ? (issuer as { id?: unknown }).id : undefined;
  const did = typeof issuerId === 'string' ? /^did:web:([^:%]+)(?:%3A(\d+))?(?::[^:]+)*:issuers:([^:]+)$/.exec(issuerId) : null;
  if (did) {
    const authority = did[2] ? `${did[1]}:${did[2]}` : did[1]!;
    if (AUTHORITY.test(authority) && SLUG.test(did[3]!)) return { authority, slug: did[3]! };
  }
  const status = credential.credentialStatus;
  const first = (Array.isArray(status) ? status[0] : status) as { statusListCredential?: unknown } | undefined;
  const list = first?.statusListCredential;
  const url = typeof list === 'string' ? /^https?:\/\/([^/]+)\/(?:.*\/)?status\/([^/]+)\//.exec(list) : null;
  if (url && AUTHORITY.test(url[1]!) && SLUG.test(url[2]!)) return { authority: url[1]!, slug: url[2]! };
  return { authority: '', slug: '' };
}

/** The authority as did:web writes it: the port's colon percent-encoded. */
function didAuthority(authority: string): string {
  return authority.replace(':', '%3A');
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
  const { authority, slug } = deploymentNames(credential);
  let body = canonicalJson(credential);
  // Only where the authority or slug sits in our URL and DID shapes: elsewhere the same letters stay text.
  if (authority) {
    body = body.replace(new RegExp(`(?<=//)${escapeRegExp(authority)}(?=[/"#?])`, 'g'), HOST_TAG);
    body = body.replace(new RegExp(`(?<=did:web:)${escapeRegExp(didAuthority(authority))}(?=[:"#?])`, 'g'), DID_HOST_TAG);
  }
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
  return { header: `${authority}\0${slug}\0`, body, blobs: concat(blobs) };
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
  const authority = text.slice(0, hostEnd);
  const names: Record<string, string> = {
    [HOST_TAG]: authority,
    [DID_HOST_TAG]: didAuthority(authority),
    [SLUG_TAG]: text.slice(hostEnd + 1, slugEnd),
  };
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
    if (size > maxChars) throw new UnpackError(`larger than ${maxChars} characters`, true);
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

// The text inside the QR code: a URL to the verify page with the payload in the fragment, so a
// phone camera opens the page and the credential never reaches a server log.
//
//   HTTPS://CERTS.EXAMPLE.CN/V#<PAYLOAD>      the whole credential (payload.ts)
//   HTTPS://CERTS.EXAMPLE.CN/V#ID:<BASE32>    fallback: only the credential id, verified online
//
// Scheme and host are case-insensitive, so they are written in upper case and the URL up to `#`
// stays in QR alphanumeric mode. A base path of PUBLIC_URL (e.g. `/skillcred`) is kept exactly as
// configured: paths are case-sensitive on most servers and proxies, and a lower-case path only
// costs a few bytes in byte mode. The verify page itself is `<base>/V`: the server must answer
// `/V` as well as `/v`.
import { base32nopad } from '@scure/base';
import { QrPayloadError } from './errors.js';

/** What a scanned or pasted text holds. */
export type QrContent = { kind: 'credential'; payload: string } | { kind: 'id'; id: string };

const ID_PREFIX = 'ID:';
const MAX_ID_BYTES = 512;

/** The verify page's URL in QR form: `HTTPS://<HOST>[<base path>]/V#`. Only http and https. */
export function verifyPageBase(publicUrl: string): string {
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch (e) {
    throw new QrPayloadError('not-a-qr-url', `public URL ${JSON.stringify(publicUrl)} is not a URL`, e);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new QrPayloadError('not-a-qr-url', `public URL must be http or https, not ${url.protocol}`);
  }
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol.toUpperCase()}//${url.host.toUpperCase()}${path}/V#`;
}

/** The QR text for a whole credential: `HTTPS://<HOST>/V#<PAYLOAD>`. */
export function qrUrl(publicUrl: string, payload: string): string {
  return verifyPageBase(publicUrl) + payload;
}

/** The fallback QR text naming only the credential: `HTTPS://<HOST>/V#ID:<base32 of the UTF-8 id>`. */
export function qrIdUrl(publicUrl: string, credentialId: string): string {
  const bytes = new TextEncoder().encode(credentialId);
  if (bytes.length === 0 || bytes.length > MAX_ID_BYTES) throw new QrPayloadError('not-a-qr-url', `a credential id must be 1–${MAX_ID_BYTES} bytes`);
  return verifyPageBase(publicUrl) + ID_PREFIX + base32nopad.encode(bytes);
}

/**
 * Reads a scanned or pasted text: a verify URL of any host (scheme, host, `/V` and the fragment in
 * any case; whitespace around ignored), or a bare payload. Base32 is case-insensitive, so the
 * payload comes back upper-cased. Throws QrPayloadError (MALFORMED_VALUE) for anything else.
 */
export function readQrText(text: string): QrContent {
  if (typeof text !== 'string') throw new QrPayloadError('not-a-qr-url', 'is not text');
  const trimmed = text.trim();
  const url = /^https?:\/\/[^/?#\s]+(?:\/[^?#\s]*)?\/v#(\S*)$/i.exec(trimmed);
  const fragment = (url ? url[1]! : trimmed).toUpperCase();
  if (fragment.startsWith(ID_PREFIX)) return { kind: 'id', id: decodeId(fragment.slice(ID_PREFIX.length)) };
  if (/^[A-Z2-7]+$/.test(fragment)) return { kind: 'credential', payload: fragment };
  throw new QrPayloadError(
    fragment.length === 0 ? 'empty' : 'not-a-qr-url',
    url ? 'the verify link holds neither a credential nor a credential id' : 'is neither a verify link nor a payload',
  );
}

/** The payload of a verify URL or bare payload; throws if the text is a fallback id link or unreadable. */
export function parseQrUrl(text: string): string {
  const content = readQrText(text);
  if (content.kind !== 'credential') throw new QrPayloadError('not-a-qr-url', 'holds a credential id, not a credential: verify it online');
  return content.payload;
}

function decodeId(encoded: string): string {
  try {
    const bytes = base32nopad.decode(encoded);
    if (bytes.length === 0 || bytes.length > MAX_ID_BYTES) throw new Error(`id of ${bytes.length} bytes`);
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    throw new QrPayloadError('corrupt', `the credential id is not readable (${(e as Error).message})`, e);
  }
}

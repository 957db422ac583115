// The high-entropy strings of a credential (signature, ids, hashes, salts, timestamps) cost deflate
// 25–40% more than their raw bytes: they leave the text as one control-character tag each and
// their bytes travel beside the deflate stream. Canonical JSON never holds a raw control
// character (JSON.stringify escapes U+0000–U+001F), so tags cannot collide with content.
import { base58, base64urlnopad } from '@scure/base';

/** One kind of string that travels as raw bytes: its tag, its byte length, and both directions. */
export interface Token {
  tag: string;
  bytes: number;
  /** The raw bytes of `text`, or null when they would not render back to exactly `text`. */
  encode(text: string): Uint8Array | null;
  decode(bytes: Uint8Array): string;
}

const HEX = '0123456789abcdef';

function hexEncode(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += HEX[b >> 4]! + HEX[b & 15]!;
  return s;
}

function hexDecode(text: string): Uint8Array | null {
  if (!/^(?:[0-9a-f]{2})*$/.test(text)) return null;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function uint(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) n = n * 256 + b;
  return n;
}

function bytesOf(n: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = length - 1; i >= 0; i--) {
    out[i] = n % 256;
    n = Math.floor(n / 256);
  }
  return out;
}

const DAY = 86_400_000;

// Only the forms our issuer writes: whole seconds, `Z`, years 1970–9999 (5 bytes of seconds).
function dateTimeText(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

function safely<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch {
    return null;
  }
}

/** A lowercase UUID `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` as 16 bytes. */
export const UUID: Token = {
  tag: '\x03',
  bytes: 16,
  encode: (text) => (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(text) ? hexDecode(text.replace(/-/g, '')) : null),
  decode: (b) => {
    const h = hexEncode(b);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  },
};

/** 64 lowercase hex digits (a SHA-256 such as the holder's identity hash) as 32 bytes. */
export const HEX32: Token = {
  tag: '\x04',
  bytes: 32,
  encode: (text) => (text.length === 64 ? hexDecode(text) : null),
  decode: hexEncode,
};

/** A base58btc Ed25519 signature (after the multibase `z`) as its 64 bytes. */
export const SIGNATURE: Token = {
  tag: '\x05',
  bytes: 64,
  encode: (text) => {
    const bytes = safely(() => base58.decode(text));
    return bytes?.length === 64 && base58.encode(bytes) === text ? bytes : null;
  },
  decode: (b) => base58.encode(b),
};

/** A 22-character base64url salt as its 16 bytes. */
export const SALT: Token = {
  tag: '\x06',
  bytes: 16,
  encode: (text) => {
    const bytes = safely(() => base64urlnopad.decode(text));
    return bytes?.length === 16 && base64urlnopad.encode(bytes) === text ? bytes : null;
  },
  decode: (b) => base64urlnopad.encode(b),
};

/** `YYYY-MM-DDTHH:MM:SSZ` as 5 bytes of seconds since 1970. */
export const DATE_TIME: Token = {
  tag: '\x07',
  bytes: 5,
  encode: (text) => {
    const ms = Date.parse(text);
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(text) || !(ms >= 0) || dateTimeText(ms / 1000) !== text) return null;
    return bytesOf(ms / 1000, 5);
  },
  decode: (b) => dateTimeText(uint(b)),
};

/** `YYYY-MM-DD` as 2 bytes of days since 1970 (up to 2149). */
export const DATE: Token = {
  tag: '\x08',
  bytes: 2,
  encode: (text) => {
    const ms = Date.parse(`${text}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || !(ms >= 0) || ms / DAY > 0xffff) return null;
    return new Date(ms).toISOString().slice(0, 10) === text ? bytesOf(ms / DAY, 2) : null;
  },
  decode: (b) => new Date(uint(b) * DAY).toISOString().slice(0, 10),
};

/** Every token, by tag. */
export const TOKENS: ReadonlyMap<string, Token> = new Map([UUID, HEX32, SIGNATURE, SALT, DATE_TIME, DATE].map((t) => [t.tag, t]));

/** Tag of "the same date-time as the previous DATE_TIME token" (proof `created` = `validFrom`). */
export const SAME_DATE_TIME = '\x0e';
/** Tags standing for the deployment's authority (in URLs; in did:web) and the issuer's slug, spelled once in the header. */
export const HOST_TAG = '\x01';
export const SLUG_TAG = '\x02';
export const DID_HOST_TAG = '\x0f';

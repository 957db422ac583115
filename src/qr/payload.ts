// The compact QR payload: a whole signed credential in upper-case base32, small enough for a
// QR code of version ≤ 16 at error correction M. Runs unchanged on Node, Workers and browsers.
//
// As bytes before base32 (RFC 4648, upper case, no padding — QR alphanumeric mode):
//   [0]      format version: 1 or 2
//   [1..]    LEB128 length B of the raw section
//   B bytes  raw section: the token bytes (tokens.ts), in the order their tags appear
//   rest     raw DEFLATE (RFC 1951) of the UTF-8 packed text (pack.ts), with the format's preset
//            dictionary: QR_DICTIONARY_V1 for format 1, QR_DICTIONARY_V2 for format 2
// The two formats differ only in the dictionary. Format 2 (written since certificates carry a
// relatedResource digest of our context and the keyed holder binding) has both in its templates;
// without them a certificate needed QR version 17 under format 1. The dictionary is part of the
// format: once codes of a format are printed, its dictionary never changes; new wording gets a new
// format version and the decoder keeps the old ones (format-1 codes are out there).
import { base32nopad } from '@scure/base';
import { deflateSync, inflateSync } from 'fflate';
import { canonicalJson } from './canonical-json.js';
import { QR_DICTIONARY_V1 } from './dictionary-v1.js';
import { QR_DICTIONARY_V2 } from './dictionary-v2.js';
import { QrPayloadError } from './errors.js';
import { packCredential, UnpackError, unpackCredential } from './pack.js';

/** A QR payload format this code reads. */
export type QrFormat = 1 | 2;
/** The format the encoder writes. */
export const QR_FORMAT_VERSION: QrFormat = 2;
const DICTIONARIES: Record<QrFormat, string> = { 1: QR_DICTIONARY_V1, 2: QR_DICTIONARY_V2 };
/** Every format the decoder reads, oldest first. */
export const QR_FORMATS_READ: readonly QrFormat[] = [1, 2];
/** The most characters any QR code holds in alphanumeric mode (version 40, level L). */
export const MAX_PAYLOAD_CHARS = 4296;
/** A credential larger than this (UTF-16 units of canonical JSON) is refused by the decoder. */
export const MAX_CREDENTIAL_CHARS = 64 * 1024;

const dictionaryBytes = new Map<QrFormat, Uint8Array>();
function dictionary(format: QrFormat): Uint8Array {
  let bytes = dictionaryBytes.get(format);
  if (!bytes) {
    bytes = new TextEncoder().encode(DICTIONARIES[format]);
    dictionaryBytes.set(format, bytes);
  }
  return bytes;
}

function isFormat(byte: number | undefined): byte is QrFormat {
  return QR_FORMATS_READ.includes(byte as QrFormat);
}

/**
 * Compresses a signed credential into the QR payload (upper-case base32), in format 2 unless an
 * older one is asked for (only to compare sizes or make test fixtures: every reader reads 2).
 */
export async function encodeQrPayload(credential: object, options: { format?: QrFormat } = {}): Promise<string> {
  const format = options.format ?? QR_FORMAT_VERSION;
  if (credential === null || typeof credential !== 'object' || Array.isArray(credential)) {
    throw new QrPayloadError('not-a-credential', 'a credential must be a JSON object');
  }
  const packed = packCredential(credential as Record<string, unknown>);
  const deflated = deflateSync(new TextEncoder().encode(packed.header + packed.body), { level: 9, dictionary: dictionary(format) });
  const length = leb128(packed.blobs.length);
  const bytes = new Uint8Array(1 + length.length + packed.blobs.length + deflated.length);
  bytes[0] = format;
  bytes.set(length, 1);
  bytes.set(packed.blobs, 1 + length.length);
  bytes.set(deflated, 1 + length.length + packed.blobs.length);
  const payload = base32nopad.encode(bytes);
  // A printed code cannot be recalled: prove it decodes to the same credential before handing it out.
  const back = await decodeQrPayload(payload);
  if (canonicalJson(back) !== canonicalJson(credential)) throw new Error('QR payload does not round-trip: encoder bug');
  return payload;
}

/** Restores the exact credential from a QR payload; throws QrPayloadError (MALFORMED_VALUE) otherwise. */
export async function decodeQrPayload(payload: string): Promise<object> {
  const bytes = base32Bytes(payload);
  const format = bytes[0];
  if (!isFormat(format)) {
    throw new QrPayloadError('unsupported-version', `format version ${format} is not one this service reads (it reads ${QR_FORMATS_READ.join(' and ')})`);
  }
  const [rawLength, rawStart] = readLeb128(bytes, 1);
  const deflateStart = rawStart + rawLength;
  if (deflateStart >= bytes.length) throw new QrPayloadError('truncated', 'it ends before its compressed part');
  const deflated = bytes.subarray(deflateStart);
  let json: string;
  try {
    json = unpackCredential(inflate(deflated, dictionary(format)), bytes.subarray(rawStart, deflateStart), MAX_CREDENTIAL_CHARS);
  } catch (e) {
    if (e instanceof QrPayloadError) throw e;
    const why = (e as Error).message;
    if (e instanceof UnpackError) throw new QrPayloadError(e.tooLarge ? 'too-large' : 'corrupt', `does not unpack (${why})`, e);
    throw new QrPayloadError(why === 'unexpected EOF' ? 'truncated' : 'corrupt', `cannot be decompressed (${why})`, e);
  }
  let credential: unknown;
  try {
    credential = JSON.parse(json);
  } catch (e) {
    throw new QrPayloadError('corrupt', 'does not decompress to JSON', e);
  }
  if (credential === null || typeof credential !== 'object' || Array.isArray(credential)) {
    throw new QrPayloadError('not-a-credential', 'does not hold a JSON object');
  }
  return credential;
}

function base32Bytes(payload: string): Uint8Array {
  if (typeof payload !== 'string') throw new QrPayloadError('not-base32', 'is not text');
  if (payload.length === 0) throw new QrPayloadError('empty', 'is empty');
  if (payload.length > MAX_PAYLOAD_CHARS) throw new QrPayloadError('too-long', `is longer than any QR code holds (${MAX_PAYLOAD_CHARS} characters)`);
  if (!/^[A-Z2-7]+$/.test(payload)) {
    if (/^[A-Za-z2-7]+$/.test(payload)) throw new QrPayloadError('lower-case', 'has lower-case letters; payloads are upper-case base32');
    throw new QrPayloadError('not-base32', 'has characters outside upper-case base32 (A–Z, 2–7)');
  }
  try {
    return base32nopad.decode(payload);
  } catch (e) {
    // Only a length or trailing-bit fault is left: some characters are missing.
    throw new QrPayloadError('truncated', `is not whole base32 (${(e as Error).message})`, e);
  }
}

/**
 * Inflates with the dictionary into a fixed buffer: fflate does not grow a buffer it is given, so a
 * bomb fills it and stops instead of allocating. Starts small (a credential is a few KB) and
 * retries larger up to the cap.
 */
function inflate(deflated: Uint8Array, dictionary: Uint8Array): string {
  const cap = MAX_CREDENTIAL_CHARS * 3;
  for (let size = 16 * 1024; ; size *= 4) {
    const buffer = new Uint8Array(Math.min(size, cap) + 1);
    const out = inflateSync(deflated, { dictionary, out: buffer });
    if (out.length < buffer.length) {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(out);
      // Inflate stops at the final block and ignores what follows; a canonical stream has nothing
      // after it, so without its last byte it must fail.
      if (deflated.length > 1 && inflates(deflated.subarray(0, deflated.length - 1), dictionary, buffer)) {
        throw new QrPayloadError('corrupt', 'has bytes after its compressed data');
      }
      return text;
    }
    if (buffer.length > cap) throw new QrPayloadError('too-large', `decompresses to more than ${cap} bytes`);
  }
}

function inflates(deflated: Uint8Array, dictionary: Uint8Array, buffer: Uint8Array): boolean {
  try {
    inflateSync(deflated, { dictionary, out: buffer });
    return true;
  } catch {
    return false;
  }
}

function leb128(n: number): Uint8Array {
  const out: number[] = [];
  do {
    out.push((n & 0x7f) | (n >= 0x80 ? 0x80 : 0));
    n = Math.floor(n / 128);
  } while (n > 0);
  return Uint8Array.from(out);
}

function readLeb128(bytes: Uint8Array, at: number): [number, number] {
  let n = 0;
  for (let shift = 0; shift < 21; shift += 7) {
    const b = bytes[at++];
    if (b === undefined) throw new QrPayloadError('truncated', 'ends inside its header');
    n += (b & 0x7f) * 2 ** shift;
    if (b === 0 && shift > 0) throw new QrPayloadError('corrupt', 'has a header that is not minimal');
    if (b < 0x80) return [n, at];
  }
  throw new QrPayloadError('corrupt', 'has an overlong header');
}

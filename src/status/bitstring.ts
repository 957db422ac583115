// Bitstring Status List v1.0 §3.2: bit 0 is the left-most bit of the first byte; the list is
// GZIP-compressed and written as multibase base64url without padding ('u' prefix).
import { readCapped } from '../util/read-capped.js';

/** gzip as the status lists need it; each runtime brings its fastest implementation. */
export interface Compression {
  gzip(data: Uint8Array): Promise<Uint8Array>;
  /** Throws RangeError when the output would exceed `maxBytes` (a gzip bomb guard). */
  gunzip(data: Uint8Array, maxBytes: number): Promise<Uint8Array>;
}

/** gzip through CompressionStream: Workers, browsers, Node. */
export const streamCompression: Compression = {
  gzip: (data) => pump(data, new CompressionStream('gzip'), Number.MAX_SAFE_INTEGER),
  gunzip: (data, maxBytes) => pump(data, new DecompressionStream('gzip'), maxBytes),
};

async function pump(input: Uint8Array, stream: CompressionStream | DecompressionStream, limit: number): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  void writer.write(input as BufferSource).catch(() => {});
  void writer.close().catch(() => {});
  return readCapped(stream.readable as ReadableStream<Uint8Array>, limit, () => {
    throw new RangeError(`decompressed status list exceeds ${limit} bytes`);
  });
}

function toBase64url(bytes: Uint8Array): string {
  let bin = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new TypeError('not base64url');
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** A bitstring of `size` bits with the given indexes set. */
export function bitsWithSet(size: number, indexes: Iterable<number>): Uint8Array {
  const bits = new Uint8Array(Math.ceil(size / 8));
  for (const i of indexes) {
    if (i < 0 || i >= size) throw new RangeError(`index ${i} outside a list of ${size}`);
    bits[i >> 3]! |= 0x80 >> (i & 7);
  }
  return bits;
}

/** Whether bit `index` is set. */
export function bitAt(bits: Uint8Array, index: number): boolean {
  const byte = bits[index >> 3];
  if (byte === undefined) throw new RangeError(`index ${index} outside a list of ${bits.length * 8}`);
  return (byte & (0x80 >> (index & 7))) !== 0;
}

/** `u` + base64url(gzip(bits)): the `encodedList` of a BitstringStatusList. */
export async function encodeList(bits: Uint8Array, compression: Compression = streamCompression): Promise<string> {
  return 'u' + toBase64url(await compression.gzip(bits));
}

/** Decodes an `encodedList` (multibase base64url, or bare base64url as older lists wrote it). */
export async function decodeList(encoded: string, maxBytes = 16 * 1024 * 1024, compression: Compression = streamCompression): Promise<Uint8Array> {
  const text = encoded.startsWith('u') ? encoded.slice(1) : encoded;
  return compression.gunzip(fromBase64url(text), maxBytes);
}

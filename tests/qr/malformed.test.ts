import { isDeepStrictEqual } from 'node:util';
import { base32nopad } from '@scure/base';
import { deflateSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SkillcredError } from '../../src/errors.js';
import { QR_DICTIONARY_V1 } from '../../src/qr/dictionary-v1.js';
import { decodeQrPayload, encodeQrPayload, QrPayloadError, readQrText, type QrProblem } from '../../src/qr/index.js';
import { bearer, createTestApp, skillLevelRequest, type TestApp } from '../helpers/app.js';

let t: TestApp;
let credential: Record<string, unknown>;
let payload: string;
beforeAll(async () => {
  t = await createTestApp();
  const res = await t.call('POST', '/v1/certificates', skillLevelRequest(), bearer(t.devKey));
  credential = ((await res.json()) as { verifiableCredential: Record<string, unknown> }).verifiableCredential;
  payload = await encodeQrPayload(credential);
});
afterAll(() => t.close());

/** Resolves to the QrPayloadError the decoder threw (failing the test if it decoded or threw something else). */
async function rejection(p: string): Promise<QrPayloadError> {
  const outcome = await decodeQrPayload(p).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(outcome, `decoding ${String(p).slice(0, 40)}… must fail`).toBeInstanceOf(QrPayloadError);
  const e = outcome as QrPayloadError;
  expect(e).toBeInstanceOf(SkillcredError);
  expect(e.code).toBe('MALFORMED_VALUE');
  expect(e.status).toBe(422);
  expect(e.message).toMatch(/^QR payload: /);
  return e;
}

/** A format-1 payload around hand-made packed text and raw bytes. */
function forge(text: string, raw: Uint8Array = new Uint8Array(0), version = 1): string {
  const deflated = deflateSync(new TextEncoder().encode(text), { dictionary: new TextEncoder().encode(QR_DICTIONARY_V1) });
  return base32nopad.encode(Uint8Array.from([version, raw.length, ...raw, ...deflated]));
}

describe('decodeQrPayload refuses what no encoder wrote, with a clear MALFORMED_VALUE', () => {
  it('every truncation of a real payload', async () => {
    const problems = new Set<QrProblem>();
    for (let n = 0; n < payload.length; n++) problems.add((await rejection(payload.slice(0, n))).problem);
    // cut inside the base32 quantum, inside the compressed data, or before it
    expect([...problems].every((p) => ['empty', 'truncated', 'corrupt'].includes(p))).toBe(true);
    expect(problems).toContain('truncated');
  });

  it('a flipped character either fails or decodes to a credential that is no longer the original (or, in the compressed part, to the same text)', async () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    let failed = 0;
    let differs = 0;
    const identical: number[] = [];
    for (let i = 0; i < payload.length; i++) {
      const c = alphabet[(alphabet.indexOf(payload[i]!) + 1 + (i % 31)) % 32]!;
      const flipped = payload.slice(0, i) + c + payload.slice(i + 1);
      const outcome = await decodeQrPayload(flipped).then(
        (v) => v,
        (e: unknown) => e,
      );
      if (outcome instanceof QrPayloadError) failed++;
      else if (outcome instanceof Error) throw outcome;
      else if (!isDeepStrictEqual(outcome, credential)) differs++;
      else identical.push(i);
    }
    expect(failed + differs + identical.length).toBe(payload.length);
    expect(failed).toBeGreaterThan(0);
    expect(differs).toBeGreaterThan(0);
    // What can change unnoticed carries nothing, so the credential really is the original: the
    // unused bits after deflate's end-of-block code, in the last byte; and, rarely, a back-reference
    // whose distance moves by one inside a run of one character (`0000…`), copying the same text.
    // Never the header or the raw section (signature, ids, hashes, salt, dates): all of it is read.
    const bytes = base32nopad.decode(payload);
    let at = 1;
    let raw = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[at++]!;
      raw += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) break;
    }
    const firstDeflateChar = Math.ceil(((at + raw) * 8) / 5);
    expect(
      identical.every((i) => i >= firstDeflateChar),
      `identical at ${identical.join(',')}, compressed part from ${firstDeflateChar}`,
    ).toBe(true);
    expect(identical.filter((i) => i < payload.length - 2).length, `identical at ${identical.join(',')}`).toBeLessThanOrEqual(2);
  });

  it('lower case: the payload alphabet is upper case (readQrText folds case for scanned text)', async () => {
    expect((await rejection(payload.toLowerCase())).problem).toBe('lower-case');
    expect((await rejection(payload.slice(0, 10) + payload.slice(10).toLowerCase())).problem).toBe('lower-case');
    const scanned = readQrText(payload.toLowerCase());
    expect(scanned.kind === 'credential' && isDeepStrictEqual(await decodeQrPayload(scanned.payload), credential)).toBe(true);
  });

  it('characters outside base32', async () => {
    for (const bad of [
      payload.replace(/A/, '0'),
      payload.replace(/B/, '1'),
      payload + '=',
      payload.replace(/C/, '8'),
      ` ${payload}`,
      'HTTPS://CERTS.EXAMPLE.CN/V#' + payload,
      '证书',
      '{"a":1}',
    ]) {
      expect((await rejection(bad)).problem).toBe('not-base32');
    }
  });

  it('empty, too long and non-string input', async () => {
    expect((await rejection('')).problem).toBe('empty');
    expect((await rejection('A'.repeat(5000))).problem).toBe('too-long');
    for (const junk of [undefined, null, 42, {}, ['A']]) expect((await rejection(junk as unknown as string)).problem).toBe('not-base32');
  });

  it('another format version (this code reads 1 and 2)', async () => {
    expect((await rejection(forge('\0\0{}', new Uint8Array(0), 3))).problem).toBe('unsupported-version');
    expect((await rejection(forge('\0\0{}', new Uint8Array(0), 0))).problem).toBe('unsupported-version');
    expect((await rejection(forge('\0\0{}', new Uint8Array(0), 255))).message).toMatch(/reads 1 and 2/);
  });

  it('decompression bombs stop at the cap without allocating more', async () => {
    // a deflate stream of 1 MiB of spaces, and a tag that repeats a 60,000-character host 60,000 times
    const spaces = base32nopad.encode(Uint8Array.from([1, 0, ...deflateSync(new TextEncoder().encode(' '.repeat(1 << 20)), { level: 9 })]));
    const started = performance.now();
    expect((await rejection(spaces)).problem).toBe('too-large');
    expect((await rejection(forge(`${'a'.repeat(60_000)}\0\0"${'\x01'.repeat(60_000)}"`))).problem).toBe('too-large');
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('tags and raw bytes that do not add up', async () => {
    expect((await rejection(forge('\0\0"\x10"'))).message).toMatch(/unknown tag 0x10/);
    expect((await rejection(forge('\0\0"\x03"', new Uint8Array(15)))).message).toMatch(/raw bytes end early/);
    expect((await rejection(forge('\0\0"\x03"', new Uint8Array(17)))).message).toMatch(/1 raw bytes left over/);
    expect((await rejection(forge('\0\0"\x0e"'))).message).toMatch(/repeated date-time/);
    expect((await rejection(forge('no header'))).message).toMatch(/no header/);
  });

  it('what is not a credential: invalid JSON, arrays, strings; bytes after the compressed data', async () => {
    expect((await rejection(forge('\0\0{"a":'))).problem).toBe('corrupt');
    expect((await rejection(forge('\0\0[1,2]'))).problem).toBe('not-a-credential');
    expect((await rejection(forge('\0\0"text"'))).problem).toBe('not-a-credential');
    const bytes = base32nopad.decode(payload);
    const padded = base32nopad.encode(Uint8Array.from([...bytes, 0, 0, 0, 0, 0]));
    expect((await rejection(padded)).problem).toBe('corrupt');
  });
});

describe('encodeQrPayload refuses what it could not restore exactly', () => {
  it('non-JSON values and non-objects', async () => {
    // biome-ignore lint/suspicious/noSparseArray: a hole is exactly what the encoder must refuse
    for (const bad of [{ a: undefined }, { a: Number.NaN }, { a: -0 }, { a: new Date(0) }, { a: [1, , 3] }, { a: () => 1 }, { a: 1n }]) {
      await expect(encodeQrPayload(bad as object)).rejects.toMatchObject({ code: 'MALFORMED_VALUE' });
    }
    for (const bad of [null, [1], 'text']) await expect(encodeQrPayload(bad as unknown as object)).rejects.toBeInstanceOf(QrPayloadError);
  });

  it('keeps odd but valid JSON exact: control characters, lone surrogates, __proto__ keys, tag look-alikes', async () => {
    const odd = JSON.parse(
      '{"__proto__":{"x":1},"s":"\\u0001\\u0003\\u000e\\ud800","t":"urn:uuid:00000000-0000-4000-8000-00000000000A","d":"2025-02-30","e":"1969-12-31T23:59:59Z","n":[0,1.5,-2e-7,1e21],"proofValue":"z111"}',
    ) as object;
    const back = await decodeQrPayload(await encodeQrPayload(odd));
    expect(isDeepStrictEqual(back, odd)).toBe(true);
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
  });
});

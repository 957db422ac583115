import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { base32nopad } from '@scure/base';
import { describe, expect, it } from 'vitest';
import { buildQrDictionaryModule } from '../../scripts/qr-dictionary-source.js';
import { contextRelatedResource } from '../../src/credentials/related-resource.js';
import { QR_DICTIONARY_V1 } from '../../src/qr/dictionary-v1.js';
import { QR_DICTIONARY_V2 } from '../../src/qr/dictionary-v2.js';
import { decodeQrPayload, encodeQrPayload, QR_FORMAT_VERSION, QR_FORMATS_READ } from '../../src/qr/index.js';
import golden1 from './fixtures/golden-v1.json' with { type: 'json' };
import golden2 from './fixtures/golden-v2.json' with { type: 'json' };

const formatOf = (payload: string) => base32nopad.decode(payload)[0];

describe('the QR dictionaries', () => {
  it('format 2’s is what scripts/build-qr-dictionary.ts makes from the current domain (run it when this fails)', async () => {
    const committed = readFileSync(new URL('../../src/qr/dictionary-v2.ts', import.meta.url), 'utf8');
    expect(committed === (await buildQrDictionaryModule()), 'src/qr/dictionary-v2.ts is stale: node --import tsx scripts/build-qr-dictionary.ts').toBe(true);
  });

  it('format 2’s templates carry our context’s relatedResource entry and the keyed holder binding', async () => {
    const related = await contextRelatedResource();
    // canonical JSON sorts keys: digestSRI, id, mediaType
    const packed = JSON.stringify({ digestSRI: related.digestSRI, id: related.id, mediaType: related.mediaType });
    expect(QR_DICTIONARY_V2).toContain(`"relatedResource":[${packed}]`);
    expect(QR_DICTIONARY_V2).toContain('"identityHash":"hmac-sha256$hp-');
    expect(QR_DICTIONARY_V1).not.toContain('relatedResource');
  });

  it('format 1’s never changes: printed format-1 codes need exactly these bytes', () => {
    // Pinned when format 2 came: dictionary-v1.ts is no longer generated (the domain moved on).
    expect(createHash('sha256').update(QR_DICTIONARY_V1, 'utf8').digest('hex')).toBe('83991ae1f60413bfe3d6194a019da58a0f33e32279a76641f0ce00d0527defb7');
  });

  it('both fit deflate’s 32 KiB window', () => {
    for (const dictionary of [QR_DICTIONARY_V1, QR_DICTIONARY_V2]) {
      const bytes = new TextEncoder().encode(dictionary).length;
      expect(bytes).toBeGreaterThan(4_000);
      expect(bytes).toBeLessThanOrEqual(32 * 1024);
    }
  });
});

// Printed codes live for years: payloads written by each format must decode forever. If this fails
// after regenerating a dictionary, either no code of that format was ever printed (then regenerate
// its fixture with scripts/build-qr-golden.ts) or the change needs a new format version that keeps
// the old dictionary.
describe('every format stays readable', () => {
  it('the encoder writes format 2; the decoder reads 1 and 2', () => {
    expect(QR_FORMAT_VERSION).toBe(2);
    expect(QR_FORMATS_READ).toEqual([1, 2]);
  });

  it('format-1 payloads made when format 1 was fixed decode exactly as before; re-encoded they are format 2', async () => {
    expect(golden1.length).toBeGreaterThanOrEqual(4);
    for (const { name, payload, credential } of golden1) {
      expect(formatOf(payload), name).toBe(1);
      expect(isDeepStrictEqual(await decodeQrPayload(payload), credential), name).toBe(true);
      // the format-1 encoder is unchanged too: the same credential gives the same bytes
      expect(await encodeQrPayload(credential, { format: 1 }), name).toBe(payload);
      const now = await encodeQrPayload(credential);
      expect(formatOf(now), name).toBe(2);
      expect(isDeepStrictEqual(await decodeQrPayload(now), credential), name).toBe(true);
    }
  });

  it('format-2 payloads made when format 2 was fixed still decode to their certificates, which carry relatedResource', async () => {
    expect(golden2.length).toBeGreaterThanOrEqual(4);
    const related = await contextRelatedResource();
    for (const { name, payload, credential } of golden2) {
      expect(formatOf(payload), name).toBe(2);
      expect(isDeepStrictEqual(await decodeQrPayload(payload), credential), name).toBe(true);
      expect(await encodeQrPayload(credential), name).toBe(payload);
      if (!name.startsWith('VC API')) expect((credential as { relatedResource?: unknown }).relatedResource, name).toEqual([related]);
    }
  });

  it('a format-2 payload is not readable with format 1’s dictionary (the version byte really selects it)', async () => {
    const { payload, credential } = golden2[0]!;
    const bytes = base32nopad.decode(payload);
    bytes[0] = 1;
    const relabelled = await decodeQrPayload(base32nopad.encode(bytes)).then(
      (c) => c,
      (e: unknown) => e,
    );
    expect(isDeepStrictEqual(relabelled, credential)).toBe(false);
  });
});

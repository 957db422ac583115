import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildQrDictionaryModule } from '../../scripts/qr-dictionary-source.js';
import { QR_DICTIONARY_V1 } from '../../src/qr/dictionary-v1.js';
import { decodeQrPayload, encodeQrPayload } from '../../src/qr/index.js';
import golden from './fixtures/golden-v1.json' with { type: 'json' };

describe('the QR dictionary', () => {
  it('is what scripts/build-qr-dictionary.ts makes from the current domain (run it when this fails)', async () => {
    const committed = readFileSync(new URL('../../src/qr/dictionary-v1.ts', import.meta.url), 'utf8');
    expect(committed === (await buildQrDictionaryModule()), 'src/qr/dictionary-v1.ts is stale: node --import tsx scripts/build-qr-dictionary.ts').toBe(true);
  });

  it('fits deflate’s 32 KiB window', () => {
    const bytes = new TextEncoder().encode(QR_DICTIONARY_V1).length;
    expect(bytes).toBeGreaterThan(4_000);
    expect(bytes).toBeLessThanOrEqual(32 * 1024);
  });
});

// Printed codes live for years: payloads written by format 1 must decode forever. If this fails
// after regenerating the dictionary, either no format-1 code was ever printed (then regenerate
// this fixture) or the change needs a new format version that keeps the old dictionary.
describe('format 1 stays readable', () => {
  it('payloads made when format 1 was fixed still decode to their credentials', async () => {
    expect(golden.length).toBeGreaterThanOrEqual(4);
    for (const { name, payload, credential } of golden) {
      expect(isDeepStrictEqual(await decodeQrPayload(payload), credential), name).toBe(true);
      expect(isDeepStrictEqual(await decodeQrPayload(await encodeQrPayload(credential)), credential), name).toBe(true);
    }
  });
});

import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeQrPayload, encodeQrPayload, parseQrUrl, qrUrl, qrVersion } from '../../src/qr/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { issueCorpus, TYPICAL, type CorpusEntry } from './corpus.js';
import { stockVerifier } from './stock.js';

let t: TestApp;
let corpus: CorpusEntry[];
let verify: ReturnType<typeof stockVerifier>;
beforeAll(async () => {
  t = await createTestApp({ env: { PUBLIC_URL: 'https://certs.example.cn' } });
  corpus = await issueCorpus(t);
  verify = stockVerifier(t);
});
afterAll(() => t.close());

describe('QR payload round trip', () => {
  it('covers every kind the brief names', () => {
    expect(corpus.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        TYPICAL,
        'skill-level jcs',
        'skill-level rdfc +suspension',
        'specialized-ability',
        'enterprise',
        'specialized-ability +suspension',
        'enterprise jcs',
        'VC API vc2 rdfc',
        'VC API vc2 jcs',
        'VC API vc1.1',
        'skill-level did:key',
      ]),
    );
  });

  it('restores every credential exactly, and stock @digitalbazaar/vc still verifies its proof', async () => {
    for (const { name, credential } of corpus) {
      expect((await verify(credential)).verified, `${name} verifies as issued`).toBe(true);
      const payload = await encodeQrPayload(credential);
      expect(payload, name).toMatch(/^[A-Z2-7]+$/);
      const back = await decodeQrPayload(payload);
      expect(isDeepStrictEqual(back, credential), `${name} decodes to the identical credential`).toBe(true);
      const result = await verify(back);
      expect(result.error, name).toBeUndefined();
      expect(result.verified, `${name} verifies after the QR round trip`).toBe(true);
      // and through the URL a phone camera opens
      expect(isDeepStrictEqual(await decodeQrPayload(parseQrUrl(qrUrl(t.ports.config.publicUrl, payload))), credential), name).toBe(true);
    }
  });

  it('gives the same payload whatever order the keys arrive in', async () => {
    const { credential } = corpus.find((c) => c.name === TYPICAL)!;
    const reversed = reverseKeys(credential) as object;
    expect(Object.keys(reversed)[0]).not.toBe(Object.keys(credential)[0]);
    expect(await encodeQrPayload(reversed)).toBe(await encodeQrPayload(credential));
  });

  it('the altered credential the payload carries no longer verifies: the proof still guards it', async () => {
    const { credential } = corpus.find((c) => c.name === TYPICAL)!;
    const altered = structuredClone(credential) as { credentialSubject: { certificateNumber: string } };
    altered.credentialSubject.certificateNumber = 'Y000144000123253000002';
    const back = await decodeQrPayload(await encodeQrPayload(altered));
    expect(back).toEqual(altered);
    expect((await verify(back)).verified).toBe(false);
  });
});

describe('QR size budget (a property of the format, not a timing)', () => {
  it('the typical skill level certificate (Chinese texts, one status entry, did:web) fits QR version ≤ 16 at M', async () => {
    const { credential } = corpus.find((c) => c.name === TYPICAL)!;
    const text = qrUrl(t.ports.config.publicUrl, await encodeQrPayload(credential));
    expect(qrVersion(text, 'M')).toBeLessThanOrEqual(16);
  });

  it('no certificate kind needs more than version 20 at M', async () => {
    for (const { name, credential } of corpus) {
      const text = qrUrl(t.ports.config.publicUrl, await encodeQrPayload(credential));
      expect(qrVersion(text, 'M'), name).toBeLessThanOrEqual(20);
    }
  });
});

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));
  }
  return value;
}

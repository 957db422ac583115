import { isDeepStrictEqual } from 'node:util';
import { base32nopad } from '@scure/base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeQrPayload, encodeQrPayload, parseQrUrl, qrUrl, qrVersion } from '../../src/qr/index.js';
import { contextRelatedResource } from '../../src/credentials/related-resource.js';
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

  it('no credential the service issues needs more than version 20 at M', async () => {
    for (const { name, credential } of corpus) {
      const text = qrUrl(t.ports.config.publicUrl, await encodeQrPayload(credential));
      expect(qrVersion(text, 'M'), name).toBeLessThanOrEqual(20);
    }
  });
});

// Every certificate carries a relatedResource digest of our context (VC 2.0 §5.3). Under format 1
// that costs 3 QR versions (typical certificate 14 to 17); format 2's dictionary has the entry in
// its templates, so it is nearly free.
describe('QR payload format 2: certificates with relatedResource, every kind', () => {
  const certificates = () => corpus.filter((c) => !c.name.startsWith('VC API'));
  const kindOf = (c: CorpusEntry) => String(((c.credential.credentialSubject as Record<string, any>).achievement as Record<string, unknown>).certificateKind);

  it('the corpus has certificates of the three kinds, each with our context’s relatedResource entry', async () => {
    expect(new Set(certificates().map(kindOf))).toEqual(new Set(['skill-level', 'specialized-ability', 'enterprise']));
    const related = await contextRelatedResource();
    for (const c of certificates()) expect(c.credential.relatedResource, c.name).toEqual([related]);
  });

  it('each certificate fits QR version ≤ 16 at M, and decodes to the same credential, which the step verifier finds valid', async () => {
    for (const { name, credential } of certificates()) {
      const payload = await encodeQrPayload(credential);
      expect(base32nopad.decode(payload)[0], name).toBe(2);
      const url = qrUrl(t.ports.config.publicUrl, payload);
      expect(qrVersion(url, 'M'), name).toBeLessThanOrEqual(16);
      expect(isDeepStrictEqual(await decodeQrPayload(payload), credential), name).toBe(true);
      // the scanned URL itself, as a phone hands it to the verifier: parse, proof (with the
      // relatedResource digest), issuer, trust, validity, status
      const result = await t.services.verification.verifyCredential(url, {}, 'en');
      expect([result.verified, result.verdict], `${name}: ${JSON.stringify(result.steps.filter((s) => !s.valid))}`).toEqual([true, 'valid']);
    }
  });

  it('format 2 needs fewer QR versions than format 1 for the same certificate', async () => {
    for (const { name, credential } of certificates()) {
      const v1 = qrVersion(qrUrl(t.ports.config.publicUrl, await encodeQrPayload(credential, { format: 1 })), 'M');
      const v2 = qrVersion(qrUrl(t.ports.config.publicUrl, await encodeQrPayload(credential)), 'M');
      expect(v2, name).toBeLessThan(v1);
    }
  });
});

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reverseKeys(v)]),
    );
  }
  return value;
}

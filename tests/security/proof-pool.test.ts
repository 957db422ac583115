// The proof engine port: the Node pool answers exactly what the inline engine answers (the W3C
// vectors, tampered and malformed proofs, errors with their codes), and WORKERS reads as documented.
import { afterAll, describe, expect, it } from 'vitest';
import { parseNodeSettings } from '../../src/config.js';
import { ED25519_2020_CONTEXT, type JsonObject } from '../../src/credentials/data-integrity.js';
import { documentLoader } from '../../src/credentials/document-loader.js';
import { decodeProofValue } from '../../src/credentials/multikey.js';
import { inlineProofEngine } from '../../src/credentials/proof-engine.js';
import { SkillcredError } from '../../src/errors.js';
import { nodeCrypto } from '../../src/runtime/node/crypto.js';
import { proofPool } from '../../src/runtime/node/proof-pool.js';
import { bearer, createTestApp, skillLevelRequest } from '../helpers/app.js';
import { jwkFromMultibase, vectorJson } from '../helpers/vectors.js';
import { FAKE_PROOF, scopedContextBomb } from './bombs.js';

type Json = Record<string, any>;

const crypto = nodeCrypto();
const inline = inlineProofEngine({ crypto, documentLoader });
const pool = proofPool(2);
afterAll(() => pool.close());

const withoutProof = ({ proof: _p, ...rest }: Json): Json => rest;
const bump = (s: string) => s.slice(0, -1) + (s.endsWith('1') ? '2' : '1');

describe('the pool engine answers what the inline engine answers', () => {
  const pair = vectorJson<{ publicKeyMultibase: string; privateKeyMultibase: string }>('vc-di-eddsa/keyPair.json');
  const jwk = jwkFromMultibase(pair);
  const signed = {
    rdfc: vectorJson<Json>('vc-di-eddsa/eddsa-rdfc-2022/signedDataInt.json'),
    jcs: vectorJson<Json>('vc-di-eddsa/eddsa-jcs-2022/signedJCS.json'),
  };

  it('signs the W3C vectors to the same proofs (Ed25519 is deterministic)', async () => {
    const key = await crypto.importPrivateKey(jwk);
    const unsigned = vectorJson<JsonObject>('vc-di-eddsa/unsigned.json');
    for (const [suite, vc] of [
      ['eddsa-rdfc-2022', signed.rdfc],
      ['eddsa-jcs-2022', signed.jcs],
    ] as const) {
      const options = { cryptosuite: suite, created: vc.proof.created, verificationMethod: vc.proof.verificationMethod };
      const fromPool = await pool.create(unsigned, options, key);
      expect(fromPool).toEqual(await inline.create(unsigned, options, key));
      expect(fromPool).toEqual(vc.proof);
    }
  });

  it('verifies valid, tampered and malformed proofs to the same results', async () => {
    const key = await crypto.importPublicKey(decodeProofValue(pair.publicKeyMultibase)!.slice(2));
    const cases: [string, Json, Json][] = [];
    for (const [name, vc] of Object.entries(signed)) {
      cases.push([`${name} valid`, withoutProof(vc), vc.proof]);
      cases.push([`${name} subject changed`, { ...withoutProof(vc), credentialSubject: { ...vc.credentialSubject, extra: 1 } }, vc.proof]);
      cases.push([`${name} signature changed`, withoutProof(vc), { ...vc.proof, proofValue: bump(vc.proof.proofValue) }]);
      cases.push([`${name} created changed`, withoutProof(vc), { ...vc.proof, created: '2030-01-01T00:00:00Z' }]);
      cases.push([`${name} unknown context`, { ...withoutProof(vc), '@context': [...vc['@context'], 'https://evil.example/ctx'] }, vc.proof]);
      cases.push([`${name} undefined term`, { ...withoutProof(vc), '@context': ['https://www.w3.org/ns/credentials/v2'], nonsense: 1 }, vc.proof]);
      cases.push([`${name} unsupported suite`, withoutProof(vc), { ...vc.proof, cryptosuite: 'ecdsa-rdfc-2019' }]);
    }
    cases.push([
      'Ed25519Signature2020 without its context',
      withoutProof(signed.rdfc),
      { ...signed.rdfc.proof, type: 'Ed25519Signature2020', '@context': ED25519_2020_CONTEXT },
    ]);
    cases.push(['the bomb', withoutProof(scopedContextBomb(200)), FAKE_PROOF]);
    const valid: string[] = [];
    for (const [name, input, proof] of cases) {
      const expected = await inline.verify(input, proof, key);
      expect(await pool.verify(input, proof, key), name).toEqual(expected);
      if (expected.valid) valid.push(name);
    }
    // JCS signs the JSON, not its meaning: an appended context is the verifier's parse step's business.
    expect(valid).toEqual(['rdfc valid', 'jcs valid', 'jcs unknown context']);
  });

  it('rejects with the same SkillcredError (code, status) across the thread boundary', async () => {
    const key = await crypto.importPrivateKey(jwk);
    const doc = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      issuer: 'did:example:i',
      credentialSubject: { nonsense: 1 },
    };
    const options = { cryptosuite: 'eddsa-rdfc-2022' as const, created: '2025-01-01T00:00:00Z', verificationMethod: 'did:example:i#k' };
    const inlineError = await inline.create(doc, options, key).catch((e: unknown) => e);
    const poolError = await pool.create(doc, options, key).catch((e: unknown) => e);
    expect(inlineError).toBeInstanceOf(SkillcredError);
    expect(poolError).toBeInstanceOf(SkillcredError);
    expect({ code: (poolError as SkillcredError).code, status: (poolError as SkillcredError).status, message: (poolError as Error).message }).toEqual({
      code: (inlineError as SkillcredError).code,
      status: (inlineError as SkillcredError).status,
      message: (inlineError as Error).message,
    });
  });

  it('runs several proofs at once (threads in parallel) with each answer matched to its task', async () => {
    const key = await crypto.importPrivateKey(jwk);
    const unsigned = vectorJson<JsonObject>('vc-di-eddsa/unsigned.json');
    const docs = Array.from({ length: 12 }, (_, i) => ({ ...unsigned, id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }));
    const options = { cryptosuite: 'eddsa-rdfc-2022' as const, created: '2025-01-01T00:00:00Z', verificationMethod: signed.rdfc.proof.verificationMethod };
    const fromPool = await Promise.all(docs.map((d) => pool.create(d, options, key)));
    const fromInline = await Promise.all(docs.map((d) => inline.create(d, options, key)));
    expect(fromPool).toEqual(fromInline);
    expect(new Set(fromPool.map((p) => p.proofValue)).size).toBe(12);
  });
});

describe('WORKERS', () => {
  it('is unset by default (one thread per core), 0 for inline, N for a pool of N; anything else is a configuration error', () => {
    expect(parseNodeSettings({}).workers).toBeUndefined();
    expect(parseNodeSettings({ WORKERS: '' }).workers).toBeUndefined();
    expect(parseNodeSettings({ WORKERS: '0' }).workers).toBe(0);
    expect(parseNodeSettings({ WORKERS: '3' }).workers).toBe(3);
    for (const bad of ['-1', 'auto', '1.5', '257']) expect(() => parseNodeSettings({ WORKERS: bad }), bad).toThrow(/WORKERS/);
  });

  it('WORKERS=0 (inline) and the default pool give the same verification results through the app', async () => {
    const apps = [await createTestApp({ env: { WORKERS: '0' } }), await createTestApp({ env: { WORKERS: '1' } })];
    try {
      const results: unknown[][] = [];
      for (const t of apps) {
        const issued = (
          (await (
            await t.call('POST', '/v1/certificates', skillLevelRequest({ assessment: { id: 'W-1', date: '2025-06-20' } }), bearer(t.devKey))
          ).json()) as Json
        ).verifiableCredential as Json;
        const tampered = { ...issued, credentialSubject: { ...issued.credentialSubject, id: 'did:example:someone-else' } };
        const out: unknown[] = [];
        for (const vc of [issued, tampered]) {
          const body = (await (await t.call('POST', '/credentials/verify', { verifiableCredential: vc })).json()) as Json;
          out.push({ verdict: body.verdict, steps: (body.steps as Json[]).map((s) => [s.id, s.valid, s.problem?.code]) });
        }
        results.push(out);
      }
      expect(results[0]).toEqual(results[1]);
      expect((results[0]![0] as Json).verdict).toBe('valid');
      expect((results[0]![1] as Json).verdict).toBe('tampered');
    } finally {
      for (const t of apps) await t.close();
    }
  });
});

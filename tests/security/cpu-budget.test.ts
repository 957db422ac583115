// The CPU budget of a credential (src/credentials/budget.ts): its caps at their edges and inline
// contexts refused anywhere (checkBudget), and the checks every proof and status list makes.
import { describe, expect, it } from 'vitest';
import { checkBudget, CREDENTIAL_BUDGET, ISSUE_BUDGET, PRESENTATION_BUDGET, STATUS_LIST_BUDGET, type Budget } from '../../src/credentials/budget.js';
import { attachProof, createProof, verifyProof } from '../../src/credentials/data-integrity.js';
import { documentLoader } from '../../src/credentials/document-loader.js';
import type { ResolvedKey } from '../../src/credentials/key-resolver.js';
import { nodeCrypto } from '../../src/runtime/node/crypto.js';
import { bitsWithSet, encodeList } from '../../src/status/bitstring.js';
import { statusListCredential } from '../../src/status/list-credential.js';
import { listProofCheck } from '../../src/verify/list-proof.js';
import { bytesOf, depthOf, exactlyBytes, exactlyValues, FAKE_PROOF, nest, plainCredential, scopedContextBomb, valuesOf } from './bombs.js';

type Json = Record<string, any>;

describe('checkBudget', () => {
  it('walks a 100,000-deep document without recursion and names the depth rule', () => {
    const deep = JSON.parse(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`);
    expect(checkBudget(plainCredential({ deep }))).toMatchObject({ rule: 'max-depth', pointer: `/credentialSubject/deep${'/a'.repeat(30)}` });
  });

  it('counts depth as containers: 32 pass, 33 are refused', () => {
    const at = plainCredential({ nest: nest(CREDENTIAL_BUDGET.maxDepth - 2) });
    expect(depthOf(at)).toBe(32);
    expect(checkBudget(at)).toBeNull();
    const over = plainCredential({ nest: nest(CREDENTIAL_BUDGET.maxDepth - 1) });
    expect(depthOf(over)).toBe(33);
    expect(checkBudget(over)?.rule).toBe('max-depth');
  });

  it('counts every JSON value: 2,000 pass, 2,001 are refused', () => {
    const at = exactlyValues(2_000, (list) => plainCredential({ list }));
    expect(valuesOf(at)).toBe(2_000);
    expect(checkBudget(at)).toBeNull();
    expect(checkBudget(exactlyValues(2_001, (list) => plainCredential({ list })))?.rule).toBe('max-nodes');
  });

  it('counts serialized UTF-8 bytes: 65,536 pass, 65,537 are refused', () => {
    const at = exactlyBytes(CREDENTIAL_BUDGET.maxBytes, (pad) => plainCredential({ pad }));
    expect(bytesOf(at)).toBe(65_536);
    expect(checkBudget(at)).toBeNull();
    expect(checkBudget(exactlyBytes(CREDENTIAL_BUDGET.maxBytes + 1, (pad) => plainCredential({ pad })))?.rule).toBe('max-bytes');
  });

  it('measures bytes, not characters (CJK, emoji, escapes)', () => {
    const doc = plainCredential({ name: '焊工 高级技师 🔧', note: 'tab\there "quoted" \u0001' });
    const bytes = bytesOf(doc);
    const budget = (maxBytes: number): Budget => ({ maxBytes, maxDepth: 32, maxNodes: 2_000 });
    expect(checkBudget(doc, budget(bytes))).toBeNull();
    expect(checkBudget(doc, budget(bytes - 1))?.rule).toBe('max-bytes');
  });

  const inline: [string, Json, string][] = [
    ['a top-level object context', { ...plainCredential(), '@context': { '@vocab': 'https://evil.example/' } }, '/@context'],
    [
      'an object in the top-level context array',
      { ...plainCredential(), '@context': ['https://www.w3.org/ns/credentials/v2', { x: 'https://evil.example/x' }] },
      '/@context/1',
    ],
    ['an object context nested in the subject', plainCredential({ '@context': { y: 'https://evil.example/y' }, y: 1 }), '/credentialSubject/@context'],
    [
      'an object inside a nested context array',
      plainCredential({ evidence: [{ '@context': ['https://www.w3.org/ns/credentials/v2', { z: 'https://evil.example/z' }] }] }),
      '/credentialSubject/evidence/0/@context/1',
    ],
    [
      'a nested array inside a context array',
      { ...plainCredential(), '@context': ['https://www.w3.org/ns/credentials/v2', ['https://www.w3.org/ns/credentials/examples/v2']] },
      '/@context/1',
    ],
    ['an inline context in the proof', { ...plainCredential(), proof: { ...FAKE_PROOF, '@context': { p: 'https://evil.example/p' } } }, '/proof/@context'],
  ];
  for (const [name, doc, pointer] of inline) {
    it(`refuses ${name}`, () => {
      expect(checkBudget(doc)).toMatchObject({ rule: 'inline-context', pointer });
    });
  }

  it('accepts context URLs anywhere (an embedded credential carries its own) and null', () => {
    expect(
      checkBudget(plainCredential({ endorsement: [{ '@context': ['https://www.w3.org/ns/credentials/v2', null], type: ['VerifiableCredential'] }] })),
    ).toBeNull();
  });

  it('refuses the scoped-context bomb of issue 9 at once, for its inline context', () => {
    const bomb = scopedContextBomb(200);
    expect(bytesOf(bomb)).toBeGreaterThan(12_000);
    const start = performance.now();
    expect(checkBudget(bomb)?.rule).toBe('inline-context');
    expect(performance.now() - start).toBeLessThan(250); // the bomb cost seconds; a loaded machine still answers this in milliseconds
  });

  it('keeps the issue budget a margin under the credential budget (what issuing adds fits in it)', () => {
    expect(ISSUE_BUDGET.maxBytes).toBeLessThan(CREDENTIAL_BUDGET.maxBytes);
    expect(ISSUE_BUDGET.maxNodes).toBeLessThan(CREDENTIAL_BUDGET.maxNodes);
    expect(PRESENTATION_BUDGET.maxDepth).toBeGreaterThan(CREDENTIAL_BUDGET.maxDepth);
  });
});

describe('every proof checks the budget before canonicalizing (status lists, presentations, the offline verifier)', () => {
  const env = { crypto: nodeCrypto(), documentLoader };
  const { proof: _p, ...bomb } = scopedContextBomb(200);

  it('verifyProof fails the bomb at once, naming the rule', async () => {
    const { publicKey } = await env.crypto.generate();
    const start = performance.now();
    const check = await verifyProof(bomb, FAKE_PROOF, await env.crypto.importPublicKey(publicKey), env);
    expect(performance.now() - start).toBeLessThan(250);
    expect(check).toMatchObject({ valid: false });
    expect((check as { reason: string }).reason).toContain('rule inline-context');
  });

  it('createProof refuses it with a 422 error naming the rule', async () => {
    const { privateJwk } = await env.crypto.generate();
    const key = await env.crypto.importPrivateKey(privateJwk);
    const made = createProof(
      bomb,
      { cryptosuite: 'eddsa-rdfc-2022', created: '2025-01-01T00:00:00Z', verificationMethod: FAKE_PROOF.verificationMethod },
      key,
      env,
    );
    await expect(made).rejects.toMatchObject({ code: 'MALFORMED_VALUE', status: 422, message: expect.stringContaining('rule inline-context') });
  });
});

describe('status lists, checked on the main thread, have a budget of their own', () => {
  const env = { crypto: nodeCrypto(), documentLoader };
  const did = 'did:example:lists';
  const vm = `${did}#key-1`;
  async function signedList(extra: Json) {
    const { privateJwk, publicKey } = await env.crypto.generate();
    const list = {
      ...statusListCredential({
        url: 'https://lists.example/1',
        issuerDid: did,
        purpose: 'revocation',
        encodedList: await encodeList(bitsWithSet(131_072, [7])),
        validFrom: '2025-01-01T00:00:00Z',
        validUntil: '2035-01-01T00:00:00Z',
      }),
      ...extra,
    };
    const proof = await createProof(
      list,
      { cryptosuite: 'eddsa-rdfc-2022', created: '2025-01-01T00:00:00Z', verificationMethod: vm },
      await env.crypto.importPrivateKey(privateJwk),
      env,
    );
    const key = {
      id: vm,
      controller: did,
      algorithm: 'Ed25519',
      publicKey: await env.crypto.importPublicKey(publicKey),
      assertion: true,
    } as unknown as ResolvedKey;
    return { list: attachProof(list, proof), check: listProofCheck({ resolve: async () => key }, { ...env, budget: STATUS_LIST_BUDGET }) };
  }

  it('a real status list fits it', async () => {
    const { list, check } = await signedList({});
    expect(valuesOf(list)).toBeLessThan(STATUS_LIST_BUDGET.maxNodes / 4);
    expect(await check(list, did)).toBeNull();
  });

  it('a list padded with thousands of values is refused before canonicalization, naming the rule', async () => {
    const { list, check } = await signedList({ evidence: Array.from({ length: 300 }, (_, i) => ({ id: `urn:e:${i}`, name: `e${i}` })) });
    const start = performance.now();
    const problem = await check(list, did);
    expect(performance.now() - start).toBeLessThan(250);
    expect(problem?.detail).toContain('rule max-nodes');
  });
});

// The CPU budget of a credential (src/credentials/budget.ts): its caps at their edges, inline
// contexts refused anywhere, on the verifier's parse step and on POST /credentials/issue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBudget, CREDENTIAL_BUDGET, ISSUE_BUDGET, PRESENTATION_BUDGET, STATUS_LIST_BUDGET, type Budget } from '../../src/credentials/budget.js';
import { attachProof, createProof, verifyProof } from '../../src/credentials/data-integrity.js';
import { documentLoader } from '../../src/credentials/document-loader.js';
import type { ResolvedKey } from '../../src/credentials/key-resolver.js';
import { nodeCrypto } from '../../src/runtime/node/crypto.js';
import { bitsWithSet, encodeList } from '../../src/status/bitstring.js';
import { statusListCredential } from '../../src/status/list-credential.js';
import { listProofCheck } from '../../src/verify/list-proof.js';
import { bearer, createTestApp, type TestApp } from '../helpers/app.js';
import { bytesOf, deepJson, depthOf, exactlyBytes, exactlyValues, FAKE_PROOF, nest, plainCredential, scopedContextBomb, valuesOf } from './bombs.js';

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

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function verify(credential: unknown): Promise<{ status: number; body: Json }> {
  const res = await t.call('POST', '/credentials/verify', { verifiableCredential: credential });
  return { status: res.status, body: (await res.json()) as Json };
}

async function issue(credential: unknown): Promise<{ status: number; body: Json; type: string | null }> {
  const res = await t.call('POST', '/credentials/issue', { credential }, bearer(t.devKey));
  return { status: res.status, body: (await res.json()) as Json, type: res.headers.get('content-type') };
}

const parseStep = (body: Json) => (body.steps as Json[]).find((s) => s.id === 'parse')!;

describe('the verifier parse step (POST /credentials/verify)', () => {
  it('answers an inline context with 400, verdict unreadable, naming the rule', async () => {
    const { status, body } = await verify(scopedContextBomb(200));
    expect(status).toBe(400);
    expect(body.verdict).toBe('unreadable');
    expect(body.errors[0]).toMatchObject({ code: 'inline-context' });
    expect(body.errors[0].detail).toContain('rule inline-context');
  });

  const edges: [string, (n: number) => Json, number, string][] = [
    ['bytes', (n) => exactlyBytes(n, (pad) => plainCredential({ pad })), CREDENTIAL_BUDGET.maxBytes, 'max-bytes'],
    ['values', (n) => exactlyValues(n, (list) => plainCredential({ list })), CREDENTIAL_BUDGET.maxNodes, 'max-nodes'],
    ['depth', (n) => plainCredential({ nest: nest(n - 2) }), CREDENTIAL_BUDGET.maxDepth, 'max-depth'],
  ];
  for (const [what, make, cap, rule] of edges) {
    it(`reads a credential at the ${what} cap (${cap}) and refuses one over it`, async () => {
      const at = await verify(make(cap));
      expect(parseStep(at.body).valid).toBe(true);
      // The fake proof is what fails, after the budget let the credential through.
      expect(at.body.verdict).not.toBe('unreadable');
      const over = await verify(make(cap + 1));
      expect(over.status).toBe(400);
      expect(over.body.verdict).toBe('unreadable');
      expect(over.body.errors[0].code).toBe(rule);
    });
  }

  it('answers a 10,000-deep credentialSubject with 400, never 500', async () => {
    const res = await t.call(
      'POST',
      '/credentials/verify',
      deepJson((deep) => ({ verifiableCredential: plainCredential({ deep }) }), 10_000),
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as Json;
    expect(body.errors[0].code).toBe('max-depth');
  });

  it('applies the budget to the credential inside a VC-JWT', async () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const { proof: _p, ...payload } = scopedContextBomb(50);
    const { status, body } = await verify({
      '@context': 'https://www.w3.org/ns/credentials/v2',
      type: 'EnvelopedVerifiableCredential',
      id: `data:application/vc+jwt,${b64({ alg: 'EdDSA', typ: 'vc+jwt' })}.${b64(payload)}.${'A'.repeat(86)}`,
    });
    expect(status).toBe(400);
    expect(body.errors[0].code).toBe('inline-context');
  });

  it('answers a VC 1.1 JWT whose vc claim is 10,000 deep with 400, naming the rule (it was cloned recursively)', async () => {
    const b64 = (text: string) => Buffer.from(text).toString('base64url');
    const payload = deepJson(
      (deep) => ({ iss: 'did:example:i', vc: { ...plainCredential({ deep }, null), '@context': ['https://www.w3.org/2018/credentials/v1'] } }),
      10_000,
    );
    const jwt = `${b64(JSON.stringify({ alg: 'EdDSA', typ: 'JWT' }))}.${b64(payload)}.${'A'.repeat(86)}`;
    const { status, body } = await verify(jwt);
    expect(status).toBe(400);
    expect(body.verdict).toBe('unreadable');
    expect(body.errors[0].detail).toContain('rule max-depth');
  });

  it('refuses a presentation with an inline context before checking its proof', async () => {
    const vp = {
      '@context': ['https://www.w3.org/ns/credentials/v2', { h: 'https://evil.example/h' }],
      type: ['VerifiablePresentation'],
      proof: { ...FAKE_PROOF, proofPurpose: 'authentication' },
    };
    const res = await t.call('POST', '/presentations/verify', { verifiablePresentation: vp });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Json;
    expect(body.presentation.errors[0]).toMatchObject({ code: 'inline-context' });
  });
});

describe('POST /credentials/issue', () => {
  it('refuses the scoped-context bomb with 422 problem+json naming the rule', async () => {
    const { proof: _p, ...bomb } = scopedContextBomb(200);
    const start = performance.now();
    const r = await issue({ ...bomb, issuer: t.devDid });
    expect(performance.now() - start).toBeLessThan(1_000);
    expect(r.status).toBe(422);
    expect(r.type).toContain('application/problem+json');
    expect(r.body.detail).toContain('rule inline-context');
    expect(r.body.errors[0].pointer).toBe('/credential/@context/1');
  });

  it('refuses an inline context nested in the subject', async () => {
    const r = await issue(plainCredential({ '@context': { q: 'https://evil.example/q' }, q: 1 }, null));
    expect(r.status).toBe(422);
    expect(r.body.detail).toContain('rule inline-context');
  });

  it('answers a 10,000-deep credentialSubject with 422, never 500', async () => {
    const res = await t.call(
      'POST',
      '/credentials/issue',
      deepJson((deep) => ({ credential: { ...plainCredential({ deep }, null), issuer: t.devDid } }), 10_000),
      bearer(t.devKey),
    );
    expect(res.status).toBe(422);
    const body = (await res.json()) as Json;
    expect(body.detail).toContain('rule max-depth');
  });

  const edges: [string, (n: number) => Json, number, string][] = [
    ['bytes', (n) => exactlyBytes(n, (pad) => plainCredential({ pad }, null)), ISSUE_BUDGET.maxBytes, 'max-bytes'],
    ['values', (n) => exactlyValues(n, (list) => plainCredential({ list }, null)), ISSUE_BUDGET.maxNodes, 'max-nodes'],
    ['depth', (n) => plainCredential({ nest: nest(n - 2) }, null), ISSUE_BUDGET.maxDepth, 'max-depth'],
  ];
  for (const [what, make, cap, rule] of edges) {
    it(`issues a credential at the ${what} cap (${cap}), which then verifies; refuses one over it`, async () => {
      // The issuer's id is the same length as the did:key it replaces, so sizes stay exact.
      const at = make(cap);
      const mine = { ...at, issuer: t.devDid };
      expect(bytesOf(mine) - bytesOf(at)).toBe(t.devDid.length - String(at.issuer).length);
      const sized = what === 'bytes' ? exactlyBytes(cap, (pad) => ({ ...plainCredential({ pad }, null), issuer: t.devDid })) : mine;
      const ok = await issue(sized);
      expect(ok.status, JSON.stringify(ok.body).slice(0, 300)).toBe(201);
      const checked = await verify(ok.body.verifiableCredential);
      expect(checked.body.verified, JSON.stringify(checked.body.errors)).toBe(true);
      const over =
        what === 'bytes' ? exactlyBytes(cap + 1, (pad) => ({ ...plainCredential({ pad }, null), issuer: t.devDid })) : { ...make(cap + 1), issuer: t.devDid };
      const refused = await issue(over);
      expect(refused.status).toBe(422);
      expect(refused.body.detail).toContain(`rule ${rule}`);
    });
  }
});

// The CPU budget through the API: the verifier's parse step (POST /credentials/verify, presentations,
// VC-JWTs) and POST /credentials/issue refuse what is over it, naming the rule, and take what is at it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDENTIAL_BUDGET, ISSUE_BUDGET } from '../../src/credentials/budget.js';
import { bearer, createTestApp, type TestApp } from '../helpers/app.js';
import { bytesOf, deepJson, exactlyBytes, exactlyValues, FAKE_PROOF, nest, plainCredential, scopedContextBomb } from './bombs.js';

type Json = Record<string, any>;

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

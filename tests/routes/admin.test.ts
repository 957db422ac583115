import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, accredit, bearer, createTestApp, skillLevelRequest, type TestApp } from '../helpers/app.js';
import { stockLoader, stockVerify } from '../helpers/stock-verifier.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Json = Record<string, unknown>;
const admin = bearer(ADMIN_TOKEN);
const newIssuer = (slug: string, extra: Json = {}) => ({
  slug,
  names: { 'zh-Hans': '广州某评价机构', 'zh-Hant': '廣州某評價機構', en: 'Guangzhou Evaluation Org' },
  orgKind: 'S',
  filingCode: 'GD-S-0042',
  ...extra,
});

describe('admin API', () => {
  it('creates a did:web issuer with its DID document and a working API key', async () => {
    const res = await t.call('POST', '/admin/issuers', newIssuer('gz-eval'), admin);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { issuer: Json; apiKey: { id: string; token: string } };
    expect(body.issuer.did).toBe('did:web:certs.example.cn:issuers:gz-eval');
    expect(body.apiKey.token).toMatch(/^skc_[0-9a-f]{16}_/);
    const doc = (await (await t.app.request('/issuers/gz-eval/did.json')).json()) as Json;
    expect(doc.id).toBe(body.issuer.did);
    expect(doc.assertionMethod).toEqual(['did:web:certs.example.cn:issuers:gz-eval#key-1']);
    const refused = await t.call('POST', '/v1/certificates', skillLevelRequest({ certificateNumber: 'S000144000123253000001' }), bearer(body.apiKey.token));
    expect(refused.status).toBe(403); // not accredited yet
    expect(((await refused.json()) as Json).code).toBe('NOT_ACCREDITED');
    await accredit(t, 'gz-eval');
    const cert = await t.call('POST', '/v1/certificates', skillLevelRequest({ certificateNumber: 'S000144000123253000001' }), bearer(body.apiKey.token));
    expect(cert.status).toBe(201);
    // the API key is stored hashed: its secret appears nowhere in the database
    const stored = await t.ports.store.getApiKey(body.apiKey.id);
    expect(stored!.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(body.apiKey.token).not.toContain(stored!.secretHash);
  });

  it('creates a did:key issuer whose DID is its key, and refuses to rotate it', async () => {
    const res = await t.call('POST', '/admin/issuers', newIssuer('key-org', { didMethod: 'key' }), admin);
    const body = (await res.json()) as { issuer: { did: string } };
    expect(body.issuer.did).toMatch(/^did:key:z6Mk/);
    const rotate = await t.call('POST', '/admin/issuers/key-org/keys/rotate', undefined, admin);
    expect(rotate.status).toBe(409);
  });

  it('refuses a duplicate slug with 409 and unknown issuers with 404', async () => {
    expect((await t.call('POST', '/admin/issuers', newIssuer('gz-eval'), admin)).status).toBe(409);
    expect((await t.call('POST', '/admin/issuers/nobody/api-keys', undefined, admin)).status).toBe(404);
  });

  it('adds and deletes API keys; a deleted key is refused', async () => {
    const res = await t.call('POST', '/admin/issuers/gz-eval/api-keys', { label: 'exam system' }, admin);
    expect(res.status).toBe(201);
    const { apiKey } = (await res.json()) as { apiKey: { id: string; token: string } };
    const ok = await t.call(
      'POST',
      '/v1/certificates',
      skillLevelRequest({ certificateNumber: 'S000144000123253000002', assessment: { id: 'A-KEY', date: '2025-01-01' } }),
      bearer(apiKey.token),
    );
    expect(ok.status).toBe(201);
    expect((await t.call('DELETE', `/admin/api-keys/${apiKey.id}`, undefined, admin)).status).toBe(204);
    const refused = await t.call('POST', '/v1/certificates', skillLevelRequest(), bearer(apiKey.token));
    expect(refused.status).toBe(401);
    expect((await t.call('DELETE', `/admin/api-keys/${apiKey.id}`, undefined, admin)).status).toBe(404);
  });

  it('rotates a key: the new key signs, the old stays in the DID document and old credentials still verify', async () => {
    const loader = stockLoader((p) => Promise.resolve(t.app.request(p)), t.ports.config.publicUrl);
    const before = (await (
      await t.call('POST', '/v1/certificates', skillLevelRequest({ assessment: { id: 'A-ROT-1', date: '2025-01-01' } }), bearer(t.devKey))
    ).json()) as Json;
    const res = await t.call('POST', '/admin/issuers/dev/keys/rotate', undefined, admin);
    expect(res.status).toBe(201);
    const rotated = (await res.json()) as { key: { id: string }; retired: { id: string; retiredAt: string }[] };
    expect(rotated.key.id).toMatch(/#key-2$/);
    expect(rotated.retired[0]!.id).toMatch(/#key-1$/);
    const doc = (await (await t.app.request('/issuers/dev/did.json')).json()) as { verificationMethod: { id: string }[] };
    expect(doc.verificationMethod.map((m) => m.id.split('#')[1])).toEqual(['key-1', 'key-2']);
    const after = (await (
      await t.call('POST', '/v1/certificates', skillLevelRequest({ assessment: { id: 'A-ROT-2', date: '2025-01-01' } }), bearer(t.devKey))
    ).json()) as Json;
    const proofOf = (c: Json) => ((c.verifiableCredential as Json).proof as Json[])[0]!;
    expect(proofOf(before).verificationMethod).toMatch(/#key-1$/);
    expect(proofOf(after).verificationMethod).toMatch(/#key-2$/);
    expect((await stockVerify(before.verifiableCredential as Json, loader)).verified).toBe(true);
    expect((await stockVerify(after.verifiableCredential as Json, loader)).verified).toBe(true);
  });

  it('is closed to issuer keys (403) and to callers without a token (401)', async () => {
    expect((await t.call('GET', '/admin/issuers', undefined, bearer(t.devKey))).status).toBe(403);
    expect((await t.call('GET', '/admin/issuers')).status).toBe(401);
    expect((await t.call('GET', '/admin/issuers', undefined, bearer('wrong-admin-token-123456'))).status).toBe(401);
  });

  it('serves the service DID document and our JSON-LD context', async () => {
    const did = (await (await t.app.request('/.well-known/did.json')).json()) as Json;
    expect(did.id).toBe('did:web:certs.example.cn');
    const ctx = await t.app.request('/skillcred/v1');
    expect(ctx.headers.get('content-type')).toBe('application/ld+json');
    expect(((await ctx.json()) as { '@context': Json })['@context'].ladderRank).toBeDefined();
  });
});

import { compactVerify, importJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromPublicKeyMultibase } from '../../src/credentials/multikey.js';
import { ADMIN_TOKEN, accredit, bearer, createTestApp, vc2, type TestApp } from '../helpers/app.js';
import { stockLoader, stockVerify } from '../helpers/stock-verifier.js';

let t: TestApp;
let loader: ReturnType<typeof stockLoader>;
beforeAll(async () => {
  t = await createTestApp();
  loader = stockLoader((p) => Promise.resolve(t.app.request(p)), t.ports.config.publicUrl);
});
afterAll(() => t.close());

type Json = Record<string, unknown>;
const issue = async (body: unknown, token = t.devKey) => {
  const res = await t.call('POST', '/credentials/issue', body, bearer(token));
  return { res, body: (await res.json()) as Json };
};

describe('POST /credentials/issue', () => {
  for (const cryptosuite of ['eddsa-rdfc-2022', 'eddsa-jcs-2022'] as const) {
    it(`signs a VC 2.0 credential with ${cryptosuite}; @context order and credentialSubject come back unchanged`, async () => {
      const credential = vc2(t.devDid, {
        '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
        credentialSubject: { id: 'did:example:holder', skill: '焊工', level: { rank: 4 } },
      });
      const { res, body } = await issue({ credential, options: { cryptosuite } });
      expect(res.status).toBe(201);
      const vc = body.verifiableCredential as Json;
      expect(vc['@context']).toEqual(credential['@context']);
      expect(vc.credentialSubject).toEqual(credential.credentialSubject);
      expect(vc.id).toMatch(/^urn:uuid:/);
      expect(vc.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite, proofPurpose: 'assertionMethod' });
      expect(vc.credentialStatus).toMatchObject({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation' });
      expect(res.headers.get('location')).toContain(encodeURIComponent(String(vc.id)));
      const result = await stockVerify(vc, loader);
      expect(result.error).toBeUndefined();
      expect(result.verified).toBe(true);
    });
  }

  it('signs an already-expired credential but warns, in the Accept-Language; a current one has no warnings', async () => {
    const expired = vc2(t.devDid, { validFrom: '2019-01-01T00:00:00Z', validUntil: '2020-01-01T00:00:00Z' });
    const res = await t.call('POST', '/credentials/issue', { credential: expired }, { ...bearer(t.devKey), 'accept-language': 'zh-CN' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as Json;
    expect(body.warnings).toEqual([
      { code: 'warning.issued-expired', detail: expect.stringContaining('已经过去'), params: { field: 'validUntil', until: '2020-01-01T00:00:00Z' } },
    ]);
    const english = await issue({ credential: vc2(t.devDid, { validFrom: '2019-01-01T00:00:00Z', validUntil: '2020-01-01T00:00:00Z' }) });
    expect((english.body.warnings as Json[])[0]!.detail).toMatch(/already past: every verifier will call it expired/);
    const current = await issue({ credential: vc2(t.devDid, { validUntil: '2099-01-01T00:00:00Z' }) });
    expect(current.body.warnings).toBeUndefined();
  });

  it('keeps the issuer object and a caller-chosen id', async () => {
    const credential = vc2(t.devDid, { id: 'https://certs.example.cn/c/abc', issuer: { id: t.devDid, name: '开发用评价机构' } });
    const { res, body } = await issue({ credential });
    expect(res.status).toBe(201);
    expect((body.verifiableCredential as Json).issuer).toEqual({ id: t.devDid, name: '开发用评价机构' });
    expect((body.verifiableCredential as Json).id).toBe('https://certs.example.cn/c/abc');
    const again = await issue({ credential });
    expect(again.res.status).toBe(409);
  });

  it('signs a VC 1.1 credential (issuanceDate filled in, status and data-integrity contexts appended)', async () => {
    const credential = {
      '@context': ['https://www.w3.org/2018/credentials/v1', 'https://www.w3.org/ns/credentials/examples/v2'],
      type: ['VerifiableCredential'],
      issuer: t.devDid,
      credentialSubject: { id: 'did:example:holder', skill: '电工' },
    };
    const { res, body } = await issue({ credential });
    expect(res.status).toBe(201);
    const vc = body.verifiableCredential as Json;
    expect((vc['@context'] as string[]).slice(0, 2)).toEqual(credential['@context']);
    expect(vc.issuanceDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect((await stockVerify(vc, loader)).verified).toBe(true);
  });

  it('issues a VC 1.1 credential as jwt_vc_json (the vc claim), which verifies, revokes and gets an id-link QR code; refuses it for VC 2.0', async () => {
    const credential = {
      '@context': ['https://www.w3.org/2018/credentials/v1', 'https://www.w3.org/ns/credentials/examples/v2'],
      type: ['VerifiableCredential'],
      issuer: t.devDid,
      credentialSubject: { id: 'did:example:holder', skill: '焊工' },
    };
    const { res, body } = await issue({ credential, options: { format: 'jwt_vc_json' } });
    expect(res.status).toBe(201);
    const jwt = body.verifiableCredential as string;
    expect(jwt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const [header, payload] = jwt
      .split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()) as Json);
    expect(header).toMatchObject({ alg: 'EdDSA' });
    expect(payload).toMatchObject({ iss: t.devDid, sub: 'did:example:holder' });
    expect((payload!.vc as Json).credentialSubject).toEqual(credential.credentialSubject);
    expect(payload!.jti).toMatch(/^urn:uuid:/);
    const verify = async () => (await (await t.call('POST', '/credentials/verify', { verifiableCredential: jwt })).json()) as Json;
    expect(await verify()).toMatchObject({ verified: true, verdict: 'valid' });
    const id = String(payload!.jti);
    const qr = await t.app.request(`/credentials/${encodeURIComponent(id)}/qr.svg`);
    expect(qr.status).toBe(200);
    expect((await t.call('POST', `/v1/credentials/${encodeURIComponent(id)}/revoke`, { reason: 'test' }, bearer(t.devKey))).status).toBe(200);
    expect(await verify()).toMatchObject({ verified: false, verdict: 'revoked' });
    const wrong = await issue({ credential: vc2(t.devDid), options: { format: 'jwt_vc_json' } });
    expect(wrong.res.status).toBe(422);
    expect((wrong.body.errors as Json[])[0]).toMatchObject({ pointer: '/options/format' });
  });

  it('adds status entries when asked, or by the issuer configuration (statusByDefault), and none otherwise', async () => {
    const res = await t.call(
      'POST',
      '/admin/issuers',
      { slug: 'no-status', names: { 'zh-Hans': '无状态机构' }, orgKind: 'S', filingCode: 'NS-1', statusByDefault: false },
      bearer(ADMIN_TOKEN),
    );
    expect(res.status).toBe(201);
    const { issuer, apiKey } = (await res.json()) as { issuer: { did: string }; apiKey: { token: string } };
    await accredit(t, 'no-status');
    const plain = await issue({ credential: vc2(issuer.did) }, apiKey.token);
    expect(plain.res.status).toBe(201);
    expect((plain.body.verifiableCredential as Json).credentialStatus).toBeUndefined();
    expect((plain.body.verifiableCredential as Json)['@context']).toEqual(vc2(issuer.did)['@context']);
    const asked = await issue(
      { credential: vc2(issuer.did), options: { credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: ['revocation', 'suspension'] } } },
      apiKey.token,
    );
    expect(((asked.body.verifiableCredential as Json).credentialStatus as Json[]).map((e) => e.statusPurpose)).toEqual(['revocation', 'suspension']);
    // the default issuer adds revocation when not asked
    const dev = await issue({ credential: vc2(t.devDid) });
    expect((dev.body.verifiableCredential as Json).credentialStatus).toMatchObject({ statusPurpose: 'revocation' });
  });

  it('returns an enveloped VC-JOSE credential for format vc+jwt, signed EdDSA by the issuer key', async () => {
    const { res, body } = await issue({ credential: vc2(t.devDid), options: { format: 'vc+jwt' } });
    expect(res.status).toBe(201);
    const env = body.verifiableCredential as Json;
    expect(env.type).toBe('EnvelopedVerifiableCredential');
    const jwt = String(env.id).replace('data:application/vc+jwt,', '');
    const didDoc = (await (await t.app.request('/issuers/dev/did.json')).json()) as { verificationMethod: { id: string; publicKeyMultibase: string }[] };
    const raw = fromPublicKeyMultibase(didDoc.verificationMethod[0]!.publicKeyMultibase)!;
    const key = await importJWK({ kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }, 'EdDSA');
    const { payload, protectedHeader } = await compactVerify(jwt, key);
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', typ: 'vc+jwt', kid: didDoc.verificationMethod[0]!.id });
    const vc = JSON.parse(new TextDecoder().decode(payload)) as Json;
    expect(vc.issuer).toBe(t.devDid);
    expect(vc.credentialStatus).toMatchObject({ statusPurpose: 'revocation' });
  });

  it('answers 401 without a key and 403 when a key signs as another issuer', async () => {
    const none = await t.call('POST', '/credentials/issue', { credential: vc2(t.devDid) });
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toBe('application/problem+json');
    const bad = await t.call('POST', '/credentials/issue', { credential: vc2(t.devDid) }, bearer('skc_0000000000000000_' + 'A'.repeat(43)));
    expect(bad.status).toBe(401);
    const created = (await (
      await t.call('POST', '/admin/issuers', { slug: 'rival', names: { 'zh-Hans': '另一机构' }, orgKind: 'S', filingCode: 'S-9' }, bearer(ADMIN_TOKEN))
    ).json()) as { apiKey: { token: string } };
    const { res, body } = await issue({ credential: vc2(t.devDid) }, created.apiKey.token);
    expect(res.status).toBe(403);
    expect(body.detail).toContain('signs only as');
    const admin = await t.call('POST', '/credentials/issue', { credential: vc2(t.devDid) }, bearer(ADMIN_TOKEN));
    expect(admin.status).toBe(403);
  });
});

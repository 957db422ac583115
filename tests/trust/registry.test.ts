import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachProof, createProof, toDateTimeStamp } from '../../src/credentials/data-integrity.js';
import { documentLoader } from '../../src/credentials/document-loader.js';
import { FileKeyStore } from '../../src/runtime/node/file-keystore.js';
import { ADMIN_TOKEN, accredit, bearer, createTestApp, skillLevelRequest, type TestApp } from '../helpers/app.js';
import { stockLoader, stockVerify } from '../helpers/stock-verifier.js';

let t: TestApp;
type Json = Record<string, any>;
const admin = bearer(ADMIN_TOKEN);
let n = 0;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function newIssuer(slug: string, orgKind: 'Y' | 'S' = 'S'): Promise<string> {
  const res = await t.call(
    'POST',
    '/admin/issuers',
    { slug, names: { 'zh-Hans': `${slug} 评价中心`, 'zh-Hant': `${slug} 評價中心`, en: `${slug} Evaluation Centre` }, orgKind, filingCode: `GD-${slug}` },
    admin,
  );
  return ((await res.json()) as Json).apiKey.token;
}
const issue = (token: string, extra: Json = {}) => {
  const body = skillLevelRequest({ certificateNumber: 'S000144000123253000001', assessment: { id: `TR-${n++}`, date: '2025-06-20' }, ...extra });
  for (const [k, v] of Object.entries(extra)) if (v === undefined) delete body[k];
  return t.call('POST', '/v1/certificates', body, bearer(token));
};
async function verify(vc: unknown, headers: Record<string, string> = {}) {
  const res = await t.call('POST', '/credentials/verify', { verifiableCredential: vc }, headers);
  const body = (await res.json()) as Json;
  return { body, step: (body.steps as Json[]).find((s) => !s.valid && !s.skipped) as Json };
}

/** Signs a copy of `vc` with the issuer's (retained) key, as an issuer that still holds it would. */
async function signWithHeldKey(slug: string, vc: Json, created: Date): Promise<Json> {
  const issuer = (await t.ports.store.getIssuer({ slug }))!;
  // Its current key; after a compromise (which retires the key at once) the key it last held.
  const keys = await t.ports.store.listIssuerKeys(issuer.id);
  const key = keys.find((k) => k.retiredAt === null) ?? keys.at(-1);
  const handle = await t.ports.crypto.importPrivateKey((await new FileKeyStore(join(t.dir, 'keys')).get(key!.privateKeyRef))!);
  const { proof: _p, ...unsecured } = structuredClone(vc);
  unsecured.id = `urn:uuid:${crypto.randomUUID()}`;
  unsecured.validFrom = toDateTimeStamp(created);
  const proof = await createProof(unsecured, { cryptosuite: 'eddsa-rdfc-2022', created: toDateTimeStamp(created), verificationMethod: key!.id }, handle, {
    crypto: t.ports.crypto,
    documentLoader,
  });
  return attachProof(unsecured, proof, true);
}

describe('accreditation scope at issuance', () => {
  it('refuses with 403 what the accreditation does not cover, naming what is missing', async () => {
    const token = await newIssuer('scope-org');
    await accredit(t, 'scope-org', {
      kinds: ['skill-level'],
      occupations: ['4-04-*'],
      ranks: [2, 3, 4],
      chain: '广州人工智能产业链',
      chainMaster: '某科技集团',
    });
    expect((await issue(token)).status).toBe(201);
    const cases: [Json, string][] = [
      [{ occupation: { code: '6-31-01-03' } }, 'occupation 6-31-01-03'],
      [{ level: { rank: 5 }, certificateNumber: 'S000144000123252000001' }, 'ladder rank 5'],
      [
        { kind: 'enterprise', level: undefined, enterprise: { title: '焊接', level: 'A' }, certificateNumber: 'QY-1', occupation: { code: '4-04-05-05' } },
        'enterprise certifications',
      ],
    ];
    for (const [extra, says] of cases) {
      const res = await issue(token, extra);
      expect(res.status).toBe(403);
      const problem = (await res.json()) as Json;
      expect(problem.code).toBe('NOT_ACCREDITED');
      expect(problem.detail).toContain(says);
    }
  });
});

describe('exits: before stays valid, after is untrusted', () => {
  it('an issuer whose accreditation ended cannot issue; its earlier credentials verify as trusted; what it signs afterwards with a key it still holds fails trust', async () => {
    const token = await newIssuer('exit-org');
    await accredit(t, 'exit-org');
    const before = ((await (await issue(token)).json()) as Json).verifiableCredential;
    expect((await verify(before)).body.verdict).toBe('valid');

    const exitAt = new Date(Date.now() + 1000).toISOString();
    const exit = await t.call('POST', '/admin/issuers/exit-org/exit', { exitedAt: exitAt, reason: 'misconduct', note: '考核舞弊' }, admin);
    expect(exit.status).toBe(201);
    await new Promise((r) => setTimeout(r, 1100));

    const refused = await issue(token);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as Json).detail).toContain('left its chain');

    const earlier = await verify(before);
    expect(earlier.body.verdict).toBe('valid');
    expect(earlier.body.steps.map((s: Json) => s.id)).toContain('trust');

    // (proof times have whole seconds: sign clearly after the exit)
    const after = await signWithHeldKey('exit-org', before, new Date(Date.now() + 2000));
    const r = await verify(after);
    expect(r.body.verdict).toBe('untrusted-issuer');
    expect(r.step.id).toBe('trust');
    expect(r.step.problem.code).toBe('untrusted-exited');
    expect(r.step.problem.detail).toContain('misconduct');
    // ...and backdating the claimed times does not help a credential we never issued: it is judged at its claim,
    // but our own issuance records (which it is not in) are the authority when they exist
    expect(r.body.warnings.map((w: Json) => w.code)).toContain('signing-time-claimed');
  });

  it('a credential of an issuer that is not in the registry is untrusted', async () => {
    const token = await newIssuer('never-org');
    await accredit(t, 'never-org');
    const vc = ((await (await issue(token)).json()) as Json).verifiableCredential;
    // sign the same content as a did:key nobody accredited
    const { privateJwk, publicKey } = await t.ports.crypto.generate();
    const { didKeyOf } = await import('../../src/credentials/multikey.js');
    const did = didKeyOf(publicKey);
    const { proof: _p, ...unsecured } = structuredClone(vc);
    unsecured.issuer = { ...unsecured.issuer, id: did };
    const proof = await createProof(
      unsecured,
      { cryptosuite: 'eddsa-rdfc-2022', created: toDateTimeStamp(new Date()), verificationMethod: `${did}#${did.slice(8)}` },
      await t.ports.crypto.importPrivateKey(privateJwk),
      { crypto: t.ports.crypto, documentLoader },
    );
    const r = await verify(attachProof(unsecured, proof, true));
    expect([r.body.verdict, r.step.id, r.step.problem.code]).toEqual(['untrusted-issuer', 'trust', 'not-in-registry']);
  });
});

describe('key lifecycle', () => {
  it("a compromised key's later proofs fail the issuer step; earlier ones pass with a warning", async () => {
    const token = await newIssuer('leak-org');
    await accredit(t, 'leak-org');
    const earlier = ((await (await issue(token)).json()) as Json).verifiableCredential;
    const compromisedAt = new Date(Date.now() + 500);
    const res = await t.call('POST', '/admin/issuers/leak-org/keys/compromise', { keyId: 'key-1', at: compromisedAt.toISOString() }, admin);
    expect(res.status).toBe(200);
    const later = await signWithHeldKey('leak-org', earlier, new Date(compromisedAt.getTime() + 60_000));
    const bad = await verify(later);
    expect([bad.body.verdict, bad.step.id, bad.step.problem.code]).toEqual(['untrusted-issuer', 'issuer', 'compromised-key']);
    // Until the compromised key is replaced, the issuer's lists cannot be signed: status is unknown.
    expect((await verify(earlier)).body.verdict).toBe('status-unknown');
    expect((await t.call('POST', '/admin/issuers/leak-org/keys/rotate', undefined, admin)).status).toBe(201);
    const good = await verify(earlier);
    expect(good.body.verdict).toBe('valid');
    expect(good.body.warnings.map((w: Json) => w.code)).toContain('key-later-compromised');
    const doc = (await (await t.app.request('/issuers/leak-org/did.json')).json()) as Json;
    expect(doc.verificationMethod[0].revoked).toBe(compromisedAt.toISOString());
  });

  it('after rotation the new key signs; the old key stays listed (retired, with its date) and keeps verifying what it signed', async () => {
    const token = await newIssuer('rot-org');
    await accredit(t, 'rot-org');
    const old = ((await (await issue(token)).json()) as Json).verifiableCredential;
    await t.call('POST', '/admin/issuers/rot-org/keys/rotate', undefined, admin);
    const fresh = ((await (await issue(token)).json()) as Json).verifiableCredential;
    expect(fresh.proof[0].verificationMethod).toMatch(/#key-2$/);
    expect((await verify(old)).body.verdict).toBe('valid');
    expect((await verify(fresh)).body.verdict).toBe('valid');
    const list = JSON.parse(await (await t.app.request('/trust-list')).text()) as Json;
    const entry = list.credentialSubject.issuers.find((i: Json) => i.id === old.issuer.id);
    expect(entry.keys.map((k: Json) => [k.id.split('#')[1], Boolean(k.retiredAt)])).toEqual([
      ['key-1', true],
      ['key-2', false],
    ]);
  });
});

describe('the signed trust list', () => {
  it('lists every issuer with DIDs, keys, accreditations and exits; signed by the service DID; ETag and 304', async () => {
    const res = await t.app.request('/trust-list');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const etag = res.headers.get('etag')!;
    const list = JSON.parse(await res.text()) as Json;
    expect(list.issuer).toBe('did:web:certs.example.cn');
    expect(list.type).toEqual(['VerifiableCredential', 'SkillcredTrustList']);
    const exited = list.credentialSubject.issuers.find((i: Json) => i.id.endsWith(':exit-org'));
    expect(exited.exits).toEqual([expect.objectContaining({ exitReason: 'misconduct' })]);
    expect(exited.accreditations[0].accreditedUntil).toBe(exited.exits[0].exitedAt);
    expect(exited.localizedName).toMatchObject({ 'zh-Hant': 'exit-org 評價中心', en: 'exit-org Evaluation Centre' });
    const scoped = list.credentialSubject.issuers.find((i: Json) => i.id.endsWith(':scope-org'));
    expect(scoped.accreditations[0]).toMatchObject({
      kinds: ['skill-level'],
      occupations: ['4-04-*'],
      ranks: [2, 3, 4],
      chain: '广州人工智能产业链',
      chainMaster: '某科技集团',
    });
    // it verifies: with our verifier (its proof and issuer steps) and with stock @digitalbazaar/vc
    const ours = await verify(list);
    expect(ours.body.steps.find((s: Json) => s.id === 'proof').valid).toBe(true);
    expect(ours.body.steps.find((s: Json) => s.id === 'issuer').valid).toBe(true);
    const loader = stockLoader(async (p) => t.app.request(p), t.ports.config.publicUrl);
    const service = (await (await t.app.request('/.well-known/did.json')).json()) as Json;
    const withService = async (url: string) => {
      if (url.startsWith('did:web:certs.example.cn#') || url === 'did:web:certs.example.cn') {
        const vm = service.verificationMethod.find((m: Json) => m.id === url);
        return { contextUrl: null, documentUrl: url, document: vm ? { '@context': service['@context'], ...vm } : service };
      }
      return loader(url);
    };
    expect((await stockVerify(list, withService)).verified).toBe(true);
    expect((await t.app.request('/trust-list', { headers: { 'if-none-match': etag } })).status).toBe(304);
    await t.call('POST', '/admin/issuers', { slug: 'late-org', names: { 'zh-Hans': '新机构' }, orgKind: 'Y', filingCode: 'Y-9' }, admin);
    const after = await t.app.request('/trust-list', { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
  });
});

describe('languages', () => {
  it('verification messages follow Accept-Language; names carry all three languages', async () => {
    const token = await newIssuer('lang-org');
    await accredit(t, 'lang-org');
    const vc = ((await (await issue(token)).json()) as Json).verifiableCredential;
    vc.credentialSubject.certificateNumber = 'S000144000123253999999';
    const hk = await verify(vc, { 'accept-language': 'zh-HK,zh;q=0.9,en;q=0.5' });
    expect(hk.body.verdictLabel).toBe('證書被篡改');
    expect(hk.step.problem.title).toBe('簽名與內容不符');
    const cn = await verify(vc, { 'accept-language': 'zh-CN' });
    expect(cn.body.verdictLabel).toBe('证书被篡改');
    const en = await verify(vc, { 'accept-language': 'en-GB' });
    expect(en.body.verdictLabel).toBe('Tampered');
    expect(en.body.summary.issuer.name).toEqual({ 'zh-Hans': 'lang-org 评价中心', 'zh-Hant': 'lang-org 評價中心', en: 'lang-org Evaluation Centre' });
  });
});

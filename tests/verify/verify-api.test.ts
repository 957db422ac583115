import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessmentRequest, bearer, createTestApp, skillLevelRequest, vc2, type TestApp } from '../helpers/app.js';
import { vectorJson } from '../helpers/vectors.js';

let t: TestApp;
let n = 0;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Json = Record<string, any>;
const post = (path: string, body: unknown, token?: string) => t.call('POST', path, body, token ? bearer(token) : {});

async function cert(extra: Json = {}, token = t.devKey): Promise<Json> {
  const res = await post('/v1/certificates', skillLevelRequest({ assessment: { id: `V-${n++}`, date: '2025-06-20' }, ...extra }), token);
  expect(res.status).toBe(201);
  return ((await res.json()) as Json).verifiableCredential as Json;
}

async function verify(vc: unknown, options: Json = {}) {
  const res = await post('/credentials/verify', { verifiableCredential: vc, options });
  const body = (await res.json()) as Json;
  return { status: res.status, body, failed: (body.steps as Json[]).filter((s) => !s.valid && !s.skipped).map((s) => s.id) };
}

function clone<T>(v: T): T {
  return structuredClone(v);
}

describe('POST /credentials/verify', () => {
  it('verifies a live certificate: every step reported, a display summary, 200', async () => {
    const vc = await cert();
    const { status, body } = await verify(vc);
    expect(status).toBe(200);
    expect(body.verified).toBe(true);
    expect(body.verdict).toBe('valid');
    expect(body.steps.map((s: Json) => s.id)).toEqual(['parse', 'proof', 'issuer', 'trust', 'validity', 'status']);
    expect(body.summary).toMatchObject({
      holderName: '张三',
      certificateKind: 'skill-level',
      occupation: { code: '4-04-05-05', name: '人工智能训练师' },
      level: { rank: 4, grade: '三级' },
      certificateNumber: 'Y000144000123253000001',
      issuer: { id: t.devDid, name: { 'zh-Hans': '开发用评价机构', en: 'Development Evaluation Organisation' } },
      status: { revocation: false },
    });
  });

  it('says revoked (422) after revocation, suspended after suspension', async () => {
    const vc = await cert({ suspension: true });
    await post(`/v1/credentials/${encodeURIComponent(vc.id)}/suspend`, { reason: 'inquiry' }, t.devKey);
    let r = await verify(vc);
    expect([r.status, r.body.verdict, r.failed]).toEqual([422, 'suspended', ['status']]);
    await post(`/v1/credentials/${encodeURIComponent(vc.id)}/revoke`, { reason: 'fraud' }, t.devKey);
    r = await verify(vc);
    expect([r.status, r.body.verdict, r.failed]).toEqual([422, 'revoked', ['status']]);
    expect(r.body.summary.status).toEqual({ revocation: true, suspension: true });
  });

  it('checks the holder: the right ID number passes, a wrong one fails the holder step', async () => {
    const vc = await cert();
    expect((await verify(vc, { holderIdNumber: '11010119900307123x' })).body.verified).toBe(true);
    const wrong = await verify(vc, { holderIdNumber: '110101199003071234' });
    expect([wrong.body.verdict, wrong.failed]).toEqual(['holder-mismatch', ['holder']]);
  });

  it('verifies vc+jwt, jcs, VC 1.1 and assessment pairs', async () => {
    const jwt = (await (await post('/credentials/issue', { credential: vc2(t.devDid), options: { format: 'vc+jwt' } }, t.devKey)).json()) as Json;
    expect((await verify(jwt.verifiableCredential)).body.verdict).toBe('valid');
    // the bare JWT string and the data: URL are accepted too
    const url = String(jwt.verifiableCredential.id);
    expect((await verify(url)).body.verdict).toBe('valid');
    expect((await verify(url.replace('data:application/vc+jwt,', ''))).body.verdict).toBe('valid');
    expect((await verify(await cert({ cryptosuite: 'eddsa-jcs-2022' }))).body.verdict).toBe('valid');
    const v1 = (await (
      await post(
        '/credentials/issue',
        {
          credential: {
            '@context': ['https://www.w3.org/2018/credentials/v1'],
            type: ['VerifiableCredential'],
            issuer: t.devDid,
            credentialSubject: { id: 'did:example:x' },
          },
        },
        t.devKey,
      )
    ).json()) as Json;
    expect((await verify(v1.verifiableCredential)).body.verdict).toBe('valid');
    const pair = (await (await post('/v1/assessments', assessmentRequest({ assessment: { id: 'V-PAIR', date: '2025-07-01' } }), t.devKey)).json()) as Json;
    for (const c of pair.credentials) expect((await verify(c.verifiableCredential)).body.verdict).toBe('valid');
  });

  it('never answers 500, whatever the input', async () => {
    const inputs: unknown[] = [
      null,
      42,
      'garbage',
      '',
      '   ',
      [],
      {},
      { proof: null },
      { '@context': 5 },
      'eyJ.eyJ.sig',
      'data:application/vc+jwt,xx.yy.zz',
      '{"broken',
      { type: 'EnvelopedVerifiableCredential', id: 'data:application/vc+jwt,a.b.c' },
      { ...vc2(t.devDid), proof: [null] },
      {
        ...vc2(t.devDid),
        proof: {
          type: 'DataIntegrityProof',
          cryptosuite: 'eddsa-rdfc-2022',
          verificationMethod: 'did:web:nowhere.example#k',
          proofPurpose: 'assertionMethod',
          proofValue: 'z1',
        },
      },
      { ...vc2(t.devDid), proof: { type: 'DataIntegrityProof', verificationMethod: null } },
      {
        ...vc2('did:key:z6Mkf'),
        proof: {
          type: 'DataIntegrityProof',
          cryptosuite: 'eddsa-jcs-2022',
          verificationMethod: 'did:key:zzzz#zzzz',
          proofPurpose: 'assertionMethod',
          proofValue: 'zzz',
        },
      },
      { ...vc2(t.devDid), credentialStatus: [{ type: 'BitstringStatusListEntry' }], proof: {} },
    ];
    for (const input of inputs) {
      const res = await post('/credentials/verify', { verifiableCredential: input });
      expect([400, 422], JSON.stringify(input)).toContain(res.status);
      const body = (await res.json()) as Json;
      expect(body.verified).toBe(false);
      expect(body.errors.length).toBeGreaterThan(0);
    }
    for (const raw of ['not json', '[]', 'null', '"x"']) {
      const res = await t.app.request('/credentials/verify', { method: 'POST', body: raw, headers: { 'content-type': 'application/json' } });
      expect([400, 422], raw).toContain(res.status);
    }
  });
});

describe('W3C vc-di-eddsa vectors verify through the API at the proof step', () => {
  const check = async (doc: unknown) => {
    const { body } = await verify(doc);
    const steps = Object.fromEntries((body.steps as Json[]).map((s) => [s.id, s]));
    return steps;
  };
  it('eddsa-rdfc-2022, eddsa-jcs-2022 and Ed25519Signature2020 signed vectors', async () => {
    for (const file of ['eddsa-rdfc-2022/signedDataInt.json', 'eddsa-jcs-2022/signedJCS.json', 'Ed25519Signature2020/signedEdSig.json']) {
      const steps = await check(vectorJson(`vc-di-eddsa/${file}`));
      expect(steps.proof.valid, file).toBe(true);
      // the vectors' issuer is not the signing DID: the issuer step says so
      expect(steps.issuer.problem.code).toBe('not-issuer-key');
    }
  });
  it('a proof set and a proof chain', async () => {
    const set = vectorJson<Json>('vc-di-eddsa/proof-set-chain/proofChainTempDoc1.json');
    expect((await check(set)).proof.valid).toBe(true);
    const chain = {
      ...set,
      proof: [
        ...set.proof,
        vectorJson('vc-di-eddsa/proof-set-chain/proofChainConfigSigned1.json'),
        vectorJson('vc-di-eddsa/proof-set-chain/proofChainConfigSigned2.json'),
      ],
    };
    expect((await check(chain)).proof.valid).toBe(true);
    // previousProof given as a string and as an array both resolve; a chain missing its link fails
    const broken = { ...set, proof: [set.proof[0], vectorJson('vc-di-eddsa/proof-set-chain/proofChainConfigSigned1.json')] };
    expect((await check(broken)).proof.problem.code).toBe('broken-chain');
    const tampered = clone(chain);
    tampered.proof[1].proofValue = tampered.proof[0].proofValue;
    expect((await check(tampered)).proof.valid).toBe(false);
  });
});

// Real signed credentials of every kind the service issues, for the QR tests and the QR benchmark.
import { ADMIN_TOKEN, assessmentRequest, bearer, skillLevelRequest, vc2, type TestApp } from '../helpers/app.js';

type Json = Record<string, unknown>;

/** One issued credential, named for tables and test titles. */
export interface CorpusEntry {
  name: string;
  credential: Json;
}

/** The name of the typical skill level certificate, the one the QR size budget is about. */
export const TYPICAL = 'skill-level rdfc';

async function post(t: TestApp, path: string, body: unknown, token: string): Promise<Json> {
  const res = await t.call('POST', path, body, bearer(token));
  const json = (await res.json()) as Json;
  if (res.status !== 201) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

/**
 * Issues one credential of each kind through the real API: skill level (rdfc, jcs, with the
 * suspension entry), the assessment pair (with and without suspension), VC API credentials
 * (VC 2.0 rdfc and jcs, VC 1.1) and a skill level certificate of a did:key issuer.
 */
export async function issueCorpus(t: TestApp): Promise<CorpusEntry[]> {
  const out: CorpusEntry[] = [];
  const cert = async (name: string, body: Json, token = t.devKey) => {
    const json = await post(t, '/v1/certificates', body, token);
    out.push({ name, credential: json.verifiableCredential as Json });
  };
  const pair = async (suffix: string, body: Json) => {
    const json = await post(t, '/v1/assessments', body, t.devKey);
    for (const c of json.credentials as Json[]) out.push({ name: `${String(c.kind)}${suffix}`, credential: c.verifiableCredential as Json });
  };
  const vcApi = async (name: string, body: Json) => {
    const json = await post(t, '/credentials/issue', body, t.devKey);
    out.push({ name, credential: json.verifiableCredential as Json });
  };

  await cert(TYPICAL, skillLevelRequest());
  await cert('skill-level jcs', skillLevelRequest({ cryptosuite: 'eddsa-jcs-2022', assessment: { id: 'ASM-2025-0002', date: '2025-06-20' } }));
  await cert('skill-level rdfc +suspension', skillLevelRequest({ suspension: true, assessment: { id: 'ASM-2025-0003', date: '2025-06-20' } }));
  await cert(
    'skill-level jcs +suspension',
    skillLevelRequest({ suspension: true, cryptosuite: 'eddsa-jcs-2022', assessment: { id: 'ASM-2025-0004', date: '2025-06-20' } }),
  );
  await pair('', assessmentRequest());
  await pair(
    ' +suspension',
    assessmentRequest({
      suspension: true,
      assessment: { id: 'ASM-2025-0101', date: '2025-07-01' },
      certificateNumbers: { specializedAbility: 'ZX2025000101', enterprise: 'QY2025000101' },
    }),
  );
  await pair(
    ' jcs',
    assessmentRequest({
      cryptosuite: 'eddsa-jcs-2022',
      assessment: { id: 'ASM-2025-0102', date: '2025-07-01' },
      certificateNumbers: { specializedAbility: 'ZX2025000102', enterprise: 'QY2025000102' },
    }),
  );
  await vcApi('VC API vc2 rdfc', { credential: vc2(t.devDid) });
  await vcApi('VC API vc2 jcs', {
    credential: vc2(t.devDid, { credentialSubject: { id: 'did:example:holder', skill: '电工' } }),
    options: { cryptosuite: 'eddsa-jcs-2022' },
  });
  await vcApi('VC API vc1.1', {
    credential: {
      '@context': ['https://www.w3.org/2018/credentials/v1', 'https://www.w3.org/ns/credentials/examples/v2'],
      type: ['VerifiableCredential'],
      issuer: t.devDid,
      credentialSubject: { id: 'did:example:holder', skill: '电工' },
    },
  });

  const created = await post(
    t,
    '/admin/issuers',
    {
      slug: 'key-org',
      names: { 'zh-Hans': '广州某评价机构', 'zh-Hant': '廣州某評價機構', en: 'Guangzhou Evaluation Org' },
      orgKind: 'S',
      filingCode: 'GD-S-0042',
      didMethod: 'key',
    },
    ADMIN_TOKEN,
  );
  const keyToken = (created.apiKey as { token: string }).token;
  // Where the trust registry exists, a new issuer certifies nothing until it is accredited.
  const accredit = await t.call(
    'POST',
    '/admin/issuers/key-org/accreditations',
    { kinds: ['skill-level'], occupations: ['*'], validFrom: '2020-01-01T00:00:00Z' },
    bearer(ADMIN_TOKEN),
  );
  if (accredit.status !== 404 && !accredit.ok) throw new Error(`accrediting key-org answered ${accredit.status}: ${await accredit.text()}`);
  await cert(
    'skill-level did:key',
    skillLevelRequest({ certificateNumber: 'S000144000123253000009', assessment: { id: 'ASM-2025-0009', date: '2025-06-20' } }),
    keyToken,
  );
  return out;
}

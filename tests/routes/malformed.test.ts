import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessmentRequest, bearer, createTestApp, skillLevelRequest, vc2, type TestApp } from '../helpers/app.js';

let t: TestApp;
let did: string;
beforeAll(async () => {
  t = await createTestApp();
  did = t.devDid;
});
afterAll(() => t.close());

type Case = {
  name: string;
  path: '/credentials/issue' | '/v1/certificates' | '/v1/assessments' | '/admin/issuers';
  body: () => unknown;
  status: number;
  /** A fragment the problem's detail must contain: it names what is wrong. */
  says: string;
  raw?: boolean;
  contentType?: string;
};

const v2 = () => vc2(did);
const without = (o: Record<string, unknown>, key: string) => {
  const copy = { ...o };
  delete copy[key];
  return copy;
};

const CASES: Case[] = [
  // --- transport
  { name: 'not JSON at all', path: '/credentials/issue', body: () => '{"credential": ', raw: true, status: 400, says: 'not valid JSON' },
  { name: 'empty body', path: '/v1/certificates', body: () => '', raw: true, status: 400, says: 'empty' },
  { name: 'text/plain body', path: '/v1/certificates', body: () => '{}', raw: true, contentType: 'text/plain', status: 415, says: 'application/json' },
  { name: 'JSON array instead of object', path: '/credentials/issue', body: () => [], status: 422, says: 'must be object' },
  { name: 'JSON null', path: '/v1/certificates', body: () => null, status: 422, says: 'must be object' },
  // --- VC API: request envelope
  { name: 'no credential', path: '/credentials/issue', body: () => ({ options: {} }), status: 422, says: '/credential is required' },
  { name: 'credential is a string', path: '/credentials/issue', body: () => ({ credential: 'vc' }), status: 422, says: '/credential must be object' },
  {
    name: 'unknown option',
    path: '/credentials/issue',
    body: () => ({ credential: v2(), options: { proofType: 'x' } }),
    status: 422,
    says: '/options/proofType',
  },
  {
    name: 'unknown cryptosuite',
    path: '/credentials/issue',
    body: () => ({ credential: v2(), options: { cryptosuite: 'ecdsa-rdfc-2019' } }),
    status: 422,
    says: 'cryptosuite',
  },
  {
    name: 'unknown format',
    path: '/credentials/issue',
    body: () => ({ credential: v2(), options: { format: 'sd-jwt' } }),
    status: 422,
    says: '/options/format',
  },
  // --- VC API: the data model
  { name: 'missing @context', path: '/credentials/issue', body: () => ({ credential: without(v2(), '@context') }), status: 422, says: '@context: is required' },
  {
    name: 'misordered @context',
    path: '/credentials/issue',
    body: () => ({ credential: { ...v2(), '@context': ['https://www.w3.org/ns/credentials/examples/v2', 'https://www.w3.org/ns/credentials/v2'] } }),
    status: 422,
    says: 'must come first',
  },
  {
    name: '@context entry is a number',
    path: '/credentials/issue',
    body: () => ({ credential: { ...v2(), '@context': ['https://www.w3.org/ns/credentials/v2', 42] } }),
    status: 422,
    says: 'URL or an object',
  },
  {
    name: '@context entry is not a URL',
    path: '/credentials/issue',
    body: () => ({ credential: { ...v2(), '@context': ['https://www.w3.org/ns/credentials/v2', 'not a url'] } }),
    status: 422,
    says: 'URL or an object',
  },
  {
    name: 'unknown @context URL',
    path: '/credentials/issue',
    body: () => ({ credential: { ...v2(), '@context': ['https://www.w3.org/ns/credentials/v2', 'https://example.com/ctx.jsonld'] } }),
    status: 422,
    says: 'not a context this service knows',
  },
  {
    name: 'mixed VC 1.1 and 2.0 contexts',
    path: '/credentials/issue',
    body: () => ({ credential: { ...v2(), '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/2018/credentials/v1'] } }),
    status: 422,
    says: 'must not mix',
  },
  { name: 'missing type', path: '/credentials/issue', body: () => ({ credential: without(v2(), 'type') }), status: 422, says: 'type must be a string' },
  {
    name: 'type without VerifiableCredential',
    path: '/credentials/issue',
    body: () => ({ credential: { ...v2(), type: ['ExampleSkillCredential'] } }),
    status: 422,
    says: 'must include "VerifiableCredential"',
  },
  { name: 'type is a number', path: '/credentials/issue', body: () => ({ credential: { ...v2(), type: 7 } }), status: 422, says: 'type must be a string' },
  {
    name: 'id is not a URL',
    path: '/credentials/issue',
    body: () => ({ credential: { ...v2(), id: 'just words' } }),
    status: 422,
    says: '/credential/id: must be a URL',
  },
  {
    name: 'missing issuer',
    path: '/credentials/issue',
    body: () => ({ credential: without(v2(), 'issuer') }),
    status: 422,
    says: '/credential/issuer: is required',
  },
  {
    name: 'null issuer',
    path: '/credentials/issue',
    body: () => ({ credential: { ...v2(), issuer: null } }),
    status: 422,
    says: '/credential/issuer: is required',
  },
  {
    name: 'issuer not a URL',
    path: '/credentials/issue',
    body: () => ({ credential: { ...v2(), issuer: 'Some College' } }),
    status: 422,
    says: 'must be a URL',
  },
  {
    name: 'issuer object without URL id',
    path: '/credentials/issue',
    body: () => ({ credential: { ...v2(), issuer: { name: 'x' } } }),
    status: 422,
    says: '/credential/issuer/id: must be a URL',
  },
  {
    name: 'missing credentialSubject',
    path: '/credentials/issue',
    body: () => ({ credential: without(v2(), 'credentialSubject') }),
    status: 422,
    says: 'credentialSubject: is required',
  },
  {
    name: 'empty credentialSubject',
    path: '/credentials/issue',
    body: () => ({ credential: { ...v2(), credentialSubject: {} } }),
    status: 422,
    says: 'non-empty object',
  },
  {
    name: 'credentialSubject id not a URL',
    path: '/credentials/issue',
    body: () => ({ credential: { ...v2(), credentialSubject: { id: 'holder 1', skill: 'x' } } }),
    status: 422,
    says: 'credentialSubject/id: must be a URL',
  },
  {
    name: 'validFrom is a date only',
    path: '/credentials/issue',
    body: () => ({ credential: { ...v2(), validFrom: '2025-01-01' } }),
    status: 422,
    says: 'dateTimeStamp',
  },
  {
    name: 'validUntil without time zone',
    path: '/credentials/issue',
    body: () => ({ credential: { ...v2(), validUntil: '2030-01-01T00:00:00' } }),
    status: 422,
    says: 'dateTimeStamp',
  },
  {
    name: 'validFrom after validUntil',
    path: '/credentials/issue',
    body: () => ({ credential: { ...v2(), validFrom: '2030-01-01T00:00:00Z', validUntil: '2029-01-01T00:00:00Z' } }),
    status: 422,
    says: 'must not be before validFrom',
  },
  {
    name: 'VC 2.0 with issuanceDate',
    path: '/credentials/issue',
    body: () => ({ credential: { ...v2(), issuanceDate: '2025-01-01T00:00:00Z' } }),
    status: 422,
    says: 'VC 2.0 uses validFrom',
  },
  {
    name: 'credentialStatus without type',
    path: '/credentials/issue',
    body: () => ({ credential: { ...v2(), credentialStatus: { id: 'https://x.example/s/1' } } }),
    status: 422,
    says: 'credentialStatus/type: is required',
  },
  {
    name: 'credentialSchema without type',
    path: '/credentials/issue',
    body: () => ({ credential: { ...v2(), credentialSchema: { id: 'https://x.example/schema.json' } } }),
    status: 422,
    says: 'credentialSchema/type: is required',
  },
  {
    name: 'evidence without type',
    path: '/credentials/issue',
    body: () => ({ credential: { ...v2(), evidence: [{ id: 'https://x.example/e/1' }] } }),
    status: 422,
    says: 'evidence/0/type: is required',
  },
  {
    name: 'termsOfUse without type',
    path: '/credentials/issue',
    body: () => ({ credential: { ...v2(), termsOfUse: { id: 'https://x.example/tou' } } }),
    status: 422,
    says: 'termsOfUse/type: is required',
  },
  {
    name: 'refreshService without type',
    path: '/credentials/issue',
    body: () => ({ credential: { ...v2(), refreshService: { id: 'https://x.example/refresh' } } }),
    status: 422,
    says: 'refreshService/type: is required',
  },
  {
    name: 'credential already has a proof',
    path: '/credentials/issue',
    body: () => ({ credential: { ...v2(), proof: { type: 'DataIntegrityProof' } } }),
    status: 422,
    says: 'must not carry a proof',
  },
  {
    name: 'undefined term (rdfc)',
    path: '/credentials/issue',
    body: () => ({
      credential: { ...vc2(did), '@context': ['https://www.w3.org/ns/credentials/v2'], credentialSubject: { id: 'did:example:1', undefinedTerm: 'x' } },
    }),
    status: 422,
    says: 'undefinedTerm',
  },
  {
    name: 'undefined term (jcs)',
    path: '/credentials/issue',
    body: () => ({
      credential: { ...vc2(did), '@context': ['https://www.w3.org/ns/credentials/v2'], credentialSubject: { id: 'did:example:1', notDefined: 'x' } },
      options: { cryptosuite: 'eddsa-jcs-2022' },
    }),
    status: 422,
    says: 'notDefined',
  },
  {
    name: 'undefined term (vc+jwt)',
    path: '/credentials/issue',
    body: () => ({
      credential: { ...vc2(did), '@context': ['https://www.w3.org/ns/credentials/v2'], credentialSubject: { id: 'did:example:1' }, foo: 1 },
      options: { format: 'vc+jwt' },
    }),
    status: 422,
    says: 'foo',
  },
  {
    name: 'vc+jwt of a VC 1.1 credential',
    path: '/credentials/issue',
    body: () => ({
      credential: {
        '@context': ['https://www.w3.org/2018/credentials/v1'],
        type: ['VerifiableCredential'],
        issuer: did,
        credentialSubject: { id: 'did:example:1' },
      },
      options: { format: 'vc+jwt' },
    }),
    status: 422,
    says: 'VC 2.0 credentials only',
  },
  {
    name: 'VC 1.1 issuanceDate malformed',
    path: '/credentials/issue',
    body: () => ({
      credential: {
        '@context': ['https://www.w3.org/2018/credentials/v1'],
        type: ['VerifiableCredential'],
        issuer: did,
        issuanceDate: 'yesterday',
        credentialSubject: { id: 'did:example:1' },
      },
    }),
    status: 422,
    says: 'issuanceDate',
  },
  {
    name: 'issuer hosted elsewhere',
    path: '/credentials/issue',
    body: () => ({ credential: vc2('did:web:elsewhere.example') }),
    status: 403,
    says: 'not hosted here',
  },
  // --- domain: POST /v1/certificates
  { name: 'missing kind', path: '/v1/certificates', body: () => without(skillLevelRequest(), 'kind'), status: 422, says: '/kind is required' },
  { name: 'unknown kind', path: '/v1/certificates', body: () => skillLevelRequest({ kind: 'diploma' }), status: 422, says: '/kind must be one of' },
  { name: 'missing holder', path: '/v1/certificates', body: () => without(skillLevelRequest(), 'holder'), status: 422, says: '/holder is required' },
  {
    name: 'holder without ID number',
    path: '/v1/certificates',
    body: () => skillLevelRequest({ holder: { name: '张三', idType: 'passport' } }),
    status: 422,
    says: '/holder/idNumber is required',
  },
  {
    name: 'ID number with odd characters',
    path: '/v1/certificates',
    body: () => skillLevelRequest({ holder: { name: '张三', idType: 'passport', idNumber: '<script>' } }),
    status: 422,
    says: '/holder/idNumber must match',
  },
  {
    name: 'unknown ID document type',
    path: '/v1/certificates',
    body: () => skillLevelRequest({ holder: { name: '张三', idType: 'library-card', idNumber: '123456' } }),
    status: 422,
    says: '/holder/idType must be one of',
  },
  {
    name: 'occupation code in wrong form',
    path: '/v1/certificates',
    body: () => skillLevelRequest({ occupation: { code: '40405 05' } }),
    status: 422,
    says: '/occupation/code must match',
  },
  {
    name: 'unknown occupation without name',
    path: '/v1/certificates',
    body: () => skillLevelRequest({ occupation: { code: '9-99-99-99' } }),
    status: 422,
    says: '/occupation/name is required',
  },
  {
    name: 'unknown classification version',
    path: '/v1/certificates',
    body: () => skillLevelRequest({ occupation: { code: '4-04-05-05', classificationVersion: '1999' } }),
    status: 422,
    says: 'classificationVersion',
  },
  { name: 'skill level without level', path: '/v1/certificates', body: () => without(skillLevelRequest(), 'level'), status: 422, says: '/level is required' },
  {
    name: 'rank and grade disagree',
    path: '/v1/certificates',
    body: () => skillLevelRequest({ level: { rank: 5, grade: '三级' } }),
    status: 422,
    says: '/level/grade',
  },
  {
    name: 'rank without printed grade (apprentice)',
    path: '/v1/certificates',
    body: () => skillLevelRequest({ level: { rank: 1 } }),
    status: 422,
    says: 'no printed grade',
  },
  { name: 'rank out of range', path: '/v1/certificates', body: () => skillLevelRequest({ level: { rank: 9 } }), status: 422, says: '/level/rank must be <= 8' },
  {
    name: 'grade not on the ladder',
    path: '/v1/certificates',
    body: () => skillLevelRequest({ level: { grade: '六级' } }),
    status: 422,
    says: '/level/grade must be one of',
  },
  {
    name: 'occupation starts above 五级',
    path: '/v1/certificates',
    body: () => skillLevelRequest({ occupation: { code: '6-31-07-03' }, level: { rank: 2 }, certificateNumber: 'Y000144000123255000001' }),
    status: 422,
    says: 'starts at Level 4 (四级)',
  },
  {
    name: 'certificate number too short',
    path: '/v1/certificates',
    body: () => skillLevelRequest({ certificateNumber: 'Y00014400012325300000' }),
    status: 422,
    says: 'Y or S followed by 21 digits',
  },
  {
    name: 'certificate number org kind mismatch',
    path: '/v1/certificates',
    body: () => skillLevelRequest({ certificateNumber: 'S000144000123253000001' }),
    status: 422,
    says: 'filed as Y',
  },
  {
    name: 'certificate number grade digit mismatch',
    path: '/v1/certificates',
    body: () => skillLevelRequest({ certificateNumber: 'Y000144000123252000001' }),
    status: 422,
    says: 'grade digit',
  },
  {
    name: 'assessment date not a date',
    path: '/v1/certificates',
    body: () => skillLevelRequest({ assessment: { id: 'A1', date: '20/06/2025' } }),
    status: 422,
    says: '/assessment/date must be a valid date',
  },
  {
    name: 'validFrom not a date-time',
    path: '/v1/certificates',
    body: () => skillLevelRequest({ validFrom: 'tomorrow' }),
    status: 422,
    says: '/validFrom must be a valid date-time',
  },
  {
    name: 'extra property',
    path: '/v1/certificates',
    body: () => skillLevelRequest({ photo: 'data:...' }),
    status: 422,
    says: '/photo is not an allowed property',
  },
  {
    name: 'specialized ability without specialty',
    path: '/v1/certificates',
    body: () => skillLevelRequest({ kind: 'specialized-ability', level: undefined }),
    status: 422,
    says: '/specialty is required',
  },
  {
    name: 'enterprise certification with a skill level',
    path: '/v1/certificates',
    body: () => skillLevelRequest({ kind: 'enterprise', enterprise: { title: 'x', level: 'A' } }),
    status: 422,
    says: 'only skill-level certificates carry a level',
  },
  {
    name: 'holder name too long',
    path: '/v1/certificates',
    body: () => skillLevelRequest({ holder: { name: 'x'.repeat(65), idType: 'passport', idNumber: 'E1234567' } }),
    status: 422,
    says: '/holder/name must NOT have more than 64',
  },
  // --- domain: POST /v1/assessments
  {
    name: 'assessment without enterprise part',
    path: '/v1/assessments',
    body: () => without(assessmentRequest(), 'enterprise'),
    status: 422,
    says: '/enterprise is required',
  },
  {
    name: 'assessment without certificate numbers',
    path: '/v1/assessments',
    body: () => without(assessmentRequest(), 'certificateNumbers'),
    status: 422,
    says: '/certificateNumbers is required',
  },
  {
    name: 'assessment id with spaces',
    path: '/v1/assessments',
    body: () => assessmentRequest({ assessment: { id: 'a b', date: '2025-07-01' } }),
    status: 422,
    says: '/assessment/id must match',
  },
  // --- admin
  {
    name: 'issuer slug with capitals',
    path: '/admin/issuers',
    body: () => ({ slug: 'Bad', names: { 'zh-Hans': '机构' }, orgKind: 'Y', filingCode: 'F1' }),
    status: 422,
    says: '/slug must match',
  },
  {
    name: 'issuer org kind unknown',
    path: '/admin/issuers',
    body: () => ({ slug: 'ok', names: { 'zh-Hans': '机构' }, orgKind: 'X', filingCode: 'F1' }),
    status: 422,
    says: '/orgKind must be one of',
  },
];

describe('malformed issuance bodies get a 4xx problem that names the fault, never a 500', () => {
  it('has at least 40 cases', () => expect(CASES.length).toBeGreaterThanOrEqual(40));
  for (const c of CASES) {
    it(`${c.path}: ${c.name} → ${c.status}`, async () => {
      const raw = c.body();
      const token = c.path.startsWith('/admin') ? 'test-admin-token-0123456789abcdef' : t.devKey;
      const init: RequestInit = {
        method: 'POST',
        headers: { ...bearer(token), 'content-type': c.contentType ?? 'application/json' },
        body: c.raw ? (raw as string) : JSON.stringify(raw),
      };
      const res = await t.app.request(c.path, init);
      const text = await res.text();
      expect(res.status, text).toBe(c.status);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      const problem = JSON.parse(text) as { type: string; title: string; detail: string; status: number; code: string };
      expect(problem.status).toBe(c.status);
      expect(problem.type).toMatch(/^https:\/\//);
      expect(problem.detail).toContain(c.says);
    });
  }
});

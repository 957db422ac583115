// Property-based fuzz over the OpenAPI document: every operation, with and without credentials,
// gets malformed and almost-valid requests. Nothing may answer 5xx, and every error must be an
// RFC 9457 problem document. Seeded, so a failure reproduces; bounded, so it runs in seconds.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, assessmentRequest, bearer, createTestApp, skillLevelRequest, vc2, type TestApp } from '../helpers/app.js';

type Json = Record<string, any>;
interface Operation {
  method: string;
  path: string;
  body: boolean;
  /** The principals the operation is for (from its OpenAPI security), 'none' when public. */
  auth: string[];
}

const SCHEME_AUTH: Record<string, string> = { issuerKey: 'issuer', adminToken: 'admin', partnerKey: 'partner' };

let t: TestApp;
let operations: Operation[];
let partnerKey: string;
let credentialId: string;
let credential: Json;
beforeAll(async () => {
  t = await createTestApp();
  const doc = (await (await t.app.request('/openapi.json')).json()) as Json;
  operations = Object.entries(doc.paths as Json).flatMap(([path, ops]) =>
    Object.entries(ops as Json).map(([method, op]) => {
      const auth = ((op as Json).security ?? []).flatMap((s: Json) => Object.keys(s).map((k) => SCHEME_AUTH[k] ?? k));
      return { method: method.toUpperCase(), path, body: (op as Json).requestBody !== undefined, auth: auth.length ? auth : ['none'] };
    }),
  );
  const partner = await t.call(
    'POST',
    '/admin/partners',
    { slug: 'fuzz-hk', names: { en: 'Fuzz partner' }, region: 'HK', rateLimitPerMinute: 100_000 },
    bearer(ADMIN_TOKEN),
  );
  partnerKey = ((await partner.json()) as Json).apiKey.token;
  const issued = (await (
    await t.call('POST', '/v1/certificates', skillLevelRequest({ assessment: { id: 'FUZZ-0', date: '2025-06-20' } }), bearer(t.devKey))
  ).json()) as Json;
  credentialId = issued.id;
  credential = issued.verifiableCredential;
});
afterAll(() => t.close());

/** Valid bodies to mutate, by the path they go to: mutants reach the code behind the schema checks. */
function examples(path: string): Json[] {
  const by: Record<string, Json[]> = {
    '/v1/certificates': [
      skillLevelRequest({
        validFrom: '2025-07-01T00:00:00Z',
        suspension: true,
        cryptosuite: 'eddsa-jcs-2022',
        occupation: { code: '4-04-05-05', workType: '数据标注', classificationVersion: '2022' },
      }),
      skillLevelRequest({ kind: 'enterprise', level: undefined, enterprise: { title: '焊接', level: '高级', rank: 4 } }),
    ],
    '/v1/assessments': [assessmentRequest({ validFrom: '2025-07-01T00:00:00Z', suspension: false })],
    '/credentials/issue': [
      {
        credential: vc2(t.devDid, { validUntil: '2030-01-01T00:00:00Z', credentialSchema: { id: 'https://example.org/s.json', type: 'JsonSchema' } }),
        options: { cryptosuite: 'eddsa-jcs-2022', credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'suspension' } },
      },
      { credential: vc2(t.devDid), options: { format: 'vc+jwt' } },
      {
        credential: {
          '@context': ['https://www.w3.org/2018/credentials/v1'],
          type: ['VerifiableCredential'],
          issuer: t.devDid,
          issuanceDate: '2025-01-01T00:00:00Z',
          credentialSubject: { id: 'did:example:x' },
        },
        options: { format: 'jwt_vc_json' },
      },
    ],
    '/credentials/verify': [
      { verifiableCredential: credential },
      { verifiableCredential: credential, options: { holderIdNumber: '11010119900307123X', checks: ['proof'] } },
    ],
    '/presentations/verify': [
      {
        verifiablePresentation: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], verifiableCredential: [credential] },
      },
    ],
    '/credentials/status': [{ credentialId, credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'suspended' }] }],
    '/v1/status/bulk': [{ action: 'suspend', reason: 'fuzz', select: { issuedFrom: '2025-01-01T00:00:00Z', issuedUntil: '2025-01-02T00:00:00Z' } }],
    '/v1/verify/batch': [{ items: [credential, 'x'] }],
    '/v1/recognitions': [{ certificateKind: 'skill-level', ladderRank: 4, framework: 'HKQF', level: 'Level 3' }],
    '/admin/issuers': [{ slug: 'fuzz-org', names: { 'zh-Hans': '模糊' }, orgKind: 'S', filingCode: 'F-1' }],
    '/admin/partners': [{ slug: 'fuzz-mo', names: { en: 'Fuzz' }, region: 'MO' }],
    '/admin/issuers/{slug}/accreditations': [
      {
        kinds: ['skill-level'],
        occupations: ['4-04-*'],
        ranks: [2, 3],
        validFrom: '2025-01-01T00:00:00Z',
        validUntil: '2030-01-01T00:00:00Z',
        chain: 'c',
        chainMaster: 'm',
      },
    ],
    '/admin/issuers/{slug}/exit': [{ exitedAt: '2999-01-01T00:00:00Z', reason: 'term-expired', note: 'n', retroactive: false }],
    '/admin/issuers/{slug}/keys/compromise': [{ keyId: 'key-9', at: '2999-01-01T00:00:00Z', retroactive: false }],
    '/admin/issuers/{slug}/keys/rotate': [{}],
    '/v1/credentials/{id}/revoke': [{ reason: 'fuzz' }],
    '/v1/credentials/{id}/suspend': [{ reason: 'fuzz', scope: 'assessment' }],
    '/v1/credentials/{id}/reinstate': [{ reason: 'fuzz' }],
  };
  return by[path] ?? [{}];
}

// Values that have broken parsers before, by the kind of value they replace: leap seconds and
// impossible dates, non-integers and extreme numbers, escapes, control characters, long strings,
// wrong types and deep nesting.
const TRICKY = {
  date: [
    '2016-12-31T23:59:60Z',
    '0000-01-01T00:00:00Z',
    '+275760-09-13T00:00:00Z',
    '2025-02-30T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '2025-06-20T25:00:00Z',
    '1969-12-31T23:59:59.999999Z',
    '2025-06-20',
  ],
  number: [1.5, -1, 0, 2 ** 53, 1e308, -0, 99_999, 1e-300],
  string: [
    '',
    ' ',
    'x'.repeat(5000),
    '%zz',
    '%25zz',
    '\u0000',
    '../..',
    'did:web:127.0.0.1%3A8443',
    '<script>alert(1)</script>',
    '😀',
    'urn:uuid:00000000-0000-0000-0000-000000000000',
  ],
  other: [null, true, [], {}, [null], { '@context': { x: 'y' } }, JSON.parse('['.repeat(200) + ']'.repeat(200))],
} as const;
const DATE = /^\d{4}-\d\d-\d\d(T|$)/;

function trickyFor(original: unknown, n: number): unknown {
  const pool = typeof original === 'string' ? (DATE.test(original) ? TRICKY.date : TRICKY.string) : typeof original === 'number' ? TRICKY.number : TRICKY.other;
  // Now and then a value of another kind entirely.
  const all = n % 4 === 3 ? [...TRICKY.string, ...TRICKY.number, ...TRICKY.other] : pool;
  return all[n % all.length];
}

/** Replaces (or adds beside) the value at a random path of `value` with a value that suits it, or `random`. */
function mutate(value: unknown, choice: number, pick: number, random: unknown, useRandom: boolean): unknown {
  const paths: (string | number)[][] = [[]];
  const walk = (v: unknown, at: (string | number)[]) => {
    if (at.length > 6 || v === null || typeof v !== 'object') return;
    for (const [k, child] of Object.entries(v as Json)) {
      const p = [...at, Array.isArray(v) ? Number(k) : k];
      paths.push(p);
      walk(child, p);
    }
  };
  walk(value, []);
  const path = paths[choice % paths.length]!;
  if (path.length === 0) return useRandom ? random : trickyFor(value, pick);
  const copy = structuredClone(value) as Json;
  let node: Json = copy;
  for (const k of path.slice(0, -1)) node = node[k as string];
  const key = path.at(-1) as string;
  const replacement = useRandom ? random : trickyFor(node[key], pick);
  // Every seventh mutant adds a key beside the chosen one instead of replacing it.
  if (choice % 7 === 6 && !Array.isArray(node)) (node as Json)[`${String(key)}X`] = replacement;
  else (node as Json)[key] = replacement;
  return copy;
}

const segment = fc.oneof(
  fc.constantFrom('dev', 'nobody', '%25zz', '%E0%A4%A', 'a%0Ab', '..', 'x'.repeat(600), 'urn%3Auuid%3A00000000-0000-4000-8000-000000000000'),
  fc.string({ maxLength: 20 }).map(encodeURIComponent),
);

const request = fc.record({
  op: fc.nat(),
  // Most requests come with the principal the operation is for, so they reach its code.
  intended: fc.boolean(),
  auth: fc.constantFrom('none', 'garbage', 'issuer', 'admin', 'partner'),
  idKind: fc.constantFrom('real', 'fuzz'),
  id: segment,
  slug: segment,
  purpose: fc.constantFrom('revocation', 'suspension', 'x'),
  seq: fc.constantFrom('1', '0', '1.5', '-1', '99999999999'),
  query: fc.option(
    fc.dictionary(
      fc.constantFrom('limit', 'scale', 'lang', 'issuer', 'x'),
      fc.oneof(fc.constantFrom('1.5', '-1', 'zh-Hant', '1e9', '%zz', ''), fc.string({ maxLength: 8 })),
      { maxKeys: 3 },
    ),
    { nil: undefined },
  ),
  bodyKind: fc.constantFrom('mutant', 'mutant', 'mutant', 'json', 'text', 'empty', 'wrong-type'),
  example: fc.nat(),
  choice: fc.nat(),
  pick: fc.nat(),
  useRandom: fc.boolean(),
  random: fc.jsonValue({ maxDepth: 4 }),
  json: fc.jsonValue({ maxDepth: 5 }),
  text: fc.string({ maxLength: 200 }),
});

/** Every leaf and inner node of a JSON value, by path. */
function pathsOf(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (at.length > 6 || value === null || typeof value !== 'object') return [];
  return Object.entries(value as Json).flatMap(([k, child]) => {
    const p = [...at, Array.isArray(value) ? Number(k) : k];
    return [p, ...pathsOf(child, p)];
  });
}

function replaceAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  const copy = structuredClone(value) as Json;
  let node: Json = copy;
  for (const k of path.slice(0, -1)) node = node[k as string];
  node[path.at(-1) as string] = replacement;
  return copy;
}

async function send(method: string, path: string, body: string, auth: string): Promise<{ status: number; type: string; text: string }> {
  const token = { issuer: t.devKey, admin: ADMIN_TOKEN, partner: partnerKey }[auth];
  const res = await t.app.request(path, {
    method,
    body,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

describe('fuzzing every operation of /openapi.json', () => {
  it('sends every field of every request body the values that broke parsers before, as the intended caller', async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const op of operations.filter((o) => o.body)) {
      const path = op.path.replace('{id}', encodeURIComponent(credentialId)).replace('{slug}', 'dev');
      for (const example of examples(op.path)) {
        for (const at of pathsOf(example)) {
          const original = at.reduce<any>((node, k) => node[k], example);
          const pool =
            typeof original === 'string'
              ? DATE.test(original)
                ? TRICKY.date
                : TRICKY.string.slice(0, 6)
              : typeof original === 'number'
                ? TRICKY.number
                : TRICKY.other.slice(0, 3);
          for (const value of pool) {
            const r = await send(op.method, path, JSON.stringify(replaceAt(example, at, value)), op.auth[0]!);
            sent++;
            const result = op.path.endsWith('/verify') && r.type === 'application/json';
            if (r.status >= 500 || (r.status >= 400 && !result && r.type !== 'application/problem+json')) {
              failures.push(`${r.status} ${op.method} ${op.path} ${JSON.stringify(at)} = ${JSON.stringify(value).slice(0, 60)}: ${r.text.slice(0, 200)}`);
            }
          }
        }
      }
    }
    expect(failures.slice(0, 10)).toEqual([]);
    expect(sent).toBeGreaterThan(500);
  }, 120_000);

  it('answers 2,000 malformed and almost-valid requests without a 5xx, every error a problem document', async () => {
    const seen = new Map<string, number>();
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        // Operations that take a body are where the parsers are: they get three times the requests.
        const weighted = [...operations, ...operations.filter((o) => o.body), ...operations.filter((o) => o.body)];
        const op = weighted[r.op % weighted.length]!;
        const path = op.path
          .replace('{id}', r.idKind === 'real' ? encodeURIComponent(credentialId) : r.id)
          .replace('{slug}', r.slug)
          .replace('{purpose}', r.purpose)
          .replace('{seq}', r.seq);
        const query = r.query ? `?${new URLSearchParams(r.query).toString()}` : '';
        const headers: Record<string, string> = {};
        const auth = r.intended || r.pick % 5 === 0 ? op.auth[r.pick % op.auth.length]! : r.auth;
        if (auth !== 'none') {
          headers.authorization = `Bearer ${{ garbage: 'skc_0000000000000000_' + 'A'.repeat(43), issuer: t.devKey, admin: ADMIN_TOKEN, partner: partnerKey }[auth]}`;
        }
        let body: string | undefined;
        if (op.method !== 'GET' && op.method !== 'DELETE') {
          const examplesOf = examples(op.path);
          const example = examplesOf[r.example % examplesOf.length];
          if (r.bodyKind === 'mutant') body = JSON.stringify(mutate(example, r.choice, r.pick, r.random, r.useRandom && r.pick % 3 === 0));
          else if (r.bodyKind === 'json') body = JSON.stringify(r.json);
          else if (r.bodyKind === 'text') body = r.text;
          else if (r.bodyKind === 'empty') body = '';
          headers['content-type'] = r.bodyKind === 'wrong-type' ? 'text/plain' : r.bodyKind === 'text' ? 'application/json' : 'application/json';
          if (r.bodyKind === 'wrong-type') body = JSON.stringify(example);
        }
        const res = await t.app.request(`${path}${query}`, { method: op.method, headers, ...(body !== undefined ? { body } : {}) });
        seen.set(`${op.method} ${op.path}`, (seen.get(`${op.method} ${op.path}`) ?? 0) + 1);
        const type = res.headers.get('content-type') ?? '';
        const text = await res.text();
        const where = `${op.method} ${path}${query} [${auth}, ${r.bodyKind}] ${body?.slice(0, 200) ?? ''}`;
        // The VC API verifiers answer a failed verification with 400/422 and the result itself (not
        // an error: the request was fine, the credential was not).
        const verificationResult = op.path.endsWith('/verify') && type === 'application/json' && (JSON.parse(text) as Json).verified === false;
        if (res.status >= 500) failures.push(`${res.status} ${where}: ${text.slice(0, 300)}`);
        else if (res.status >= 400 && !verificationResult && (type !== 'application/problem+json' || typeof (JSON.parse(text) as Json).status !== 'number')) {
          failures.push(`${res.status} not a problem document (${type}) ${where}`);
        }
        return true;
      }),
      { seed: 20261203, numRuns: 2000 },
    );
    expect(failures.slice(0, 10)).toEqual([]);
    // every operation was exercised
    expect(operations.filter((o) => !seen.has(`${o.method} ${o.path}`))).toEqual([]);
    expect([...seen.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2000);
  }, 120_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, accredit, bearer, createTestApp, skillLevelRequest, type TestApp } from '../helpers/app.js';

let t: TestApp;
type Json = Record<string, any>;
const admin = bearer(ADMIN_TOKEN);
let partnerKey: string;
let n = 0;

beforeAll(async () => {
  t = await createTestApp();
  // Batch items count against the limit (not calls): room for the 1,000-item batch and the calls after it.
  const res = await t.call(
    'POST',
    '/admin/partners',
    { slug: 'hk-vtc', names: { en: 'Hong Kong Vocational Partner', 'zh-Hant': '香港職業夥伴' }, region: 'HK', rateLimitPerMinute: 5000 },
    admin,
  );
  expect(res.status).toBe(201);
  partnerKey = ((await res.json()) as Json).apiKey.token;
});
afterAll(() => t.close());

const cert = async (extra: Json = {}, token = t.devKey) =>
  (
    (await (
      await t.call(
        'POST',
        '/v1/certificates',
        skillLevelRequest({ cryptosuite: 'eddsa-jcs-2022', assessment: { id: `P-${n++}`, date: '2025-06-20' }, ...extra }),
        bearer(token),
      )
    ).json()) as Json
  ).verifiableCredential as Json;

describe('batch verification for partners', () => {
  it('verifies 1,000 mixed credentials and QR texts in one call, each with its own verdict, in order', async () => {
    const live = await cert();
    const liveRdfc = await cert({ cryptosuite: 'eddsa-rdfc-2022' });
    const revoked = await cert();
    await t.call('POST', `/v1/credentials/${encodeURIComponent(revoked.id)}/revoke`, { reason: 'fraud' }, bearer(t.devKey));
    const suspended = await cert({ suspension: true });
    await t.call('POST', `/v1/credentials/${encodeURIComponent(suspended.id)}/suspend`, { reason: 'inquiry' }, bearer(t.devKey));
    const tampered = structuredClone(live);
    tampered.credentialSubject.identifier[0].identityHash = '冒名';
    const created = (await (
      await t.call('POST', '/admin/issuers', { slug: 'gone', names: { 'zh-Hans': '已退出机构' }, orgKind: 'Y', filingCode: 'Y-G' }, admin)
    ).json()) as Json;
    await accredit(t, 'gone', { validUntil: new Date(Date.now() + 60_000).toISOString() });
    const fromGone = await cert({}, created.apiKey.token);
    // the accreditation is withdrawn retroactively from before this certificate: it is now untrusted
    const exit = await t.call('POST', '/admin/issuers/gone/exit', { exitedAt: created.issuer.createdAt, reason: 'filing-revoked', retroactive: true }, admin);
    expect(exit.status).toBe(201);
    const pool: [unknown, string][] = [
      [live, 'valid'],
      [liveRdfc, 'valid'],
      [revoked, 'revoked'],
      [suspended, 'suspended'],
      [tampered, 'tampered'],
      [fromGone, 'untrusted-issuer'],
      ['not a credential at all', 'unreadable'],
      [null, 'unreadable'],
      [{ proof: null }, 'unreadable'],
    ];
    const items: unknown[] = [];
    const expected: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const [item, verdict] = pool[(i * 7) % pool.length]!;
      items.push(item);
      expected.push(verdict);
    }
    const res = await t.call('POST', '/v1/verify/batch', { items }, bearer(partnerKey));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { count: number; results: Json[]; counts: Json };
    expect(body.count).toBe(1000);
    expect(body.results.map((r) => r.index)).toEqual(items.map((_, i) => i));
    expect(body.results.map((r) => r.verdict)).toEqual(expected);
    expect(Object.values(body.counts).reduce((a: number, b) => a + (b as number), 0)).toBe(1000);
  }, 60_000);

  it('refuses more than 1,000 items, and callers without a partner or admin key', async () => {
    const tooMany = await t.call('POST', '/v1/verify/batch', { items: new Array(1001).fill('x') }, bearer(partnerKey));
    expect(tooMany.status).toBe(422);
    expect(((await tooMany.json()) as Json).detail).toContain('/items must NOT have more than 1000 items');
    expect((await t.call('POST', '/v1/verify/batch', { items: ['x'] })).status).toBe(401);
    expect((await t.call('POST', '/v1/verify/batch', { items: ['x'] }, bearer(t.devKey))).status).toBe(403);
  });

  it('enforces the partner rate limit with 429 and Retry-After', async () => {
    const res = await t.call('POST', '/admin/partners', { slug: 'mo-dsal', names: { en: 'Macau partner' }, region: 'MO', rateLimitPerMinute: 3 }, admin);
    const key = ((await res.json()) as Json).apiKey.token;
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i++) {
      const r = await t.call('POST', '/v1/verify/batch', { items: ['x'] }, bearer(key));
      statuses.push(r.status);
      if (r.status === 429) {
        retryAfter = r.headers.get('retry-after');
        expect(r.headers.get('content-type')).toBe('application/problem+json');
      }
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});

describe('recognition statements', () => {
  it("records a partner's signed statement and lists the ones that apply in verification results; never derives one", async () => {
    const level4 = await cert();
    expect(((await t.call('POST', '/credentials/verify', { verifiableCredential: level4 }).then((r) => r.json())) as Json).recognitions).toEqual([]);
    const res = await t.call(
      'POST',
      '/v1/recognitions',
      { certificateKind: 'skill-level', ladderRank: 4, framework: 'HKQF', level: 'Level 3', note: 'recognised for the AI trainer occupation' },
      bearer(partnerKey),
    );
    expect(res.status).toBe(201);
    const { statement } = (await res.json()) as Json;
    expect(statement.type).toEqual(['VerifiableCredential', 'RecognitionStatementCredential']);
    expect(statement.credentialSubject).toMatchObject({
      framework: 'HKQF',
      recognisedLevel: 'Level 3',
      region: 'HK',
      certificateKind: 'skill-level',
      ladderRank: 4,
    });
    // the statement itself verifies (signed by the service DID, naming the partner)
    const sv = (await (await t.call('POST', '/credentials/verify', { verifiableCredential: statement })).json()) as Json;
    expect(sv.steps.find((s: Json) => s.id === 'proof').valid).toBe(true);

    const verified = (await (await t.call('POST', '/credentials/verify', { verifiableCredential: level4 })).json()) as Json;
    expect(verified.recognitions).toEqual([expect.objectContaining({ framework: 'HKQF', level: 'Level 3', region: 'HK' })]);
    // a rank-5 certificate gets no statement: nothing is derived from the rank-4 one
    const level5 = await cert({ level: { rank: 5 }, certificateNumber: 'Y000144000123252000001' });
    expect(((await (await t.call('POST', '/credentials/verify', { verifiableCredential: level5 })).json()) as Json).recognitions).toEqual([]);
    // issuers cannot record statements
    expect((await t.call('POST', '/v1/recognitions', { certificateKind: 'skill-level', framework: 'HKQF', level: 'x' }, bearer(t.devKey))).status).toBe(403);
  });
});

// Every message of the API in the caller's language (Accept-Language): problem+json details and
// field errors, and the titles and details of verification results, values included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, accredit, bearer, createTestApp, skillLevelRequest, vc2, type TestApp } from '../helpers/app.js';

let t: TestApp;
type Json = Record<string, any>;
const admin = bearer(ADMIN_TOKEN);
const HANT = { 'accept-language': 'zh-HK,zh;q=0.9,en;q=0.5' };
const HANS = { 'accept-language': 'zh-CN,zh;q=0.9' };
const EN = { 'accept-language': 'en-GB,en;q=0.9' };

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Han characters only in Simplified (their Traditional forms differ), and only in Traditional. */
const SIMPLIFIED_ONLY = /[证书签发机构与无错误数码说个为这请没对过时间号]/;
const TRADITIONAL_ONLY = /[證書簽發機構與無錯誤數碼說個為這請沒對過時間號]/;

async function problemOf(res: Response): Promise<Json> {
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return (await res.json()) as Json;
}

describe('problem+json details follow Accept-Language', () => {
  it('zh-HK, zh-MO, zh-TW and zh-Hant read Traditional Chinese (Hong Kong usage); zh-CN Simplified; others English', async () => {
    for (const lang of ['zh-HK', 'zh-MO', 'zh-TW', 'zh-Hant', 'zh-Hant-HK;q=0.8, en;q=0.5']) {
      const res = await t.call('GET', '/no/such/route', undefined, { 'accept-language': lang });
      const p = await problemOf(res);
      expect(res.headers.get('content-language'), lang).toBe('zh-Hant');
      expect(p.detail, lang).toBe('沒有 GET /no/such/route 這個介面');
      expect(p.title).toBe('找不到');
      expect(p.code).toBe('NOT_FOUND');
      expect(p.detailCode).toBe('route.not-found');
      expect(p.params).toEqual({ method: 'GET', path: '/no/such/route' });
    }
    const hans = await problemOf(await t.call('GET', '/no/such/route', undefined, HANS));
    expect([hans.title, hans.detail]).toEqual(['未找到', '没有 GET /no/such/route 这个接口']);
    for (const headers of [EN, { 'accept-language': 'fr-FR' }, {}]) {
      const en = await problemOf(await t.call('GET', '/no/such/route', undefined, headers));
      expect([en.title, en.detail]).toEqual(['Not found', 'no route for GET /no/such/route']);
    }
  });

  it('authentication, media type and JSON errors are worded in each language, the machine code unchanged', async () => {
    const cases: [() => Promise<Response>, string, Record<string, string>][] = [
      [
        () => t.call('POST', '/v1/certificates', skillLevelRequest(), HANT),
        'UNAUTHENTICATED',
        {
          'zh-Hant': '請以 "Authorization: Bearer <token>" 傳送 API 密碼匙或管理令牌',
          'zh-Hans': '请以 "Authorization: Bearer <token>" 发送 API 密钥或管理令牌',
        },
      ],
      [
        () => t.call('POST', '/v1/certificates', '{}', { ...bearer(t.devKey), 'content-type': 'text/plain', ...HANT }),
        'UNSUPPORTED_MEDIA_TYPE',
        { 'zh-Hant': '請以 application/json 傳送請求內容（收到的是 "text/plain"）' },
      ],
      [
        () => t.call('POST', '/v1/certificates', '', { ...bearer(t.devKey), 'content-type': 'application/json', ...HANT }),
        'MALFORMED_JSON',
        { 'zh-Hant': '請求內容為空' },
      ],
    ];
    for (const [call, code, expected] of cases) {
      const p = await problemOf(await call());
      expect(p.code).toBe(code);
      expect(p.detail).toBe(expected['zh-Hant']);
    }
    const hans = await problemOf(await t.call('POST', '/v1/certificates', skillLevelRequest(), HANS));
    expect(hans.detail).toBe('请以 "Authorization: Bearer <token>" 发送 API 密钥或管理令牌');
  });

  it('field errors of the request schemas are worded per language, pointer by pointer', async () => {
    const body = skillLevelRequest({ holder: { name: 'x'.repeat(65), idType: 'passport', idNumber: 'E1234567' }, level: { rank: 9 }, extra: 1 });
    const call = (headers: Record<string, string>) => t.call('POST', '/v1/certificates', body, { ...bearer(t.devKey), ...headers });
    const hant = await problemOf(await call(HANT));
    expect(hant.code).toBe('MALFORMED_VALUE');
    expect(hant.errors).toEqual(
      expect.arrayContaining([
        { pointer: '/holder/name', detail: '不能超過 64 個字元' },
        { pointer: '/extra', detail: '不是此處允許的屬性' },
        { pointer: '/level/rank', detail: '必須 <= 8' },
      ]),
    );
    expect(hant.detail).toContain('/holder/name 不能超過 64 個字元');
    expect(hant.detail).not.toMatch(SIMPLIFIED_ONLY);
    const hans = await problemOf(await call(HANS));
    expect(hans.errors).toEqual(expect.arrayContaining([{ pointer: '/holder/name', detail: '不能超过 64 个字符' }]));
    expect(hans.detail).not.toMatch(TRADITIONAL_ONLY);
    const en = await problemOf(await call(EN));
    expect(en.errors).toEqual(expect.arrayContaining([{ pointer: '/holder/name', detail: 'must NOT have more than 64 characters' }]));
  });

  it('certificate rules and the accreditation refusal name the fault and its values in each language', async () => {
    const robot = skillLevelRequest({ occupation: { code: '6-31-07-03' }, level: { rank: 2 }, certificateNumber: 'Y000144000123255000001' });
    const hant = await problemOf(await t.call('POST', '/v1/certificates', robot, { ...bearer(t.devKey), ...HANT }));
    expect(hant.errors).toEqual([{ pointer: '/level', detail: '工業機器人系統操作員（6-31-07-03）從四級起評；五級不在其評價範圍內' }]);

    await t.call('POST', '/admin/issuers', { slug: 'lang-scope', names: { 'zh-Hans': '语言机构' }, orgKind: 'S', filingCode: 'GD-L' }, admin);
    const key = ((await (await t.call('POST', '/admin/issuers/lang-scope/api-keys', undefined, admin)).json()) as Json).apiKey?.token as string;
    await accredit(t, 'lang-scope', { kinds: ['skill-level'], occupations: ['4-04-*'], ranks: [2, 3] });
    const refused = await t.call('POST', '/v1/certificates', skillLevelRequest({ certificateNumber: 'S000144000123253000001' }), { ...bearer(key), ...HANT });
    const p = await problemOf(refused);
    expect([refused.status, p.code, p.detailCode]).toEqual([403, 'NOT_ACCREDITED', 'not-accredited.rank']);
    expect(p.detail).toBe('lang-scope 不能簽發此證書：發證機構未獲准評價職業 人工智能訓練師（4-04-05-05）的高級工（第 4 級）');
  });
});

async function verify(vc: unknown, headers: Record<string, string>): Promise<{ body: Json; res: Response; failed: Json }> {
  const res = await t.call('POST', '/credentials/verify', { verifiableCredential: vc }, headers);
  const body = (await res.json()) as Json;
  return { body, res, failed: (body.steps as Json[]).find((s) => !s.valid && !s.skipped)?.problem as Json };
}

describe('verification results follow Accept-Language, details with their values', () => {
  it('a revoked certificate: the status step’s title and detail in each language', async () => {
    const issued = (await (
      await t.call('POST', '/v1/certificates', skillLevelRequest({ assessment: { id: 'LANG-1', date: '2025-06-20' } }), bearer(t.devKey))
    ).json()) as Json;
    await t.call('POST', `/v1/credentials/${encodeURIComponent(issued.id)}/revoke`, { reason: 'test' }, bearer(t.devKey));
    const hk = await verify(issued.verifiableCredential, HANT);
    expect(hk.res.headers.get('content-language')).toBe('zh-Hant');
    expect(hk.body.verdictLabel).toBe('證書已撤銷');
    expect(hk.failed.code).toBe('revoked');
    expect(hk.failed.title).toBe('已被發證機構撤銷');
    expect(hk.failed.detail).toMatch(/^發證機構的撤銷列表標記了此證書（索引 \d+）。$/);
    expect(hk.failed.params).toEqual({ purpose: 'revocation', index: expect.any(Number) });
    // the steps that did not run say why, in the same language
    const cn = await verify(issued.verifiableCredential, HANS);
    expect(cn.failed.detail).toMatch(/^发证机构的撤销列表标记了此证书（索引 \d+）。$/);
    const en = await verify(issued.verifiableCredential, EN);
    expect(en.failed.detail).toMatch(/^the issuer’s revocation list marks this credential \(index \d+\)$/);
  });

  it('an expired credential: the date in China Standard Time, written per language', async () => {
    const res = await t.call(
      'POST',
      '/credentials/issue',
      { credential: vc2(t.devDid, { validFrom: '2020-01-01T00:00:00Z', validUntil: '2020-12-31T16:30:00Z' }) },
      bearer(t.devKey),
    );
    const { verifiableCredential } = (await res.json()) as Json;
    const hk = await verify(verifiableCredential, HANT);
    expect(hk.body.verdict).toBe('expired');
    expect(hk.failed.detail).toBe('有效期至 2021年1月1日，現已過期。');
    expect((await verify(verifiableCredential, HANS)).failed.detail).toBe('有效期至 2021年1月1日，现已过期。');
    expect((await verify(verifiableCredential, EN)).failed.detail).toBe('valid until 1 January 2021');
    expect(hk.failed.params).toEqual({ until: '2020-12-31T16:30:00Z' });
  });

  it('an issuer outside the registry is named as such, never as a forgery; warnings and batch results are worded too', async () => {
    const hk = await verify(
      {
        ...vc2('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'),
        proof: { type: 'DataIntegrityProof', cryptosuite: 'ecdsa-rdfc-2019', proofPurpose: 'assertionMethod', verificationMethod: 'x', proofValue: 'z1' },
      },
      HANT,
    );
    expect(hk.body.verdict).toBe('unsupported');
    expect(hk.failed.detail).toBe('本服務不支援數碼簽署套件 "ecdsa-rdfc-2019"（支援 eddsa-rdfc-2022 及 eddsa-jcs-2022）。');
    const unreadable = await verify('{not json', HANT);
    expect(unreadable.failed.detail).toBe('內容以 JSON 開頭，但無法解析。');
    expect(unreadable.body.steps.find((s: Json) => s.id === 'proof').problem.detail).toBe('因「讀取證書」未通過，未進行此項檢查。');
  });
});

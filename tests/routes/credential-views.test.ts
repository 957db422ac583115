import { PNG } from 'pngjs';
import * as jsqr from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qrTextFor } from '../../src/qr/index.js';
import { issueDate } from '../../src/views/certificate-view.js';
import { isPublicCredentialId } from '../../src/services/credentials.js';
import { ADMIN_TOKEN, assessmentRequest, bearer, createTestApp, skillLevelRequest, vc2, type TestApp } from '../helpers/app.js';

type Json = Record<string, any>;
let t: TestApp;
let n = 0;
let otherIssuerKey: string;
beforeAll(async () => {
  t = await createTestApp();
  const res = await t.call(
    'POST',
    '/admin/issuers',
    { slug: 'other-org', names: { 'zh-Hans': '另一机构' }, orgKind: 'S', filingCode: 'GD-S-0099' },
    bearer(ADMIN_TOKEN),
  );
  expect(res.status).toBe(201);
  otherIssuerKey = ((await res.json()) as Json).apiKey.token;
});
afterAll(() => t.close());

async function issue(extra: Json = {}): Promise<Json> {
  const res = await t.call('POST', '/v1/certificates', skillLevelRequest({ assessment: { id: `CV-${n++}`, date: '2025-06-20' }, ...extra }), bearer(t.devKey));
  expect(res.status).toBe(201);
  return (await res.json()) as Json;
}

const path = (id: string, rest: string) => `/credentials/${encodeURIComponent(id)}/${rest}`;
const get = (p: string, headers: Record<string, string> = {}) => t.call('GET', p, undefined, headers);

function readPng(bytes: ArrayBuffer): string | undefined {
  const image = PNG.sync.read(Buffer.from(bytes));
  const fn = (jsqr as unknown as { default: { default: (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null } }).default.default;
  return fn(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height)?.data;
}

async function problem(res: Response, status: number): Promise<Json> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return (await res.json()) as Json;
}

describe('GET /credentials/{id}/qr.svg and qr.png', () => {
  it('renders the whole credential as a QR code anyone holding the (random) id may fetch; the PNG reads back to it', async () => {
    const cert = await issue();
    const expected = (await qrTextFor(t.ports.config.publicUrl, cert.verifiableCredential, { credentialId: cert.id })).text;
    expect(expected).toMatch(/^HTTPS:\/\/CERTS\.EXAMPLE\.CN\/V#[A-Z2-7]+$/);

    const svg = await get(path(cert.id, 'qr.svg'));
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(svg.headers.get('cache-control')).toBe('public, max-age=86400');
    expect(await svg.text()).toMatch(/^<svg [^>]*viewBox/);

    const png = await get(path(cert.id, 'qr.png'));
    expect([png.status, png.headers.get('content-type')]).toEqual([200, 'image/png']);
    expect(readPng(await png.arrayBuffer())).toBe(expected);

    // the link printed on the certificate verifies through the API
    const verified = await t.call('POST', '/credentials/verify', { verifiableCredential: expected });
    expect(((await verified.json()) as Json).verdict).toBe('valid');
  });

  it('takes a scale for the PNG and refuses a bad one with a 400 problem', async () => {
    const cert = await issue();
    const small = await get(`${path(cert.id, 'qr.png')}?scale=2`);
    const large = await get(`${path(cert.id, 'qr.png')}?scale=10`);
    const side = (b: ArrayBuffer) => PNG.sync.read(Buffer.from(b)).width;
    expect(side(await large.arrayBuffer()) / side(await small.arrayBuffer())).toBe(5);
    for (const bad of ['0', '33', 'abc', '1.5', '-1', '']) {
      const p = await problem(await get(`${path(cert.id, 'qr.png')}?scale=${bad}`), 400);
      expect(p.errors[0].pointer).toBe('query:scale');
    }
  });

  it('answers an unknown random id with 404, and never reveals ids chosen by issuers to strangers', async () => {
    await problem(await get(path('urn:uuid:3f1c2a54-8b7e-4c1d-9a2b-0c3d4e5f6a7b', 'qr.svg')), 404);
    // a guessable, issuer-chosen id (VC API): the issuer's key is needed, others get 401/404
    const res = await t.call('POST', '/credentials/issue', { credential: vc2(t.devDid, { id: 'urn:example:cert:1' }) }, bearer(t.devKey));
    expect(res.status).toBe(201);
    expect(isPublicCredentialId('urn:example:cert:1')).toBe(false);
    await problem(await get(path('urn:example:cert:1', 'qr.svg')), 401);
    await problem(await get(path('urn:example:cert:1', 'qr.svg'), bearer(otherIssuerKey)), 404);
    const own = await get(path('urn:example:cert:1', 'qr.svg'), bearer(t.devKey));
    expect([own.status, own.headers.get('cache-control')]).toEqual([200, 'private, no-store']);
    expect((await get(path('urn:example:cert:1', 'qr.png'), bearer(ADMIN_TOKEN))).status).toBe(200);
  });

  it('refuses malformed ids with a 400 problem', async () => {
    await problem(await get('/credentials/%E0%A4%A/qr.svg'), 400);
    await problem(await get(`/credentials/${'x'.repeat(600)}/qr.svg`), 400);
    await problem(await get('/credentials/a%0Ab/qr.svg'), 400);
  });

  it('gives a vc+jwt credential the fallback link with its id (a JWT never fits a printable code)', async () => {
    const res = await t.call('POST', '/credentials/issue', { credential: vc2(t.devDid), options: { format: 'vc+jwt' } }, bearer(t.devKey));
    const id = new URL(res.headers.get('location')!).pathname.split('/').pop()!;
    const png = await get(`/credentials/${id}/qr.png`);
    expect(png.status).toBe(200);
    const text = readPng(await png.arrayBuffer())!;
    expect(text).toMatch(/^HTTPS:\/\/CERTS\.EXAMPLE\.CN\/V#ID:[A-Z2-7]+$/);
    const verified = await t.call('POST', '/credentials/verify', { verifiableCredential: text });
    expect(((await verified.json()) as Json).verdict).toBe('valid');
    // not a skill certificate: no certificate page
    await problem(await get(`/credentials/${id}/certificate`), 404);
  });
});

describe('GET /credentials/{id}/certificate', () => {
  it('prints a skill level certificate on A4 in Chinese and English, with the QR code and without the ID number', async () => {
    const cert = await issue();
    const res = await get(path(cert.id, 'certificate'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('x-robots-tag')).toBe('noindex');
    const html = await res.text();
    for (const text of [
      '@page { size: A4 portrait',
      '职业技能等级证书',
      'Vocational Skill Level Certificate',
      '经职业技能等级认定',
      'the holder meets the skill requirements',
      '开发用评价机构',
      'Development Evaluation Organisation',
      '张三',
      '居民身份证',
      'Resident identity card',
      '不予打印',
      '人工智能训练师',
      'AI trainer',
      '4-04-05-05',
      '三级 · 高级工',
      'Level 3 · Senior worker',
      'Y000144000123253000001',
      '全国联网查询',
      'zscx.osta.org.cn',
      '<svg',
      'https://certs.example.cn/v',
    ]) {
      expect(html, text).toContain(text);
    }
    // the ID number is not in the credential, so it cannot be on the page, nor any part of it
    expect(html).not.toMatch(/11010119900307123X|1101011990|0307123X/);
    // nothing loads from elsewhere: no scripts, links, images or fonts by URL
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(|src=/);
    expect(html).not.toContain('已撤销');
    // no work type was given: no row for it, and never a literal "--"; no photo box for a photo it lacks
    expect(html).not.toContain('工种/方向');
    expect(html).not.toMatch(/>\s*-{2}\s*</);
    expect(html).not.toContain('class="photo"');
    // the issue date is the day it was issued (China Standard Time), not its validFrom
    const today = issueDate(new Date().toISOString());
    expect(html).toContain(`<span class="zh">${today.zh}</span><span class="en">${today.en}</span>`);
  });

  it('dates a certificate valid from next year by its issuance, and prints its work type when it has one', async () => {
    const later = new Date(Date.now() + 400 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const cert = await issue({ validFrom: later, occupation: { code: '4-04-05-05', workType: '数据标注' } });
    const html = await (await get(path(cert.id, 'certificate'))).text();
    expect(html).toContain(issueDate(new Date().toISOString()).zh);
    expect(html).not.toContain(issueDate(later).zh);
    expect(html).toContain('工种/方向');
    expect(html).toContain('数据标注');
  });

  it('prints Traditional Chinese on request, and refuses an unknown script with a 400 problem', async () => {
    const cert = await issue();
    const html = await (await get(`${path(cert.id, 'certificate')}?lang=zh-Hant`)).text();
    expect(html).toContain('<html lang="zh-Hant">');
    expect(html).toContain('職業技能等級證書');
    expect(html).toContain('三級 · 高級工');
    const p = await problem(await get(`${path(cert.id, 'certificate')}?lang=fr`), 400);
    expect(p.errors[0].pointer).toBe('query:lang');
  });

  it('marks a revoked certificate across the sheet, and a suspended one as suspended', async () => {
    const revoked = await issue();
    await t.call('POST', `/v1/credentials/${encodeURIComponent(revoked.id)}/revoke`, { reason: 'fraud' }, bearer(t.devKey));
    const html = await (await get(path(revoked.id, 'certificate'))).text();
    expect(html).toContain('已撤销');
    expect(html).toContain('REVOKED');
    // exactly what happened: revoked, not "revoked or suspended"
    expect(html).toContain('此证书已被发证机构撤销，不能作为有效证书使用。');
    expect(html).not.toContain('撤销或暂停');
    const suspended = await issue({ suspension: true });
    await t.call('POST', `/v1/credentials/${encodeURIComponent(suspended.id)}/suspend`, { reason: 'inquiry' }, bearer(t.devKey));
    const paused = await (await get(path(suspended.id, 'certificate'))).text();
    expect(paused).toContain('SUSPENDED');
    expect(paused).toContain('此证书已被发证机构暂停，暂停期间不能作为有效证书使用。');
    expect(paused).not.toContain('已撤销');
  });

  it('escapes every value: a holder name with markup stays text', async () => {
    const cert = await issue({ holder: { name: '<b>李</b>"&', idType: 'passport', idNumber: 'E12345678' } });
    const html = await (await get(path(cert.id, 'certificate'))).text();
    expect(html).toContain('&lt;b&gt;李&lt;/b&gt;&quot;&amp;');
    expect(html).not.toContain('<b>李');
    expect(html).toContain('护照');
  });

  it('prints the specialized ability certificate and the enterprise certification of an assessment', async () => {
    const res = await t.call('POST', '/v1/assessments', assessmentRequest(), bearer(t.devKey));
    const { credentials } = (await res.json()) as Json;
    const [specialized, enterprise] = await Promise.all(credentials.map(async (c: Json) => (await get(path(c.id, 'certificate'))).text()));
    expect(specialized).toContain('专项职业能力证书');
    expect(specialized).toContain('男士理发');
    expect(specialized).toContain('港澳居民来往内地通行证');
    expect(enterprise).toContain('企业技能等级认证');
    expect(enterprise).toContain('三星');
    // the enterprise's own level has no English: no Chinese in the English lines, the ladder rank in English
    const englishLines = [...enterprise.matchAll(/<span class="en[^"]*">([^<]*)<\/span>/g)].map((m) => m[1]!);
    expect(englishLines.filter((line) => /[\u3400-\u9fff]/.test(line))).toEqual([]);
    expect(englishLines).toContain('Intermediate worker');
  });

  it('dates the certificate in China Standard Time', () => {
    expect(issueDate('2025-06-19T16:30:00Z')).toEqual({ zh: '2025年6月20日', en: '20 June 2025' });
    expect(issueDate('2025-06-19T15:59:59Z')).toEqual({ zh: '2025年6月19日', en: '19 June 2025' });
  });
});

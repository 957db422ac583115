// POST /v1/lookup (issue 12): a certificate looked up by the number and holder name printed on it.
// Driven through the real app (Node entry's ports, a real SQLite file, real keys); a look-up is
// compared with what a scan of the same certificate's QR code answers through POST /credentials/verify.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qrTextFor } from '../../src/qr/index.js';
import { bearer, createTestApp, skillLevelRequest, type TestApp } from '../helpers/app.js';

type Json = Record<string, any>;

let serial = 0;
/**
 * A fresh certificate number, so that tests sharing an app never see each other's: the README's
 * Y000144000123253000001 (its structure is checked at issuance: the grade digit is 3) with
 * another serial in the last six digits.
 */
function freshNumber(): string {
  serial += 1;
  return `Y000144000123253${String(serial).padStart(6, '0')}`;
}

let address = 0;
/** A new client address (TRUST_PROXY=1: the last X-Forwarded-For hop), so the per-client limit stays out of the way. */
const client = () => `198.51.100.${(address++ % 250) + 1}, 203.0.113.${(address % 250) + 1}`;

async function issue(t: TestApp, extra: Json = {}): Promise<{ id: string; number: string; vc: Json }> {
  const number = (extra.certificateNumber as string | undefined) ?? freshNumber();
  const res = await t.call(
    'POST',
    '/v1/certificates',
    skillLevelRequest({ assessment: { id: `LK-${number}-${serial++}`, date: '2025-06-20' }, ...extra, certificateNumber: number }),
    bearer(t.devKey),
  );
  expect(res.status, await res.clone().text()).toBe(201);
  const body = (await res.json()) as Json;
  return { id: body.id as string, number, vc: body.verifiableCredential as Json };
}

function lookup(t: TestApp, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return t.call('POST', '/v1/lookup', body, { 'x-forwarded-for': client(), ...headers });
}

/** What a scan of this certificate's QR code answers (the verify page sends the scanned text to POST /credentials/verify). */
async function scan(t: TestApp, issued: { id: string; vc: Json }, lang: string): Promise<{ status: number; body: Json }> {
  const qr = await qrTextFor(t.ports.config.publicUrl, issued.vc, { credentialId: issued.id });
  const res = await t.call('POST', '/credentials/verify', { verifiableCredential: qr.text }, { 'accept-language': lang, 'x-forwarded-for': client() });
  return { status: res.status, body: (await res.json()) as Json };
}

/** The parts of an answer a client sees: status, the headers that matter, the exact body text. */
async function seen(res: Response): Promise<{ status: number; type: string | null; language: string | null; cache: string | null; body: string }> {
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    language: res.headers.get('content-language'),
    cache: res.headers.get('cache-control'),
    body: await res.text(),
  };
}

describe('POST /v1/lookup', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY: '1' } });
  });
  afterAll(() => t.close());

  it('answers a match with exactly the result a scan of that certificate gives, in the asked language, plus the verify link', async () => {
    const issued = await issue(t);
    for (const [lang, language] of [
      ['zh-CN', 'zh-Hans'],
      ['zh-TW', 'zh-Hant'],
      ['en', 'en'],
    ] as const) {
      const res = await lookup(t, { certificateNumber: issued.number, holderName: '张三' }, { 'accept-language': lang });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-language')).toBe(language);
      expect(res.headers.get('vary')).toMatch(/Accept-Language/i);
      const { links, ...result } = (await res.json()) as Json;
      const scanned = await scan(t, issued, lang);
      expect(scanned.status).toBe(200);
      expect(result).toEqual(scanned.body);
      expect(result).toMatchObject({
        verified: true,
        verdict: 'valid',
        language,
        summary: { credentialId: issued.id, certificateNumber: issued.number, holderName: '张三' },
      });
      expect(links).toEqual({ verify: expect.stringMatching(/^HTTPS:\/\/CERTS\.EXAMPLE\.CN\/V#ID:[A-Z2-7]+$/) });
      // the link names this very certificate: verifying it gives the same result again
      const again = await t.call(
        'POST',
        '/credentials/verify',
        { verifiableCredential: links.verify },
        { 'accept-language': lang, 'x-forwarded-for': client() },
      );
      expect(((await again.json()) as Json).summary.credentialId).toBe(issued.id);
    }
  });

  it('answers an unknown number and a known number with a wrong name with the same 404, byte for byte', async () => {
    const issued = await issue(t);
    const unknown = freshNumber();
    for (const lang of ['zh-CN', 'zh-HK', 'en']) {
      const headers = { 'accept-language': lang };
      const wrongName = await seen(await lookup(t, { certificateNumber: issued.number, holderName: '李四' }, headers));
      const noSuchNumber = await seen(await lookup(t, { certificateNumber: unknown, holderName: '张三' }, headers));
      const neither = await seen(await lookup(t, { certificateNumber: unknown, holderName: '李四' }, headers));
      expect(wrongName.status).toBe(404);
      expect(wrongName.type).toBe('application/problem+json');
      expect(wrongName.cache).toBe('no-store');
      expect(noSuchNumber).toEqual(wrongName);
      expect(neither).toEqual(wrongName);
      const problem = JSON.parse(wrongName.body) as Json;
      expect(problem).toMatchObject({ status: 404, code: 'NOT_FOUND', detailCode: 'not-found.lookup', instance: '/v1/lookup' });
      // nothing in it says which it was
      expect(wrongName.body).not.toContain(issued.number);
      expect(wrongName.body).not.toContain(unknown);
    }
    const zh = JSON.parse((await seen(await lookup(t, { certificateNumber: unknown, holderName: '李四' }, { 'accept-language': 'zh-CN' }))).body) as Json;
    expect(zh.detail).toBe('本服务签发的证书中，没有与此证书编号和持证人姓名相符的证书');
  });

  it('reads numbers and names as people type them: full-width characters, spaces, a lower-case y', async () => {
    const issued = await issue(t);
    const n = issued.number;
    const fullWidth = [...n].map((ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).join('');
    const grouped = `${n.slice(0, 5)} ${n.slice(5, 9)}\u3000${n.slice(9, 13)}\t${n.slice(13)}`;
    const typed: [string, string][] = [
      [fullWidth, '张三'],
      [` ${grouped} `, '张三'],
      [n.toLowerCase(), '张三'],
      [`ｙ${fullWidth.slice(1, 9)} ${n.slice(9)}`, '\u3000 张三  '],
    ];
    for (const [certificateNumber, holderName] of typed) {
      const res = await lookup(t, { certificateNumber, holderName });
      expect(res.status, JSON.stringify(certificateNumber)).toBe(200);
      expect(((await res.json()) as Json).summary.credentialId).toBe(issued.id);
    }
    // a name with inner whitespace: runs of spaces (the ideographic one too) are one space, full-width letters plain ones
    const latin = await issue(t, { holder: { name: 'Chan Tai Man', idType: 'hk-macau-permit', idNumber: 'H12345678' } });
    for (const holderName of ['Chan Tai Man', '  Chan   Tai\u3000Man ', 'Ｃｈａｎ Ｔａｉ Ｍａｎ']) {
      const res = await lookup(t, { certificateNumber: latin.number, holderName });
      expect(res.status, holderName).toBe(200);
      expect(((await res.json()) as Json).summary.credentialId).toBe(latin.id);
    }
    // otherwise exact: case, a missing space, a different character are no match
    for (const holderName of ['chan tai man', 'ChanTai Man', 'Chan Tai Mann']) {
      expect((await lookup(t, { certificateNumber: latin.number, holderName })).status, holderName).toBe(404);
    }
    // and the number is not matched by a prefix
    expect((await lookup(t, { certificateNumber: n.slice(0, -1), holderName: '张三' })).status).toBe(404);
  });

  it('finds a revoked certificate and says so, as a scan of it does', async () => {
    const issued = await issue(t);
    const revoke = await t.call('POST', `/v1/credentials/${encodeURIComponent(issued.id)}/revoke`, { reason: 'fraud' }, bearer(t.devKey));
    expect(revoke.status).toBe(200);
    const res = await lookup(t, { certificateNumber: issued.number, holderName: '张三' }, { 'accept-language': 'en' });
    expect(res.status).toBe(200);
    const { links, ...result } = (await res.json()) as Json;
    expect(result).toMatchObject({ verified: false, verdict: 'revoked', summary: { credentialId: issued.id, status: { revocation: true } } });
    expect(links.verify).toMatch(/#ID:/);
    const scanned = await scan(t, issued, 'en');
    expect(scanned.status).toBe(422);
    expect(result).toEqual(scanned.body);
  });

  it('picks, among certificates sharing one number (a reissue), the latest issued to that name', async () => {
    const number = freshNumber();
    const other = { name: '李四', idType: 'hk-macau-permit', idNumber: 'H12345678' };
    const first = await issue(t, { certificateNumber: number });
    const lisi = await issue(t, { certificateNumber: number, holder: other });
    const latest = await issue(t, { certificateNumber: number });
    expect(first.id).not.toBe(latest.id);
    const found = async (holderName: string) => ((await (await lookup(t, { certificateNumber: number, holderName })).json()) as Json).summary.credentialId;
    expect(await found('张三')).toBe(latest.id);
    expect(await found('李四')).toBe(lisi.id);
  });

  it('answers 422 naming the field for what cannot be a number or a name', async () => {
    const cases: [unknown, string[], RegExp][] = [
      [{ certificateNumber: 'Y0001#44', holderName: '张三' }, ['/certificateNumber'], /certificate number/],
      [{ certificateNumber: 'Y000１４４/1', holderName: '张三' }, ['/certificateNumber'], /certificate number/],
      [{ certificateNumber: ' \u3000 ', holderName: '张三' }, ['/certificateNumber'], /must not be empty/],
      [{ certificateNumber: 'Y000144000123253000001', holderName: ' \u3000\t' }, ['/holderName'], /must not be empty/],
      [{ certificateNumber: '', holderName: '张三' }, ['/certificateNumber'], /fewer than 1/],
      [{ certificateNumber: 'Y000144000123253000001' }, ['/holderName'], /required/],
      [{ certificateNumber: 7, holderName: '张三' }, ['/certificateNumber'], /string/],
      [{ certificateNumber: 'Y000144000123253000001', holderName: '张三', idNumber: 'x' }, ['/idNumber'], /not an allowed property/],
      [{ certificateNumber: 'Y'.repeat(65), holderName: '张三' }, ['/certificateNumber'], /more than 64/],
    ];
    for (const [body, pointers, says] of cases) {
      const res = await lookup(t, body, { 'accept-language': 'en' });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.headers.get('cache-control')).toBe('no-store');
      const problem = (await res.json()) as Json;
      expect(problem.code).toBe('MALFORMED_VALUE');
      expect(
        (problem.errors as Json[]).map((e) => e.pointer),
        JSON.stringify(body),
      ).toEqual(pointers);
      expect(problem.detail, JSON.stringify(body)).toMatch(says);
    }
    // the field message comes from the catalogue, in Chinese too
    const zh = (await (await lookup(t, { certificateNumber: 'Y0001#44', holderName: '张三' }, { 'accept-language': 'zh-CN' })).json()) as Json;
    expect(zh.errors).toEqual([{ pointer: '/certificateNumber', detail: '必须是证书编号：1 至 40 个字母、数字或连字符（空格会被略去，全角字符按半角读取）' }]);
  });

  it('refuses what is not a small JSON body (415, 400, 413), like the other anonymous endpoints', async () => {
    expect((await t.call('POST', '/v1/lookup', '{"certificateNumber":', { 'x-forwarded-for': client() })).status).toBe(400);
    expect((await t.call('POST', '/v1/lookup', 'x', { 'content-type': 'text/plain', 'x-forwarded-for': client() })).status).toBe(415);
    const max = t.ports.config.maxAnonymousBodyBytes;
    const big = await lookup(t, { certificateNumber: 'Y000144000123253000001', holderName: '张'.repeat(max) });
    expect(big.status).toBe(413);
    expect(big.headers.get('cache-control')).toBe('no-store');
  });
});

describe('POST /v1/lookup in the API reference', () => {
  it('documents the request fields (description and example each), an example body and the 200, 404, 422 and 429 answers', async () => {
    const t = await createTestApp();
    try {
      const doc = (await (await t.call('GET', '/openapi.json')).json()) as Json;
      const op = doc.paths['/v1/lookup'].post as Json;
      expect(op.security ?? []).toEqual([]);
      const body = op.requestBody.content['application/json'] as Json;
      expect(Object.keys(body.examples)).toEqual(['printed', 'typed']);
      const schema = doc.components.schemas.LookupRequest as Json;
      for (const field of ['certificateNumber', 'holderName']) {
        expect(schema.properties[field].description, field).toMatch(/\w/);
        expect(schema.properties[field].examples.length, field).toBeGreaterThan(0);
      }
      for (const status of ['200', '404', '422', '429']) expect(op.responses[status]?.description, status).toMatch(/\w/);
      expect(op.responses['200'].content['application/json'].example.links.verify).toMatch(/#ID:/);
      expect(op.responses['404'].content['application/problem+json'].example.detailCode).toBe('not-found.lookup');
    } finally {
      await t.close();
    }
  });
});

describe('POST /v1/lookup limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY: '1', LOOKUPS_PER_MINUTE: '3', LOOKUP_WRONG_PER_HOUR: '2' } });
  });
  afterAll(() => t.close());

  it('reads LOOKUPS_PER_MINUTE and LOOKUP_WRONG_PER_HOUR, defaulting to 10 and 10', async () => {
    expect([t.ports.config.lookupsPerMinute, t.ports.config.lookupWrongPerHour]).toEqual([3, 2]);
    const defaults = await createTestApp();
    try {
      expect([defaults.ports.config.lookupsPerMinute, defaults.ports.config.lookupWrongPerHour]).toEqual([10, 10]);
    } finally {
      await defaults.close();
    }
  });

  it('answers 429 with Retry-After past LOOKUPS_PER_MINUTE from one client address, and only for that address', async () => {
    const issued = await issue(t);
    const from = { 'x-forwarded-for': '192.0.2.10' };
    const body = { certificateNumber: issued.number, holderName: '张三' };
    for (let i = 0; i < 3; i++) expect((await t.call('POST', '/v1/lookup', body, from)).status).toBe(200);
    const limited = await t.call('POST', '/v1/lookup', body, { ...from, 'accept-language': 'en' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(limited.headers.get('cache-control')).toBe('no-store');
    expect(((await limited.json()) as Json).detail).toMatch(/3 lookups/);
    // malformed look-ups count too (a limit on asking, not on finding)
    expect((await t.call('POST', '/v1/lookup', { certificateNumber: '#', holderName: 'x' }, from)).status).toBe(429);
    // another address is not limited
    expect((await t.call('POST', '/v1/lookup', body, { 'x-forwarded-for': '192.0.2.11' })).status).toBe(200);
  });

  it('answers 429 past LOOKUP_WRONG_PER_HOUR unmatched look-ups of one number, whether or not the number exists, even for the right name', async () => {
    const known = await issue(t);
    const unknown = freshNumber();
    for (const number of [known.number, unknown]) {
      // each from a new client: this limit is per number, not per client
      expect((await lookup(t, { certificateNumber: number, holderName: '王五' })).status).toBe(404);
      // y… and Y… are one number for this count
      expect((await lookup(t, { certificateNumber: number.toLowerCase(), holderName: '王五' })).status).toBe(404);
    }
    const knownRight = await lookup(t, { certificateNumber: known.number, holderName: '张三' }, { 'accept-language': 'en' });
    const unknownRight = await lookup(t, { certificateNumber: unknown, holderName: '张三' }, { 'accept-language': 'en' });
    for (const res of [knownRight, unknownRight]) {
      expect(res.status).toBe(429);
      const retry = Number(res.headers.get('retry-after'));
      expect(retry).toBeGreaterThan(60);
      expect(retry).toBeLessThanOrEqual(3600);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
    // the same 429 for a number that exists and one that does not (but for the seconds left)
    const strip = (p: Json) => ({ ...p, detail: String(p.detail).replace(/retry in \d+ s/, 'retry in N s') });
    expect(strip((await knownRight.json()) as Json)).toEqual(strip((await unknownRight.json()) as Json));
    // other numbers are not limited
    const other = await issue(t);
    expect((await lookup(t, { certificateNumber: other.number, holderName: '张三' })).status).toBe(200);
  });

  it('does not count matches against the number', async () => {
    const issued = await issue(t);
    for (let i = 0; i < 4; i++) expect((await lookup(t, { certificateNumber: issued.number, holderName: '张三' })).status).toBe(200);
  });
});

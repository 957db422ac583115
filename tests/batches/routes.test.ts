// The other batch routes: the template, who may read a batch, pages of rows, revoking a batch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, bearer, createTestApp, type TestApp } from '../helpers/app.js';
import { csvSheet, session } from './sheets.js';

type Json = Record<string, any>;
let t: TestApp;
let batch: Json;
beforeAll(async () => {
  t = await createTestApp();
  // The admin submits for a named issuer (the command line does the same).
  const res = await t.call('POST', '/v1/batches?issuer=dev', csvSheet(session(6, 'R', 4000)), { ...bearer(ADMIN_TOKEN), 'content-type': 'text/csv' });
  expect(res.status).toBe(202);
  const { id } = (await res.json()) as Json;
  for (let i = 0; i < 300 && batch?.state !== 'completed'; i++) {
    batch = (await (await t.call('GET', `/v1/batches/${id}`, undefined, bearer(t.devKey))).json()) as Json;
    await new Promise((r) => setTimeout(r, 50));
  }
});
afterAll(() => t.close());

describe('batch routes', () => {
  it('publishes the template in three header languages', async () => {
    const res = await t.call('GET', '/v1/batches/template.csv');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(new TextDecoder().decode(await res.arrayBuffer())).toBe('姓名,证件类型,证件号码,职业编码,工种,等级,证书编号,考核批次,考核日期\r\n');
    const en = await (await t.call('GET', '/v1/batches/template.csv?lang=en')).text();
    expect(en).toContain('holder.name,holder.idType,holder.idNumber,occupation.code');
    expect((await t.call('GET', '/v1/batches/template.csv?lang=fr')).status).toBe(400);
  });

  it('pages rows, and shows a batch only to its issuer and the admin', async () => {
    expect(batch.counts).toEqual({ total: 6, issued: 6, failed: 0, pending: 0 });
    const page = (await (await t.call('GET', `/v1/batches/${batch.id}?offset=2&limit=3`, undefined, bearer(t.devKey))).json()) as Json;
    expect(page.rows.map((r: Json) => r.row)).toEqual([4, 5, 6]);
    expect(page.page).toEqual({ offset: 2, limit: 3 });
    expect((await t.call('GET', `/v1/batches/${batch.id}`, undefined, bearer(ADMIN_TOKEN))).status).toBe(200);
    const other = (await (
      await t.call('POST', '/admin/issuers', { slug: 'other-org', names: { 'zh-Hans': '另一机构' }, orgKind: 'S', filingCode: 'O-1' }, bearer(ADMIN_TOKEN))
    ).json()) as Json;
    for (const path of ['', '/results.csv', '/print']) {
      expect((await t.call('GET', `/v1/batches/${batch.id}${path}`, undefined, bearer(other.apiKey.token))).status).toBe(404);
      expect((await t.call('GET', `/v1/batches/${batch.id}${path}`)).status).toBe(401);
    }
    expect((await t.call('GET', '/v1/batches/not-a-batch', undefined, bearer(t.devKey))).status).toBe(404);
    expect((await t.call('GET', `/v1/batches/${batch.id}?limit=x`, undefined, bearer(t.devKey))).status).toBe(400);
  });

  it('revokes a whole batch with one bulk status change, and the results and print show it', async () => {
    const res = await t.call('POST', '/v1/status/bulk', { action: 'revoke', reason: 'exam session annulled', select: { batchId: batch.id } }, bearer(t.devKey));
    expect(res.status).toBe(200);
    expect(((await res.json()) as Json).changed).toBe(6);
    const after = (await (await t.call('GET', `/v1/batches/${batch.id}`, undefined, bearer(t.devKey))).json()) as Json;
    expect(after.rows.map((r: Json) => r.status)).toEqual(Array(6).fill('revoked'));
    const sheet = await (await t.call('GET', `/v1/batches/${batch.id}/results.csv`, undefined, { ...bearer(t.devKey), 'accept-language': 'en' })).text();
    expect(sheet.split('\r\n').filter((l) => l.includes(',revoked,'))).toHaveLength(6);
    const print = await (await t.call('GET', `/v1/batches/${batch.id}/print`, undefined, bearer(t.devKey))).text();
    expect(print.match(/class="stamp"/g)).toHaveLength(6);
  });
});

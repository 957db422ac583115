// Exam-session batches inside workerd on D1: the job runs in ctx.waitUntil after the 202, and a
// job that ran out of its time (or whose isolate died) is resumed by the next read of its batch.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../src/services/index.js';
import { parseConfig } from '../../src/config.js';
import { silentLogger } from '../../src/ports.js';
import { stringVars, workerPorts, type WorkerEnv } from '../../src/runtime/workers/ports.js';
import { csvSheet, HEADERS, session } from '../batches/sheets.js';
import { bearer } from '../helpers/requests.js';
import { accreditAll, admin, call, callJson, type Json } from './edge.js';

let apiKey = '';
const csv = () => ({ ...bearer(apiKey), 'content-type': 'text/csv' });

async function completed(id: string): Promise<Json> {
  for (let i = 0; i < 600; i++) {
    const batch = await callJson('GET', `/v1/batches/${id}?limit=0`, undefined, bearer(apiKey), 200);
    if (batch.state === 'completed') return callJson('GET', `/v1/batches/${id}`, undefined, bearer(apiKey), 200);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`batch ${id} did not complete`);
}

describe('batches on Workers + D1', () => {
  beforeAll(async () => {
    const body = await callJson(
      'POST',
      '/admin/issuers',
      { slug: 'edge-batch', names: { 'zh-Hans': '边缘评价机构' }, orgKind: 'Y', filingCode: 'SZ-Y-0002', keyRef: 'batch-1', pepperRef: 'pepper-1' },
      admin,
      201,
    );
    apiKey = String((body.apiKey as Json).token);
    await accreditAll('edge-batch');
  });

  it('answers 202 and issues a small sheet in waitUntil; each certificate verifies', async () => {
    const res = await call('POST', '/v1/batches', csvSheet(session(20, 'EDGE', 100)), csv());
    expect(res.status, await res.clone().text()).toBe(202);
    const batch = await completed(((await res.json()) as Json).id as string);
    expect(batch.counts).toEqual({ total: 20, issued: 20, failed: 0, pending: 0 });
    const rows = batch.rows as Json[];
    for (const row of rows.slice(0, 3)) {
      const verified = await callJson('POST', '/credentials/verify', { verifiableCredential: (row.links as Json).verify }, {}, 200);
      expect(verified.verdict).toBe('valid');
    }
    const sheet = await call('GET', `/v1/batches/${batch.id}/results.csv`, undefined, { ...bearer(apiKey), 'accept-language': 'zh-HK' });
    const bytes = new Uint8Array(await sheet.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs to read UTF-8
    expect(new TextDecoder().decode(bytes).split('\r\n')[0]).toBe('行號,姓名,證書編號,狀態,證書ID,核實連結,證書頁面,說明');
    const print = await (await call('GET', `/v1/batches/${batch.id}/print`, undefined, bearer(apiKey))).text();
    expect(print.match(/<main class="sheet">/g)).toHaveLength(20);
  });

  it('refuses a bad sheet with 422 naming its rows, in the caller’s language', async () => {
    const rows = session(3, 'EDGE-BAD', 200);
    rows[1]![1] = '学生证';
    const problem = await callJson('POST', '/v1/batches', csvSheet(rows), { ...csv(), 'accept-language': 'zh-TW' }, 422);
    expect(problem.errors).toEqual([expect.objectContaining({ row: 3, column: '证件类型', code: 'enum', value: '学生证' })]);
    expect(problem.detail).toContain('未簽發任何證書');
  });

  it('a job that ran out of time is resumed by the next read of its batch', async () => {
    const config = parseConfig(stringVars(env as unknown as WorkerEnv));
    const services = createServices({ ...workerPorts(config, env as unknown as WorkerEnv), log: silentLogger });
    const principal = (await services.auth.authenticate(apiKey, 'test')) ?? undefined;
    const text = csvSheet(
      session(150, 'EDGE-PAUSE', 300).map((r) => [...r, 'eddsa-jcs-2022']),
      [...HEADERS, '签名套件'],
    );
    // A budget of 0 ms: one chunk (100 rows), then the job stops as a Worker's would at its time limit.
    const submitted = await services.batches.submit(principal, { source: 'csv', text }, { language: 'en', budgetMs: 0, background: () => {} });
    if (submitted.kind !== 'accepted') throw new Error('not accepted');
    expect(await submitted.job).toBe('paused');
    const paused = await callJson('GET', `/v1/batches/${submitted.batch.id}?limit=0`, undefined, bearer(apiKey), 200);
    expect(paused.counts).toMatchObject({ issued: 100, pending: 50 });
    const done = await completed(submitted.batch.id); // that read resumed it, in waitUntil
    expect(done.counts).toEqual({ total: 150, issued: 150, failed: 0, pending: 0 });
  });
});

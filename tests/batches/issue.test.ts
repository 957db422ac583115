import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../helpers/app.js';
import { candidate, csvSheet, session } from './sheets.js';

type Json = Record<string, any>;
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const csv = (key: string, extra: Record<string, string> = {}) => ({ ...bearer(key), 'content-type': 'text/csv', ...extra });

/** Polls the batch until its job completes. */
async function completed(t: TestApp, id: string, key: string, timeoutMs = 60_000): Promise<Json> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await t.call('GET', `/v1/batches/${id}?limit=0`, undefined, bearer(key));
    const body = (await res.json()) as Json;
    if (body.state === 'completed' || Date.now() > until)
      return (await t.call('GET', `/v1/batches/${id}?limit=1000`, undefined, bearer(key))).json() as Promise<Json>;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('POST /v1/batches with a CSV sheet (Chinese headers, BOM, CRLF)', () => {
  it('issues 200 certificates that each verify and each carry a verify link', async () => {
    const res = await t.call('POST', '/v1/batches', csvSheet(session(200)), csv(t.devKey));
    expect(res.status, await res.clone().text()).toBe(202);
    const accepted = (await res.json()) as Json;
    expect(res.headers.get('location')).toBe(accepted.links.self);
    expect(accepted.counts.total).toBe(200);
    const done = await completed(t, accepted.id, t.devKey);
    expect(done.counts).toEqual({ total: 200, issued: 200, failed: 0, pending: 0 });
    expect(done.rows).toHaveLength(200);
    expect(done.rows[0].row).toBe(2); // the first candidate is on the sheet's second row
    const ids = new Set<string>();
    for (const row of done.rows) {
      expect(row.state).toBe('issued');
      expect(row.links.verify).toMatch(/^HTTPS:\/\/CERTS\.EXAMPLE\.CN\/V#/);
      ids.add(row.credentialId);
      const verified = await t.call('POST', '/credentials/verify', { verifiableCredential: row.links.verify });
      const result = (await verified.json()) as Json;
      expect(result.verdict, `${row.row}: ${JSON.stringify(result.errors)}`).toBe('valid');
      expect(result.summary.certificateNumber ?? row.certificateNumber).toBe(row.certificateNumber);
    }
    expect(ids.size).toBe(200);
  }, 120_000);

  it('the same upload twice is one batch, issued once', async () => {
    const body = csvSheet(session(5, 'TWICE', 1000));
    const first = (await (await t.call('POST', '/v1/batches', body, csv(t.devKey))).json()) as Json;
    const again = await t.call('POST', '/v1/batches', body, csv(t.devKey));
    expect(again.status).toBe(202);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as Json).id).toBe(first.id);
    await completed(t, first.id, t.devKey);
    // After it completed, a third upload still answers the batch, and issues nothing more.
    const third = (await (await t.call('POST', '/v1/batches', body, csv(t.devKey))).json()) as Json;
    expect(third.id).toBe(first.id);
    expect(third.counts.issued).toBe(5);
    const n = t.db().prepare("SELECT COUNT(*) n FROM credentials WHERE assessment_id LIKE 'TWICE-%'").get() as { n: number };
    expect(n.n).toBe(5);
  });

  it('a sheet with three bad rows answers 422 naming exactly those rows and columns, and issues nothing', async () => {
    const rows = session(20, 'BAD', 2000);
    rows[3]![6] = 'Y0001440001232550000XX'; // certificate number: not Y/S + 21 digits (sheet row 5)
    rows[9]![5] = '九级'; // grade (sheet row 11)
    rows[14]![8] = '2025年13月40日'; // assessment date (sheet row 16)
    const before = (t.db().prepare('SELECT COUNT(*) n FROM credentials').get() as { n: number }).n;
    const res = await t.call('POST', '/v1/batches', csvSheet(rows), csv(t.devKey, { 'accept-language': 'zh-CN' }));
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as Json;
    expect(problem.errors.map((e: Json) => [e.row, e.column])).toEqual([
      [5, '证书编号'],
      [11, '等级'],
      [16, '考核日期'],
    ]);
    expect(problem.errors[0].detail).toContain('证书编号');
    expect(problem.detail).toContain('未签发任何证书');
    expect((t.db().prepare('SELECT COUNT(*) n FROM credentials').get() as { n: number }).n).toBe(before);
    expect(
      (
        t
          .db()
          .prepare(
            "SELECT COUNT(*) n FROM batch_rows WHERE certificate_number LIKE 'Y%' AND holder_name LIKE '考生%' AND batch_id NOT IN (SELECT id FROM batches)",
          )
          .get() as { n: number }
      ).n,
    ).toBe(0);
  });

  it('?dryRun=true checks the sheet and stores nothing', async () => {
    const res = await t.call('POST', '/v1/batches?dryRun=true', csvSheet([candidate(500, 'DRY')]), csv(t.devKey));
    expect(res.status).toBe(200);
    const report = (await res.json()) as Json;
    expect(report).toMatchObject({ dryRun: true, valid: true, rows: 1, exists: false });
    expect((await t.call('GET', `/v1/batches/${report.id}`, undefined, bearer(t.devKey))).status).toBe(404);
  });
});

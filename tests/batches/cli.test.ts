// The command line: `npm run admin -- batch issue <sheet> --issuer <slug>` on the database of a service.
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { adminCli, ROOT } from '../helpers/node-process.js';
import { csvSheet, session } from './sheets.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const admin = (...args: string[]) => adminCli(t.dir, ...args);

describe('npm run admin -- batch issue', () => {
  it('issues the example sheet with a progress bar and writes the results sheet next to it', async () => {
    const sheet = join(t.dir, 'exam-session.csv');
    copyFileSync(join(ROOT, 'examples', 'exam-session.csv'), sheet);
    const r = await admin('batch', 'issue', sheet, '--issuer', 'dev');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/\[#{30}\] 100%\s+validated 5\/5\s+signed 5\s+committed 5/);
    const summary = JSON.parse(r.stdout) as { counts: Record<string, number>; results: string; state: string };
    expect(summary.state).toBe('completed');
    expect(summary.counts).toEqual({ total: 5, issued: 5, failed: 0, pending: 0 });
    expect(summary.results).toBe(join(t.dir, 'exam-session.results.csv'));
    const results = readFileSync(summary.results, 'utf8');
    expect(results.startsWith('\uFEFF行号,姓名,证书编号,状态,证书ID,核验链接,证书页面,说明\r\n')).toBe(true);
    expect(results).toContain('"王, 小明",Y000144000123255000104,已发证,urn:uuid:');
    // Run again: the same batch, nothing issued twice.
    const again = await admin('batch', 'issue', sheet, '--issuer', 'dev');
    expect(JSON.parse(again.stdout)).toMatchObject({ replayed: true, counts: { issued: 5 } });
  }, 60_000);

  it('prints the faults of a refused sheet as a table and issues nothing', async () => {
    const rows = session(4, 'CLI', 8000);
    rows[2]![3] = '4-04-05'; // occupation code (sheet row 4)
    const sheet = join(t.dir, 'bad.csv');
    writeFileSync(sheet, csvSheet(rows));
    const r = await admin('batch', 'issue', sheet, '--issuer', 'dev', '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('1 problems in 1 rows: nothing was issued');
    expect(r.stderr).toMatch(/row\s+column\s+problem\n4\s+职业编码\s+an occupation code looks like D-DD-DD-DD, e\.g\. 4-04-05-05 \(4-04-05\)/);
    expect(existsSync(join(t.dir, 'bad.results.csv'))).toBe(false);
  }, 60_000);
});

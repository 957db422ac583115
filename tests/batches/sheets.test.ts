// Reading sheets as offices save them, and the faults of a sheet in three languages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BATCH_FAULT_MESSAGES } from '../../src/domain/batch-faults.js';
import { sheetItems } from '../../src/domain/batch-sheet.js';
import { checkCertificate } from '../../src/domain/certificate.js';
import { readCsv } from '../../src/services/batch-csv.js';
import { bearer, createTestApp, skillLevelRequest, type TestApp } from '../helpers/app.js';
import { csvSheet, HEADERS, session } from './sheets.js';

type Json = Record<string, any>;
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());
const post = (body: string, lang = 'en', type = 'text/csv') =>
  t.call('POST', '/v1/batches?dryRun=true', body, { ...bearer(t.devKey), 'content-type': type, 'accept-language': lang });

describe('reading a sheet', () => {
  it('takes field paths, Simplified and Traditional headers, Excel dates, 是/否, grade names and quoted cells', () => {
    const text =
      'holder.name,證件類型,证件号码 ,職業編碼,等級,证书编号,考核批次,考核日期,可暂停,职业名称（繁体）\r\n"王, 小明",護照,E1,4-04-05-05,3级,Y1,A1,2025年6月2日,是,人工智能訓練師\r\n,,,,,,,,,\r\n';
    const batch = sheetItems(readCsv(`\uFEFF${text}`));
    expect(batch.faults).toEqual([]);
    expect(batch.rows).toEqual([2]);
    expect(batch.items[0]).toEqual({
      kind: 'skill-level',
      holder: { name: '王, 小明', idType: 'passport', idNumber: 'E1' },
      occupation: { code: '4-04-05-05', name: { 'zh-Hant': '人工智能訓練師' } },
      level: { grade: '三级' },
      certificateNumber: 'Y1',
      assessment: { id: 'A1', date: '2025-06-02' },
      suspension: true,
    });
  });

  it('names unknown, repeated and missing columns once, on the header row', () => {
    const batch = sheetItems(readCsv('姓名,名字,姓名,证件号码\nA,B,C,D\n'));
    expect(batch.faults.map((f) => [f.row, f.column, f.code])).toEqual([
      [1, '名字', 'unknown-column'],
      [1, '姓名', 'duplicate-column'],
      [1, '证件类型', 'missing-column'],
      [1, '职业编码', 'missing-column'],
      [1, '考核批次', 'missing-column'],
      [1, '考核日期', 'missing-column'],
      [1, '证书编号', 'missing-column'],
    ]);
  });

  it('every certificate rule fault has a code and words in three languages', () => {
    const bad = {
      ...skillLevelRequest(),
      occupation: { code: '9-99-99-99' },
      level: { rank: 1 },
      certificateNumber: 'S00014400012325300000X',
      specialty: { name: 'x' },
    };
    const check = checkCertificate(bad as never, { orgKind: 'Y' });
    expect(check.ok).toBe(false);
    const codes = (check as { faults: { code: string }[] }).faults.map((f) => f.code);
    expect(codes).toEqual(['occupation-name-required', 'rank-without-grade', 'certificate-number', 'specialty-only-specialized']);
    for (const [code, text] of Object.entries(BATCH_FAULT_MESSAGES)) {
      for (const lang of ['zh-Hans', 'zh-Hant', 'en'] as const) expect(text[lang], `${code} ${lang}`).toMatch(/\S/);
    }
  });
});

describe('faults of a sheet, by row and column, in the caller’s language', () => {
  it('reports digits Excel lost, duplicates within the sheet and against what was issued', async () => {
    const issued = await t.call(
      'POST',
      '/v1/certificates',
      skillLevelRequest({ certificateNumber: 'Y000144000123253555555', assessment: { id: 'DONE-1', date: '2025-06-20' } }),
      bearer(t.devKey),
    );
    expect(issued.status).toBe(201);
    const rows = session(5, 'DUP', 3000);
    rows[0]![2] = '1.10101E+17'; // Excel's rendering of an 18-digit ID number
    rows[2]![6] = rows[1]![6]!; // same certificate number as the row above
    rows[3]![6] = 'Y000144000123253555555'; // issued before
    rows[4]![7] = 'DONE-1'; // assessment issued before
    const res = await post(csvSheet(rows), 'zh-HK');
    expect(res.status).toBe(422);
    expect(res.headers.get('content-language')).toBe('zh-Hant');
    const problem = (await res.json()) as Json;
    expect(problem.errors.map((e: Json) => [e.row, e.column, e.code])).toEqual([
      [2, '证件号码', 'excel-scientific'],
      [4, '证书编号', 'duplicate-number'],
      [5, '证书编号', 'issued-number'],
      [6, '考核批次', 'issued-assessment'],
    ]);
    expect(problem.errors[0].detail).toContain('科學記數法');
    expect(problem.errors[1].detail).toBe('證書編號與第 3 行重複');
    expect(problem.errors[0].pointer).toBe('/items/0/holder/idNumber');
    expect(problem.errors[0].value).toBeUndefined(); // an ID number is never echoed
  });

  it('names JSON items by position and field path, in English by default', async () => {
    const items = [
      skillLevelRequest({ certificateNumber: 'Y000144000123253600001', assessment: { id: 'J-1', date: '2025-06-20' } }),
      skillLevelRequest({
        certificateNumber: 'Y000144000123253600002',
        assessment: { id: 'J-2', date: '2025-06-20' },
        level: { rank: 4, grade: '二级' },
        extra: 1,
      }),
    ];
    const res = await post(JSON.stringify({ items }), '', 'application/json');
    expect(res.status).toBe(422);
    const problem = (await res.json()) as Json;
    expect(problem.errors).toEqual([
      { row: 2, item: 1, column: 'extra', pointer: '/items/1/extra', code: 'unknown-field', detail: 'is not an allowed field here', value: '1' },
    ]);
    expect(problem.detail).toBe('1 problems in 1 rows: nothing was issued');
  });

  it('refuses what is not a sheet: no rows, too many rows, not UTF-8, not {items}', async () => {
    expect((await post(`\uFEFF${HEADERS.join(',')}\r\n`)).status).toBe(422);
    const big = await post(csvSheet(session(5001, 'BIG', 10_000)), 'zh-CN');
    expect(big.status).toBe(422);
    expect(((await big.json()) as Json).detail).toBe('一批最多 5000 行，此批有 5001 行：请分批上传');
    // 姓名 in GBK: what Excel's plain "CSV" saves on a Chinese Windows.
    const gbk = await t.app.request('/v1/batches', {
      method: 'POST',
      body: new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb, 0x0a]),
      headers: { ...bearer(t.devKey), 'content-type': 'text/csv' },
    });
    expect(gbk.status).toBe(415);
    expect(((await gbk.json()) as Json).detail).toContain('CSV UTF-8');
    expect((await post('{"rows": []}', 'en', 'application/json')).status).toBe(422);
  });
});

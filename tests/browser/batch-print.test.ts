// The print run of an exam session (/v1/batches/{id}/print) in Chromium: one A4 page per
// certificate when printed, the same sheet as the single certificate, a stamp on a revoked one.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvSheet, session } from '../batches/sheets.js';
import { ROOT } from '../helpers/node-process.js';
import { haveChromium, launchChromium, NO_CHROMIUM_REASON } from './chromium.js';
import { act, startService, type Service } from './fixtures.js';

const SHOTS = join(ROOT, 'test-results', 'browser');
type Json = Record<string, any>;
let service: Service;
let browser: Browser;

/** Pages in a PDF: Chromium writes one `/Type /Page` object per page. */
function pdfPages(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
}

async function issuedBatch(rows: number): Promise<Json> {
  const auth = { authorization: `Bearer ${service.apiKey}` };
  const res = await fetch(`${service.url}/v1/batches`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'text/csv' },
    body: csvSheet(session(rows, 'PRINT', 7000)),
  });
  const { id } = (await res.json()) as Json;
  for (let i = 0; i < 600; i++) {
    const batch = (await (await fetch(`${service.url}/v1/batches/${id}`, { headers: auth })).json()) as Json;
    if (batch.state === 'completed') return batch;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the batch did not complete');
}

describe.skipIf(!haveChromium)(`the print run of a batch in Chromium (${haveChromium ? 'chromium present' : NO_CHROMIUM_REASON})`, () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    service = await startService();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  it('prints one A4 page per certificate, a revoked one stamped', async () => {
    const batch = await issuedBatch(12);
    await act(service, batch.rows[4].credentialId, 'revoke');
    const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
    await page.setExtraHTTPHeaders({ authorization: `Bearer ${service.apiKey}` });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${service.url}/v1/batches/${batch.id}/print?lang=zh-Hant`);
    expect(requests).toHaveLength(1); // nothing else is fetched
    expect(await page.locator('main.sheet').count()).toBe(12);
    expect(await page.locator('.stamp').count()).toBe(1);
    expect(await page.locator('main.sheet').nth(4).locator('.stamp').textContent()).toContain('已撤銷');
    // every sheet is an A4 page: 210 × 297 mm at 96 px/in
    for (const box of await page.locator('main.sheet').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()))) {
      expect([Math.round(box.width), Math.round(box.height)]).toEqual([794, 1123]);
    }
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(SHOTS, 'batch-print.png'), fullPage: true });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileSync(join(SHOTS, 'batch-print.pdf'), pdf);
    expect(pdfPages(pdf)).toBe(12);
    await page.close();
  });
});

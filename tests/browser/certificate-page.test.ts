// The printable certificate page (/credentials/{id}/certificate) in Chromium: one A4 page when
// printed, a QR code that scans back to the credential, nothing fetched from elsewhere.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as jsqr from 'jsqr';
import type { Browser } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/node-process.js';
import { haveChromium, launchChromium, NO_CHROMIUM_REASON } from './chromium.js';
import { TAIWAN_TERMS } from '../helpers/words.js';
import { issueDate } from '../../src/views/certificate-view.js';
import { act, issue, startService, type Service } from './fixtures.js';

const SHOTS = join(ROOT, 'test-results', 'browser');
type JsQr = (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null;
const readQr = (jsqr as unknown as { default: { default: JsQr } }).default.default;

let service: Service;
let browser: Browser;

/** Pages in a PDF: Chromium writes one `/Type /Page` object per page. */
function pdfPages(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
}

describe.skipIf(!haveChromium)(`the printable certificate in Chromium (${haveChromium ? 'chromium present' : NO_CHROMIUM_REASON})`, () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    service = await startService();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  it('prints on exactly one A4 page, and its QR code scans back to the link of the credential', async () => {
    const cert = await issue(service);
    const page = await browser.newPage({ viewport: { width: 900, height: 1200 }, deviceScaleFactor: 2 });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${service.url}/credentials/${encodeURIComponent(cert.id)}/certificate`);
    await page.screenshot({ path: join(SHOTS, 'certificate-screen.png'), fullPage: true });
    expect(requests).toEqual([`${service.url}/credentials/${encodeURIComponent(cert.id)}/certificate`]);

    const qr = PNG.sync.read(await page.locator('.qr svg').screenshot());
    expect(readQr(new Uint8ClampedArray(qr.data.buffer, qr.data.byteOffset, qr.data.length), qr.width, qr.height)?.data).toBe(cert.qr);

    // the sheet fits the A4 page: 210 × 297 mm at 96 px/in
    const box = await page.locator('.sheet').boundingBox();
    expect(Math.round(box!.width)).toBe(794);
    expect(Math.round(box!.height)).toBe(1123);

    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(SHOTS, 'certificate-print.png'), fullPage: true });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileSync(join(SHOTS, 'certificate.pdf'), pdf);
    expect(pdfPages(pdf)).toBe(1);
    await page.close();
  });

  it('prints the facts right: the issue date is the issuance, no "--", no photo box, numbers and codes whole on a phone, each language’s own words', async () => {
    // valid from next year, no work type ("--" in the credential): printed with today's date and no work-type row
    const later = new Date(Date.now() + 400 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const cert = await issue(service, { validFrom: later, occupation: { code: '4-04-05-05', workType: '--' } });
    const today = issueDate(new Date().toISOString());
    for (const script of ['zh-Hans', 'zh-Hant'] as const) {
      const a4 = await browser.newPage({ viewport: { width: 900, height: 1200 } });
      await a4.goto(`${service.url}/credentials/${encodeURIComponent(cert.id)}/certificate?lang=${script}`);
      const text = await a4.locator('.sheet').innerText();
      expect(text).toContain(today.zh);
      expect(text).toContain(today.en);
      expect(text).not.toContain(issueDate(later).zh);
      expect(text).not.toMatch(/(^|\s)--(\s|$)/);
      expect(await a4.locator('.photo').count()).toBe(0);
      if (script === 'zh-Hant') expect(text).not.toMatch(TAIWAN_TERMS);
      await a4.emulateMedia({ media: 'print' });
      await a4.screenshot({ path: join(SHOTS, `certificate-facts-print-${script}.png`), fullPage: true });
      const pdf = await a4.pdf({ preferCSSPageSize: true, printBackground: true });
      writeFileSync(join(SHOTS, `certificate-facts-${script}.pdf`), pdf);
      expect(pdfPages(pdf)).toBe(1);
      await a4.close();
    }
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await phone.goto(`${service.url}/credentials/${encodeURIComponent(cert.id)}/certificate`);
    for (const selector of ['.fields .mono', '.fields .code']) {
      const el = phone.locator(selector).first();
      expect(await el.evaluate((e) => getComputedStyle(e).whiteSpace), selector).toBe('nowrap');
      expect(await el.evaluate((e) => e.getClientRects().length), `${selector} on one line`).toBe(1);
    }
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: join(SHOTS, 'certificate-facts-phone.png'), fullPage: true });
    await phone.close();
  });

  it('stamps a revoked certificate, stays readable on a phone and still prints on one page', async () => {
    const cert = await issue(service, { holder: { name: '欧阳晓明', idType: 'hk-macau-permit', idNumber: 'H12345678' } });
    await act(service, cert.id, 'revoke');
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await page.goto(`${service.url}/credentials/${encodeURIComponent(cert.id)}/certificate?lang=zh-Hant`);
    expect(await page.textContent('.withdrawn')).toContain('已撤銷');
    // revoked, exactly: not "revoked or suspended"
    expect(await page.textContent('.withdrawn')).toContain('此證書已被發證機構撤銷，不能作為有效證書使用。');
    expect(await page.textContent('.withdrawn')).not.toContain('暫停');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SHOTS, 'certificate-revoked-phone.png'), fullPage: true });
    await page.close();
    // the banner takes room on the sheet: it must still print on one page
    const a4 = await browser.newPage({ viewport: { width: 900, height: 1200 } });
    await a4.goto(`${service.url}/credentials/${encodeURIComponent(cert.id)}/certificate`);
    await a4.emulateMedia({ media: 'print' });
    await a4.screenshot({ path: join(SHOTS, 'certificate-revoked-print.png'), fullPage: true });
    expect(pdfPages(await a4.pdf({ preferCSSPageSize: true, printBackground: true }))).toBe(1);
    await a4.close();
  });
});

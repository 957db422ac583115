// The landing page at / and the API reference at /docs in Chromium, on a phone: both render from
// this origin alone (Swagger UI served from /assets/docs/, reading /openapi.json), nothing wider
// than the screen. Screenshots: test-results/browser/landing-*.png, docs-*.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPage } from '../../scripts/build-page.js';
import { ROOT } from '../helpers/node-process.js';
import { englishWords, TAIWAN_TERMS } from '../helpers/words.js';
import { haveChromium, launchChromium, NO_CHROMIUM_REASON } from './chromium.js';
import { startService, type Service } from './fixtures.js';

const SHOTS = join(ROOT, 'test-results', 'browser');
const PHONE = { width: 390, height: 844 };

let service: Service;
let browser: Browser;

async function phonePage(locale: string): Promise<{ page: Page; foreign: string[]; errors: string[] }> {
  const context = await browser.newContext({ viewport: PHONE, locale, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const foreign: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => !r.url().startsWith(service.url) && !/^(data|blob):/.test(r.url()) && foreign.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return { page, foreign, errors };
}

const overflowOf = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe.skipIf(!haveChromium)(`the landing page and the API reference (${haveChromium ? 'chromium present' : NO_CHROMIUM_REASON})`, () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await buildPage();
    service = await startService();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  it('/ says what this is in the browser’s language, links the verify page, the docs and the trust list, and switches language', async () => {
    for (const [locale, lang, title] of [
      ['zh-CN', 'zh-Hans', '职业技能证书核验'],
      ['zh-HK', 'zh-Hant', '職業技能證書核實'],
      ['en-GB', 'en', 'Vocational skill certificates, verifiable'],
    ] as const) {
      const { page, foreign, errors } = await phonePage(locale);
      await page.goto(`${service.url}/`);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.textContent('h1')).toBe(title);
      const hrefs = await page.$$eval('.links a', (as) => as.map((a) => a.getAttribute('href')));
      expect(hrefs).toEqual(['/v', '/docs', '/trust-list', '/openapi.json']);
      const text = await page.evaluate(() => (document.querySelector('main') as HTMLElement).innerText);
      if (lang !== 'en') expect(englishWords(text), lang).toEqual([]);
      if (lang === 'zh-Hant') expect(text).not.toMatch(TAIWAN_TERMS);
      expect(await overflowOf(page)).toBeLessThanOrEqual(0);
      expect([foreign, errors]).toEqual([[], []]);
      await page.screenshot({ path: join(SHOTS, `landing-${lang}.png`), fullPage: true });
      if (lang === 'en') {
        await page.click('.langs a[hreflang="zh-Hant"]');
        expect(await page.textContent('h1')).toBe('職業技能證書核實');
        await page.click('.links a[href="/v"]');
        await page.waitForSelector('body[data-ready="true"]');
        expect(new URL(page.url()).pathname).toBe('/v');
      }
      await page.context().close();
    }
  });

  it('/docs renders every operation of /openapi.json with Swagger UI from this origin, readable on a phone', async () => {
    const { page, foreign, errors } = await phonePage('en-GB');
    const res = await page.goto(`${service.url}/docs`);
    expect(res!.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.waitForSelector('#api .opblock', { timeout: 20_000 });
    const doc = (await (await fetch(`${service.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
    expect(await page.locator('#api .opblock').count()).toBe(operations);
    const paths = await page.$$eval('#api .opblock-summary-path', (els) => els.map((e) => e.getAttribute('data-path')));
    for (const p of ['/v1/certificates', '/credentials/verify', '/trust-list', '/v1/verify/batch']) expect(paths).toContain(p);
    expect(await overflowOf(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SHOTS, 'docs-phone.png') });
    // an operation opened: its fields described, with an example body
    const issue = page
      .locator('#api .opblock-post')
      .filter({ has: page.locator('[data-path="/v1/certificates"]') })
      .first();
    await issue.locator('.opblock-summary').click();
    await issue.locator('.opblock-body').waitFor();
    await issue.locator('.opblock-body .body-param__example, .opblock-body .highlight-code').first().waitFor();
    const body = await issue.locator('.opblock-body').innerText();
    expect(body).toContain('Y000144000123253000001');
    await issue.locator('button.tablinks[data-name="model"]').first().click();
    await expect.poll(() => issue.locator('.opblock-body').innerText()).toContain('The kind of certificate');
    await page.screenshot({ path: join(SHOTS, 'docs-phone-operation.png'), fullPage: true });
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('#api *')]
        .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .slice(0, 5)
        .map((e) => `${e.tagName}.${e.className}`),
    );
    expect(await overflowOf(page), `wider than the screen: ${wide.join(' ')}`).toBeLessThanOrEqual(0);
    // nothing from elsewhere (no CDN, no validator badge, no fonts), and no CSP violation
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('serves Swagger UI from /assets/docs/, compressed, with its licence', async () => {
    const js = await fetch(`${service.url}/assets/docs/swagger-ui-bundle.js`, { headers: { 'accept-encoding': 'br' } });
    expect([js.status, js.headers.get('content-encoding')]).toEqual([200, 'br']);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${service.url}/assets/docs/LICENSE`)).status).toBe(200);
  });
});

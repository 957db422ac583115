// The verify page's look-up by certificate number and holder name (POST /v1/lookup), in Debian's
// Chromium against the real Node service, at phone width. Screenshots land in
// test-results/browser/ (git-ignored).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPage } from '../../scripts/build-page.js';
import { t as text } from '../../src/page/i18n.js';
import { ROOT } from '../helpers/node-process.js';
import { haveChromium, launchChromium, NO_CHROMIUM_REASON } from './chromium.js';
import { act, issue, startService, type Issued, type Service } from './fixtures.js';

const SHOTS = join(ROOT, 'test-results', 'browser');
const PHONE = { width: 390, height: 844 };
const LIMIT = 4;

let service: Service;
let browser: Browser;
let revoked: Issued;
const contexts: BrowserContext[] = [];

async function openPage(locale: string): Promise<{ page: Page; requests: { url: string; method: string; body: string | null }[]; errors: string[] }> {
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, locale, isMobile: true, hasTouch: true });
  contexts.push(context);
  const page = await context.newPage();
  const requests: { url: string; method: string; body: string | null }[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push({ url: r.url(), method: r.method(), body: r.postData() }));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && !/status of 4\d\d/.test(m.text()) && errors.push(m.text()));
  await page.goto(`${service.url}/v`);
  return { page, requests, errors };
}

async function lookUp(page: Page, number: string, name: string): Promise<void> {
  await page.fill('#lookup-number', number);
  await page.fill('#lookup-name', name);
  await page.click('#lookup-form button[type=submit]');
}

async function verdictOf(page: Page): Promise<string> {
  await page.waitForSelector('#result:not([hidden]) #verdict[data-verdict]', { timeout: 20_000 });
  return (await page.getAttribute('#verdict', 'data-verdict'))!;
}

/** The look-up message once it says something. */
async function messageOf(page: Page): Promise<string> {
  await page.waitForFunction(() => (document.getElementById('lookup-message')?.textContent ?? '').trim() !== '', undefined, { timeout: 10_000 });
  return (await page.textContent('#lookup-message'))!;
}

async function shot(page: Page, name: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name}: horizontal scroll at ${PHONE.width}px`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

describe.skipIf(!haveChromium)(`look-up on the verify page in Chromium (${haveChromium ? 'chromium present' : NO_CHROMIUM_REASON})`, () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await buildPage();
    service = await startService({ LOOKUPS_PER_MINUTE: String(LIMIT) });
    browser = await launchChromium();
    await issue(service); // Y000144000123253000001, 张三: the README's certificate
    revoked = await issue(service, { certificateNumber: 'Y000144000123253000002' });
    await act(service, revoked.id, 'revoke');
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await service?.stop();
  });

  it('shows the look-up section in zh-Hans, zh-Hant and English, every text from the page catalogues', async () => {
    for (const [locale, lang] of [
      ['zh-CN', 'zh-Hans'],
      ['zh-HK', 'zh-Hant'],
      ['en-GB', 'en'],
    ] as const) {
      const { page } = await openPage(locale);
      expect(await page.textContent('#lookup-heading')).toBe(text(lang, 'lookupHeading'));
      expect(await page.textContent('label[for=lookup-number]')).toBe(text(lang, 'lookupNumberLabel'));
      expect(await page.textContent('label[for=lookup-name]')).toBe(text(lang, 'lookupNameLabel'));
      expect(await page.textContent('#lookup-form button[type=submit]')).toBe(text(lang, 'lookupButton'));
      expect(await page.textContent('#lookup .intro')).toBe(text(lang, 'lookupIntro'));
      await page.close();
    }
    expect([text('zh-Hans', 'lookupHeading'), text('zh-Hant', 'lookupHeading'), text('en', 'lookupHeading')]).toEqual([
      '查询证书编号',
      '查詢證書編號',
      'Look up a certificate number',
    ]);
  });

  it('looks a certificate up by number and name as typed (full-width, spaced) and shows the verdict a scan shows', async () => {
    const { page, requests, errors } = await openPage('zh-CN');
    // as typed with a Chinese input method: full-width digits, groups of four, a stray ideographic space
    await lookUp(page, 'Ｙ０００１ ４４００ ０１２３ ２５３０ ００００１', '张三\u3000');
    expect(await verdictOf(page)).toBe('valid');
    expect(await page.textContent('#verdict .word')).toBe('有效');
    const details = (await page.textContent('#details'))!;
    for (const expected of ['张三', '职业技能等级证书', 'Y000144000123253000001', '开发用评价机构']) expect(details).toContain(expected);
    expect(await page.getAttribute('#how-text', 'data-mode')).toBe('server');
    expect(await page.textContent('#how-text')).toBe(text('zh-Hans', 'how.lookup'));
    expect(await page.textContent('#lookup-message')).toBe('');
    const posted = requests.filter((r) => r.method === 'POST');
    expect(posted.map((r) => r.url)).toEqual([`${service.url}/v1/lookup`]);
    expect(JSON.parse(posted[0]!.body!)).toEqual({ certificateNumber: 'Ｙ０００１ ４４００ ０１２３ ２５３０ ００００１', holderName: '张三' });
    expect(errors).toEqual([]);
    await shot(page, 'lookup-valid-zh-hans');
    // the language buttons re-render the same verdict
    await page.click('[data-lang=en]');
    expect(await page.textContent('#how-text')).toBe(text('en', 'how.lookup'));
    expect(await page.textContent('#lookup-heading')).toBe('Look up a certificate number');
  });

  it('shows "revoked" for a revoked certificate found by its number, and the no-match message for a wrong name', async () => {
    const { page } = await openPage('zh-CN');
    await lookUp(page, 'y000144000123253000002', '张三');
    expect(await verdictOf(page)).toBe('revoked');
    expect(await page.textContent('#verdict .word')).toBe('已撤销');
    await shot(page, 'lookup-revoked-zh-hans');
    // a wrong name: the earlier verdict goes away, the no-match message shows
    await lookUp(page, 'Y000144000123253000002', '李四');
    expect(await messageOf(page)).toBe(text('zh-Hans', 'lookupNoMatch'));
    expect(await page.isHidden('#result')).toBe(true);
    await shot(page, 'lookup-no-match-zh-hans');
    // (this client, 127.0.0.1, has now used 3 of its 4 look-ups a minute)
  });

  it('asks for both fields, checks the number, and says when to try again past the limit', async () => {
    const { page, requests } = await openPage('zh-CN');
    await page.fill('#lookup-number', 'Y000144000123253000001');
    await page.click('#lookup-form button[type=submit]');
    expect(await messageOf(page)).toBe(text('zh-Hans', 'lookupEmpty'));
    expect(requests.filter((r) => r.method === 'POST')).toEqual([]);
    // the last look-up of this client's minute (a malformed one counts too), then 429
    await lookUp(page, 'Y0001-44#', '张三');
    await page.waitForFunction((empty) => document.getElementById('lookup-message')?.textContent !== empty, text('zh-Hans', 'lookupEmpty'));
    expect(await page.textContent('#lookup-message')).toBe(text('zh-Hans', 'lookupInvalid'));
    await lookUp(page, 'Y000144000123253000001', '张三');
    await page.waitForFunction((invalid) => document.getElementById('lookup-message')?.textContent !== invalid, text('zh-Hans', 'lookupInvalid'));
    const limited = (await page.textContent('#lookup-message'))!;
    expect(limited).toMatch(/^查询过于频繁，请在 \d+ 秒后再试。$/);
    expect(Number(/\d+/.exec(limited)![0])).toBeGreaterThan(0);
    expect(await page.isHidden('#result')).toBe(true);
    await shot(page, 'lookup-limited-zh-hans');
  });
});

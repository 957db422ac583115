// Every verdict of the verify page in each of its three languages, on a phone-sized screen: the
// reason behind the verdict with its values, no English left on a Chinese page, Hong Kong words in
// Traditional Chinese, the issue date that is the issuance, numbers never broken mid-token.
// Screenshots: test-results/browser/verdicts/<verdict>-<language>.png (git-ignored).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPage } from '../../scripts/build-page.js';
import { parseQrUrl, qrIdUrl } from '../../src/qr/index.js';
import { ROOT } from '../helpers/node-process.js';
import { englishWords, TAIWAN_TERMS } from '../helpers/words.js';
import { oneCharChanged } from '../verify/qr-tamper.js';
import { haveChromium, launchChromium, NO_CHROMIUM_REASON } from './chromium.js';
import { act, exitedIssuerCertificate, issue, issueVc, linkOf, resigned, startService, type Issued, type Service } from './fixtures.js';

const SHOTS = join(ROOT, 'test-results', 'browser', 'verdicts');
const PHONE = { width: 390, height: 844 };
const LANGS = [
  ['zh-Hans', 'zh-CN'],
  ['zh-Hant', 'zh-HK'],
  ['en', 'en-GB'],
] as const;

let service: Service;
let browser: Browser;
let live: Issued;
const contexts: BrowserContext[] = [];

/** How to bring a page to a verdict: the URL to open, or text to paste, and any request routing first. */
interface Case {
  verdict: string;
  open: () => Promise<{ url?: string; paste?: string; route?: (page: Page) => Promise<void> }>;
  /** What the reason under the verdict says, per language (a part of it). */
  says?: Partial<Record<'zh-Hans' | 'zh-Hant' | 'en', RegExp>>;
}

async function openPage(locale: string): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 1, locale, isMobile: true, hasTouch: true });
  contexts.push(context);
  return context.newPage();
}

async function reach(page: Page, c: Case): Promise<void> {
  const how = await c.open();
  if (how.route) await how.route(page);
  if (how.paste !== undefined) {
    await page.goto(`${service.url}/v`);
    await page.fill('#paste', how.paste);
    await page.click('#paste-form button[type=submit]');
  } else await page.goto(how.url!);
  await page.waitForSelector('#result:not([hidden]) #verdict[data-verdict]', { timeout: 20_000 });
  expect(await page.getAttribute('#verdict', 'data-verdict')).toBe(c.verdict);
  // every step with its detail, as a reader who opens "how this was checked" sees it
  await page.evaluate(() => document.querySelector('details.how')!.setAttribute('open', ''));
}

/** The text a reader sees of the result, the language switch aside. */
async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => (document.getElementById('result') as HTMLElement).innerText + '\n' + (document.querySelector('h1') as HTMLElement).innerText);
}

const CASES: Case[] = [
  { verdict: 'valid', open: async () => ({ url: live.qr }) },
  {
    verdict: 'revoked',
    open: async () => {
      const c = await issue(service);
      await act(service, c.id, 'revoke');
      return { url: c.qr };
    },
    says: {
      'zh-Hans': /发证机构的撤销列表标记了此证书（索引 \d+）/,
      'zh-Hant': /發證機構的撤銷列表標記了此證書（索引 \d+）/,
      en: /revocation list marks this credential \(index \d+\)/,
    },
  },
  {
    verdict: 'suspended',
    open: async () => {
      const c = await issue(service, { suspension: true });
      await act(service, c.id, 'suspend');
      return { url: c.qr };
    },
    says: { 'zh-Hant': /暫停列表標記了此證書/, en: /suspension list marks/ },
  },
  {
    verdict: 'expired',
    open: async () => ({ url: await linkOf(service, await issueVc(service, { validFrom: '2020-01-01T00:00:00Z', validUntil: '2020-12-31T16:30:00Z' })) }),
    says: { 'zh-Hans': /有效期至 2021年1月1日/, 'zh-Hant': /有效期至 2021年1月1日，現已過期/, en: /valid until 1 January 2021/ },
  },
  {
    verdict: 'not-yet-valid',
    open: async () => ({ url: (await issue(service, { validFrom: '2027-03-01T00:00:00Z' })).qr }),
    says: { 'zh-Hans': /有效期自 2027年3月1日开始/, en: /valid from 1 March 2027/ },
  },
  {
    verdict: 'untrusted-issuer',
    // a genuine signature by a key that is not the named issuer's
    open: async () => ({ paste: JSON.stringify(await resigned(live.credential, () => {}, true)) }),
    says: { 'zh-Hans': /证书声称由 did:web:\S+ 签发，签名者却是 did:key:/, en: /names did:web:\S+ as issuer but is signed by did:key:/ },
  },
  {
    verdict: 'untrusted-issuer',
    // a genuine signature of an issuer that had left its chain: never worded as a forgery
    open: async () => ({ url: (await exitedIssuerCertificate(service)).qr }),
    says: {
      'zh-Hans': /发证机构已于 \d{4}年\d+月\d+日退出其评价链（考核评估不合格）/,
      'zh-Hant': /已於 \d{4}年\d+月\d+日退出其評價鏈（考核評估不合格）/,
      en: /left its chain on \d+ \w+ \d{4} \(failed review\)/,
    },
  },
  {
    verdict: 'tampered',
    open: async () => ({ url: `${service.url}/V#${(await oneCharChanged(parseQrUrl(live.qr))).payload}` }),
    says: { 'zh-Hans': /数字签名与证书内容不符/, 'zh-Hant': /數碼簽署與證書內容不符/ },
  },
  { verdict: 'unreadable', open: async () => ({ url: live.qr.slice(0, -9) }), says: { 'zh-Hans': /二维码内容无法解码/, 'zh-Hant': /二維碼內容無法解碼/ } },
  {
    verdict: 'status-unknown',
    open: async () => ({ url: live.qr, route: (page) => page.route('**/status/**', (r) => r.fulfill({ status: 503, body: 'unavailable' })) }),
    says: { 'zh-Hans': /无法获取发证机构公布的状态列表/, 'zh-Hant': /無法取得發證機構公佈的狀態列表/ },
  },
  {
    verdict: 'unsupported',
    open: async () => {
      const other = structuredClone(live.credential);
      (([other.proof].flat() as Record<string, unknown>[])[0] as Record<string, unknown>).cryptosuite = 'ecdsa-rdfc-2019';
      return { paste: JSON.stringify(other) };
    },
    says: { 'zh-Hans': /本服务不支持签名套件 "ecdsa-rdfc-2019"/, 'zh-Hant': /本服務不支援數碼簽署套件 "ecdsa-rdfc-2019"/ },
  },
  {
    // the page shows the service's answer for an id link; a wrong ID number makes it "not this holder"
    verdict: 'holder-mismatch',
    open: async () => {
      const res = await fetch(`${service.url}/credentials/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'en' },
        body: JSON.stringify({ verifiableCredential: qrIdUrl(service.url, live.id), options: { holderIdNumber: '110101199003071234' } }),
      });
      const body = await res.text();
      return {
        url: qrIdUrl(service.url, live.id),
        route: (page) => page.route('**/credentials/verify', (r) => r.fulfill({ status: 422, contentType: 'application/json', body })),
      };
    },
    says: {
      'zh-Hans': /出示的证件号码与证书签发对象的号码不符/,
      'zh-Hant': /出示的證件號碼與證書簽發對象的號碼不符/,
      en: /does not match the one the certificate was issued to/,
    },
  },
];

describe.skipIf(!haveChromium)(`every verdict in three languages (${haveChromium ? 'chromium present' : NO_CHROMIUM_REASON})`, () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await buildPage();
    service = await startService();
    browser = await launchChromium();
    live = await issue(service);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await service?.stop();
  });

  for (const [i, c] of CASES.entries()) {
    it(`${c.verdict}${i === 6 ? ' (issuer left its chain)' : ''}: worded in zh-Hans, zh-Hant and en, no English on the Chinese pages`, async () => {
      const page = await openPage('zh-CN');
      await reach(page, c);
      for (const [lang] of LANGS) {
        await page.click(`[data-lang="${lang}"]`);
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
        const text = await visibleText(page);
        // the reason under the verdict, or (where that only repeats the explanation) the step's detail
        const reason = `${(await page.textContent('#verdict .reason')) ?? ''}\n${(await page.textContent('#steps')) ?? ''}`;
        if (c.says?.[lang]) expect(reason, `${c.verdict} ${lang}`).toMatch(c.says[lang]!);
        if (lang !== 'en') expect(englishWords(text), `${c.verdict} ${lang}: English on a Chinese page`).toEqual([]);
        if (lang === 'zh-Hant') expect(text, `${c.verdict}: a Taiwan term`).not.toMatch(TAIWAN_TERMS);
        if (c.verdict === 'untrusted-issuer' && i === 6) {
          expect(text).not.toMatch(/有效密钥|有效密碼匙|valid key of the organisation/);
          // its details are the issuer's own, signed: shown as they are, not struck through
          expect(await page.isHidden('#details-warning')).toBe(true);
        }
        if (c.verdict === 'tampered' || (c.verdict === 'untrusted-issuer' && i === 5)) expect(await page.isVisible('#details-warning')).toBe(true);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${c.verdict} ${lang}: horizontal scroll at ${PHONE.width}px`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: join(SHOTS, `${c.verdict}${i === 6 ? '-exited' : ''}-${lang}.png`), fullPage: true });
      }
    });
  }

  it('dates a certificate by its issuance, shows its later validity apart, and never breaks its number or code', async () => {
    const later = await issue(service, { validFrom: '2027-03-01T00:00:00Z', occupation: { code: '4-04-05-05', workType: '--' } });
    const page = await openPage('zh-CN');
    await page.goto(later.qr);
    await page.waitForSelector('#verdict[data-verdict="not-yet-valid"]');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).split('-').map(Number);
    expect(await page.textContent('[data-field="issuedOn"] dd')).toBe(`${today[0]}年${today[1]}月${today[2]}日`);
    expect(await page.textContent('[data-field="validFrom"] dd')).toBe('2027年3月1日');
    // "--" is "no work type": no row at all
    expect(await page.locator('[data-field="workType"]').count()).toBe(0);
    expect(await page.textContent('#details')).not.toContain('--');
    // each number or code sits on one line, whole
    for (const selector of ['[data-field="number"] .token', '[data-field="occupation"] .token']) {
      const lines = await page.locator(selector).evaluate((el) => el.getClientRects().length);
      expect(lines, selector).toBe(1);
      expect(await page.locator(selector).evaluate((el) => getComputedStyle(el).whiteSpace)).toBe('nowrap');
    }
    await page.screenshot({ path: join(SHOTS, 'issued-today-valid-later-zh-Hans.png'), fullPage: true });
  });
});

// The employer's verify page (/v) in Debian's Chromium, against the real Node service.
// Screenshots of every verdict land in test-results/browser/ (git-ignored).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPage, type BuiltFile } from '../../scripts/build-page.js';
import { parseQrUrl, qrIdUrl } from '../../src/qr/index.js';
import { ROOT } from '../helpers/node-process.js';
import { oneCharChanged } from '../verify/qr-tamper.js';
import { haveChromium, launchChromium, NO_CHROMIUM_REASON } from './chromium.js';
import { act, issue, issueVc, linkOf, resigned, startService, type Issued, type Service } from './fixtures.js';

const SHOTS = join(ROOT, 'test-results', 'browser');
const PHONE = { width: 390, height: 844 };
const ID_NUMBER = '11010119900307123X';

let service: Service;
let browser: Browser;
let built: BuiltFile[];
let live: Issued;
let revoked: Issued;
const contexts: BrowserContext[] = [];

/** A fresh phone-sized page; records every request so the test can prove nothing left the origin. */
async function openPage(
  url: string,
  options: { locale?: string; init?: string; b?: Browser } = {},
): Promise<{ page: Page; requests: { url: string; body: string | null }[]; errors: string[] }> {
  const context = await (options.b ?? browser).newContext({
    viewport: PHONE,
    deviceScaleFactor: 1,
    locale: options.locale ?? 'zh-CN',
    isMobile: true,
    hasTouch: true,
  });
  contexts.push(context);
  if (options.init) await context.addInitScript(options.init);
  const page = await context.newPage();
  const requests: { url: string; body: string | null }[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push({ url: r.url(), body: r.postData() }));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(url);
  return { page, requests, errors };
}

/** Waits for the verdict and returns it. */
async function verdictOf(page: Page): Promise<string> {
  await page.waitForSelector('#result:not([hidden]) #verdict[data-verdict]', { timeout: 20_000 });
  return (await page.getAttribute('#verdict', 'data-verdict'))!;
}

/** Saves a full-page screenshot and checks the phone layout has no horizontal scroll. */
async function shot(page: Page, name: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name}: horizontal scroll at ${PHONE.width}px`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

function onlySameOrigin(requests: { url: string }[]): void {
  const foreign = requests.filter((r) => !r.url.startsWith(service.url) && !/^(data|blob):/.test(r.url));
  expect(foreign.map((r) => r.url)).toEqual([]);
}

async function howMode(page: Page): Promise<string | null> {
  return page.getAttribute('#how-text', 'data-mode');
}

describe.skipIf(!haveChromium)(`the verify page in Chromium (${haveChromium ? 'chromium present' : NO_CHROMIUM_REASON})`, () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    built = await buildPage();
    service = await startService();
    browser = await launchChromium();
    live = await issue(service);
    revoked = await issue(service);
    await act(service, revoked.id, 'revoke');
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await service?.stop();
  });

  it('builds a page script that stays small up front and loads the verifier and QR decoders on demand', () => {
    const entry = built.find((f) => f.file === 'assets/verify.js')!;
    expect(entry.gzip).toBeLessThan(20 * 1024);
    // (the /docs page's Swagger UI is built alongside, and never loaded by the verify page)
    const total = built.filter((f) => f.kind === 'js' && !f.file.startsWith('assets/docs')).reduce((s, f) => s + f.gzip, 0);
    expect(total).toBeLessThan(200 * 1024);
    // ZXing's wasm, fetched only to decode a camera frame or photo
    const wasm = built.filter((f) => f.kind === 'wasm');
    expect(wasm.map((f) => f.file)).toEqual([expect.stringMatching(/^assets\/chunks\/zxing_reader-\w+\.wasm$/)]);
    expect(wasm[0]!.brotli).toBeLessThan(400 * 1024);
    console.log(built.map((f) => `${f.file} ${f.bytes} B (gzip ${f.gzip} B, br ${f.brotli} B)`).join('\n'));
  });

  it('shows "valid" for the scanned URL of a live certificate, checked in the browser, with its details', async () => {
    const { page, requests, errors } = await openPage(live.qr);
    expect(await verdictOf(page)).toBe('valid');
    expect(await page.textContent('#verdict .word')).toBe('有效');
    const details = (await page.textContent('#details'))!;
    for (const text of ['张三', '职业技能等级证书', '人工智能训练师 (4-04-05-05)', '三级 · 高级工', 'Y000144000123253000001', '开发用评价机构']) {
      expect(details).toContain(text);
    }
    expect(await howMode(page)).toBe('browser');
    expect(await page.textContent('#how-text')).toContain(`${service.url}/trust-list`);
    // the browser fetched the signed trust list, the service's DID document and the status list, and posted nothing
    expect(requests.some((r) => r.url === `${service.url}/trust-list`)).toBe(true);
    expect(requests.some((r) => r.url === `${service.url}/.well-known/did.json`)).toBe(true);
    expect(requests.some((r) => /\/status\/dev\/revocation\/\d+$/.test(r.url))).toBe(true);
    expect(requests.filter((r) => r.body !== null)).toEqual([]);
    onlySameOrigin(requests);
    // a scanned link needs no QR decoder: neither its chunks nor the wasm load
    expect(requests.filter((r) => /qr-|zxing|\.wasm/.test(r.url)).map((r) => r.url)).toEqual([]);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('verdict');
    expect(await page.textContent('#announce')).toContain('有效');
    expect(errors).toEqual([]);
    await shot(page, 'verdict-valid');
    // every step the service runs, the accreditation check included, ran here
    await page.click('.how summary');
    const steps = await page.$$eval('#steps li', (lis) => lis.map((li) => li.getAttribute('data-state')));
    expect(steps).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
    expect(await page.textContent('#steps')).toContain('机构资质: 通过');
    await shot(page, 'how-browser');
  });

  it('shows "revoked" for the scanned URL of a revoked certificate', async () => {
    const { page, requests } = await openPage(revoked.qr);
    expect(await verdictOf(page)).toBe('revoked');
    expect(await page.textContent('#verdict .word')).toBe('已撤销');
    onlySameOrigin(requests);
    await shot(page, 'verdict-revoked');
  });

  it('shows "suspended" for a suspended certificate', async () => {
    const suspended = await issue(service, { suspension: true });
    await act(service, suspended.id, 'suspend');
    const { page } = await openPage(suspended.qr);
    expect(await verdictOf(page)).toBe('suspended');
    await shot(page, 'verdict-suspended');
  });

  it('shows "tampered" for a payload with one changed character that still decodes', async () => {
    const changed = await oneCharChanged(parseQrUrl(live.qr));
    const { page } = await openPage(`${service.url}/V#${changed.payload}`);
    expect(await verdictOf(page)).toBe('tampered');
    expect(await page.textContent('#verdict .word')).toBe('已被篡改');
    // the holder check makes no sense for a forged certificate
    expect(await page.isHidden('#holder-section')).toBe(true);
    // its details are what the forger wrote: flagged, not vouched for
    expect(await page.isVisible('#details-warning')).toBe(true);
    await shot(page, 'verdict-tampered');
  });

  it('shows "unreadable" for a truncated payload, failing at the parse step', async () => {
    const { page } = await openPage(live.qr.slice(0, -9));
    expect(await verdictOf(page)).toBe('unreadable');
    await page.click('.how summary');
    expect(await page.getAttribute('#steps li:first-child', 'data-state')).toBe('failed');
    expect(await page.textContent('#steps li:first-child')).toContain('二维码内容无法解码');
    expect(await page.textContent('#how-text')).toContain('未核验签名');
    await shot(page, 'verdict-unreadable');
  });

  it('shows "not yet valid", "expired", "untrusted issuer" and "status unknown"', async () => {
    const future = new Date(Date.now() + 30 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const notYet = await issue(service, { validFrom: future });
    let { page } = await openPage(notYet.qr);
    expect(await verdictOf(page)).toBe('not-yet-valid');
    await shot(page, 'verdict-not-yet-valid');

    // through the VC API: a credential whose validity ended
    const expired = await issueVc(service, { validFrom: '2020-01-01T00:00:00Z', validUntil: '2021-01-01T00:00:00Z' });
    ({ page } = await openPage(await linkOf(service, expired)));
    expect(await verdictOf(page)).toBe('expired');
    await shot(page, 'verdict-expired');

    // a genuine signature by a key that is not the named issuer's: pasted as JSON
    const impostor = await resigned(live.credential, () => {}, true);
    ({ page } = await openPage(`${service.url}/v`));
    await page.fill('#paste', JSON.stringify(impostor, null, 2));
    await page.click('#paste-form button[type=submit]');
    expect(await verdictOf(page)).toBe('untrusted-issuer');
    expect(await page.isVisible('#details-warning')).toBe(true);
    await shot(page, 'verdict-untrusted-issuer');

    // the status list cannot be fetched: fail closed, never "not revoked"
    ({ page } = await openPage(`${service.url}/v`));
    await page.route('**/status/**', (route) => route.fulfill({ status: 503, body: 'unavailable' }));
    await page.goto(live.qr);
    expect(await verdictOf(page)).toBe('status-unknown');
    await shot(page, 'verdict-status-unknown');
  });

  it('gives the same verdict for an uploaded PNG of the QR code (from qr.png) as for the URL', async () => {
    for (const [cert, verdict] of [
      [live, 'valid'],
      [revoked, 'revoked'],
    ] as const) {
      const png = Buffer.from(await (await fetch(`${service.url}/credentials/${encodeURIComponent(cert.id)}/qr.png`)).arrayBuffer());
      const { page, requests } = await openPage(`${service.url}/v`);
      await page.setInputFiles('#upload', { name: 'qr.png', mimeType: 'image/png', buffer: png });
      expect(await verdictOf(page)).toBe(verdict);
      onlySameOrigin(requests);
      if (verdict === 'valid') await shot(page, 'upload-valid');
    }
  });

  it('says so when an uploaded image holds no QR code', async () => {
    const blank = await (await fetch(`${service.url}/credentials/${encodeURIComponent(live.id)}/qr.png?scale=1`)).arrayBuffer();
    const { page } = await openPage(`${service.url}/v`);
    // a QR code cut in half is no QR code
    const half = await page.evaluate(
      async (bytes) => {
        const bitmap = await createImageBitmap(new Blob([new Uint8Array(bytes)], { type: 'image/png' }));
        const canvas = new OffscreenCanvas(bitmap.width, Math.floor(bitmap.height / 2));
        canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
        return Array.from(new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer()));
      },
      Array.from(new Uint8Array(blank)),
    );
    await page.setInputFiles('#upload', { name: 'half.png', mimeType: 'image/png', buffer: Buffer.from(half) });
    await page.waitForFunction(() => document.getElementById('input-message')!.textContent!.length > 0);
    expect(await page.textContent('#input-message')).toContain('没有找到可识别的二维码');
    expect(await page.isHidden('#result')).toBe(true);
  });

  it('follows the browser language and switches language with the visible switch', async () => {
    const { page } = await openPage(live.qr, { locale: 'en-US' });
    expect(await verdictOf(page)).toBe('valid');
    expect(await page.textContent('#verdict .word')).toBe('Valid');
    expect(await page.textContent('h1')).toBe('Verify a certificate');
    expect(await page.textContent('#details')).toContain('Level 3 · Senior worker');
    expect(await page.getAttribute('[data-lang=en]', 'aria-pressed')).toBe('true');
    await shot(page, 'lang-en');

    await page.click('[data-lang="zh-Hant"]');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-Hant');
    expect(await page.textContent('h1')).toBe('證書核實');
    expect(await page.textContent('#details')).toContain('三級 · 高級工');
    expect(await page.textContent('#holder-section label')).toBe('請輸入持證人出示的身份證件號碼');
    await shot(page, 'lang-zh-hant');

    await page.click('[data-lang="zh-Hans"]');
    expect(await page.textContent('h1')).toBe('证书核验');
    expect(await page.textContent('#verdict .word')).toBe('有效');

    const hk = await openPage(`${service.url}/v`, { locale: 'zh-HK' });
    expect(await hk.page.textContent('h1')).toBe('證書核實');
    const cn = await openPage(`${service.url}/v`, { locale: 'zh-CN' });
    expect(await cn.page.textContent('h1')).toBe('证书核验');
  });

  it('checks the holder through the service: the right ID number matches, a wrong one does not, and it goes nowhere else', async () => {
    const { page, requests } = await openPage(live.qr);
    expect(await verdictOf(page)).toBe('valid');
    // The page says, before anything is typed, where the number will go.
    expect(await page.textContent('#holder-hint')).toContain('发送给本服务');
    await page.fill('#holder-id', ' 110101 19900307 123x ');
    await page.click('#holder-form button[type=submit]');
    await page.waitForSelector('#holder-result[data-tone]');
    expect(await page.getAttribute('#holder-result', 'data-tone')).toBe('good');
    expect(await page.textContent('#holder-result')).toContain('相符');
    await shot(page, 'holder-match');

    await page.fill('#holder-id', '110101199003071234');
    await page.click('#holder-form button[type=submit]');
    await page.waitForSelector('#holder-result[data-tone="bad"]');
    expect(await page.textContent('#holder-result')).toContain('不符');
    await shot(page, 'holder-no-match');
    // The number travelled only in the bodies of POSTs to the service's own verifier, never in a URL.
    const carrying = requests.filter((r) => r.url.includes('1101011990') || (r.body ?? '').replace(/\s/g, '').toUpperCase().includes('1101011990'));
    expect(carrying.length).toBe(2);
    expect(carrying.every((r) => r.url === `${service.url}/credentials/verify` && !r.url.includes('1101011990'))).toBe(true);
    onlySameOrigin(requests);
  });

  it('falls back to the service for a link holding only the id, and compares the holder there', async () => {
    const { page, requests } = await openPage(qrIdUrl(service.url, live.id));
    expect(await verdictOf(page)).toBe('valid');
    expect(await howMode(page)).toBe('server');
    expect(await page.textContent('#how-text')).toContain('二维码只含证书编号');
    expect(requests.some((r) => r.url === `${service.url}/credentials/verify`)).toBe(true);
    await page.fill('#holder-id', ID_NUMBER);
    await page.click('#holder-form button[type=submit]');
    await page.waitForSelector('#holder-result[data-tone]');
    expect(await page.getAttribute('#holder-result', 'data-tone')).toBe('good');
    await shot(page, 'server-id-link');
  });

  it('hands a certificate of another host to the service, and says so', async () => {
    const foreign = await resigned(live.credential, (c) => {
      c.issuer = { ...(c.issuer as Record<string, unknown>), id: 'did:web:certs.other.example:issuers:x' };
    });
    const { page, requests } = await openPage(await linkOf(service, foreign));
    expect(await verdictOf(page)).toBe('untrusted-issuer');
    expect(await howMode(page)).toBe('server');
    expect(await page.textContent('#how-text')).toContain('certs.other.example');
    onlySameOrigin(requests);
  });

  it('checks with the service on request, with the same verdict', async () => {
    const { page } = await openPage(revoked.qr);
    expect(await verdictOf(page)).toBe('revoked');
    expect(await howMode(page)).toBe('browser');
    await page.click('.how summary');
    await page.click('#recheck');
    await page.waitForSelector('#how-text[data-mode="server"]');
    expect(await page.getAttribute('#verdict', 'data-verdict')).toBe('revoked');
  });

  it('checks signatures with @noble/ed25519 where WebCrypto has no Ed25519', async () => {
    const noEd25519 = `(() => {
      const importKey = SubtleCrypto.prototype.importKey;
      SubtleCrypto.prototype.importKey = function (format, key, alg, ...rest) {
        const name = typeof alg === 'string' ? alg : alg && alg.name;
        if (name === 'Ed25519') return Promise.reject(new DOMException('Unrecognized algorithm name', 'NotSupportedError'));
        return importKey.call(this, format, key, alg, ...rest);
      };
    })();`;
    const ok = await openPage(live.qr, { init: noEd25519 });
    expect(await verdictOf(ok.page)).toBe('valid');
    expect(await howMode(ok.page)).toBe('browser');
    expect(await ok.page.textContent('#how-text')).toContain('@noble/ed25519');
    const changed = await oneCharChanged(parseQrUrl(live.qr));
    const bad = await openPage(`${service.url}/V#${changed.payload}`, { init: noEd25519 });
    expect(await verdictOf(bad.page)).toBe('tampered');
  });

  it('serves the page at /v and /V, and its assets compressed', async () => {
    for (const p of ['/v', '/V']) {
      const res = await fetch(`${service.url}${p}`);
      expect([res.status, res.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
    const js = await fetch(`${service.url}/assets/verify.js`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.headers.get('content-encoding')).toBe('br');
    expect((await fetch(`${service.url}/assets/nope.js`)).status).toBe(404);
    // the wasm: application/wasm (WebAssembly.instantiateStreaming insists), compressed, cached for good
    const wasmFile = built.find((f) => f.kind === 'wasm')!.file;
    const wasm = await fetch(`${service.url}/${wasmFile}`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect([wasm.status, wasm.headers.get('content-type'), wasm.headers.get('content-encoding')]).toEqual([200, 'application/wasm', 'br']);
    expect(wasm.headers.get('cache-control')).toContain('immutable');
    expect(new Uint8Array(await wasm.arrayBuffer()).subarray(0, 4)).toEqual(new Uint8Array([0, 0x61, 0x73, 0x6d])); // "\0asm"
  });
});

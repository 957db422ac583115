// The verify page's camera scanner in Debian's Chromium (no BarcodeDetector: the ZXing wasm path),
// fed by a fake camera filming real renderings of issued certificates. One browser shows every
// video: the fake camera re-reads its file whenever a page starts it (fake-camera.ts).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPage, type BuiltFile } from '../../scripts/build-page.js';
import { VIEWFINDER_FRACTION } from '../../src/page/scan-geometry.js';
import { ROOT } from '../helpers/node-process.js';
import { renderCertificate } from './certificate-render.js';
import { haveChromium, launchChromium, NO_CHROMIUM_REASON } from './chromium.js';
import { fakeCameraArgs, showOnCamera } from './fake-camera.js';
import { issue, startService, type Issued, type Service } from './fixtures.js';
import { expose, frame, grayToPng, pngToGray, type Box, type Exposure, type Gray, type View } from './frames.js';

const SHOTS = join(ROOT, 'test-results', 'browser');
const PHONE = { width: 390, height: 844 };
/** From the camera's first frame on screen to the verdict. */
const BUDGET_MS = 5000;

let service: Service;
let browser: Browser;
let dir: string;
let cameraFile: string;
let wasmUrl: string;
let live: Issued;
let livePage: Gray;
let liveQr: Box;
const contexts: BrowserContext[] = [];

/** Times the page records: the scan click, the first frame playing, the verdict shown. */
const TIMING = `(() => {
  const t = (window.__scanTimes = { click: 0, playing: 0, verdict: 0, width: 0, height: 0 });
  document.addEventListener('click', (e) => { if (e.target.closest && e.target.closest('#scan')) t.click = performance.now(); }, true);
  document.addEventListener('playing', (e) => {
    if (t.playing) return;
    t.playing = performance.now();
    t.width = e.target.videoWidth;
    t.height = e.target.videoHeight;
  }, true);
  new MutationObserver(() => {
    if (!t.verdict && document.querySelector('#verdict[data-verdict]')) t.verdict = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true });
})();`;

interface Times {
  click: number;
  playing: number;
  verdict: number;
  /** The stream's frame size, as the page got it. */
  width: number;
  height: number;
}

async function openPage(options: { locale?: string; init?: string } = {}): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 1, locale: options.locale ?? 'zh-CN', isMobile: true, hasTouch: true });
  contexts.push(context);
  await context.grantPermissions(['camera'], { origin: service.url });
  await context.addInitScript(TIMING);
  if (options.init) await context.addInitScript(options.init);
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.text().startsWith('DBG') && console.log(m.text()));
  await page.goto(`${service.url}/v`);
  await page.waitForSelector('body[data-ready="true"]');
  return { page, requests, errors };
}

async function verdictOf(page: Page): Promise<string> {
  await page.waitForSelector('#result:not([hidden]) #verdict[data-verdict]', { timeout: 20_000 });
  return (await page.getAttribute('#verdict', 'data-verdict'))!;
}

/** A screenshot of the page (the camera panel and its hint), for people to look at. */
async function shot(page: Page, name: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name}: horizontal scroll at ${PHONE.width}px`).toBeLessThanOrEqual(0);
  await page.locator('#input').screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** Video frames of a certificate page under `view`, each with its own noise. */
function video(page: Gray, view: View, exposure: Exposure, count = 8): Gray[] {
  const still = frame(page, view);
  return Array.from({ length: count }, (_, i) => expose(still, { ...exposure, seed: i + 1 }));
}

interface Case {
  name: string;
  file: string;
  view: Omit<View, 'target'>;
  exposure: Exposure;
}

// "Filling x %" is the share of the frame height taken by the certificate's QR code with its quiet
// zone (version 14: 73 modules, 81 with the zone): 35 % of 720 px is 252 px, ~3.1 px a module,
// smaller than the 290 px code the old scanner never read. The rest of the frame is the page
// around the code and the table under it.
const CASES: Case[] = [
  {
    name: 'code filling 60 % of a 1280×720 frame',
    file: 'fill60',
    view: { width: 1280, height: 720, fill: 0.6, offset: { x: 0.04, y: -0.03 } },
    exposure: { contrast: 0.85, noise: 3 },
  },
  {
    name: 'code filling 35 % of a 1280×720 frame',
    file: 'fill35',
    view: { width: 1280, height: 720, fill: 0.35, offset: { x: -0.06, y: 0.05 } },
    exposure: { contrast: 0.85, noise: 3 },
  },
  {
    name: 'rotated 10°, noisy, low contrast, uneven light (1280×720, 45 %)',
    file: 'rotated',
    view: { width: 1280, height: 720, fill: 0.45, rotate: 10, offset: { x: 0.02, y: 0.02 } },
    exposure: { contrast: 0.5, brightness: 10, falloff: 40, noise: 10 },
  },
  {
    name: 'a 640×480 stream, code filling 60 %',
    file: 'vga',
    view: { width: 640, height: 480, fill: 0.6, offset: { x: 0.03, y: 0.02 } },
    exposure: { contrast: 0.85, noise: 4 },
  },
];

describe.skipIf(!haveChromium)(`the camera scanner in Chromium (${haveChromium ? 'chromium present' : NO_CHROMIUM_REASON})`, () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'skillcred-scanner-'));
    cameraFile = join(dir, 'camera.y4m');
    showOnCamera(cameraFile, [{ width: 2, height: 2, data: new Uint8Array(4).fill(128) }]);
    const built: BuiltFile[] = await buildPage();
    service = await startService();
    wasmUrl = `${service.url}/${built.find((f) => f.kind === 'wasm')!.file}`;
    browser = await launchChromium(fakeCameraArgs(cameraFile));
    live = await issue(service);
    const rendered = await renderCertificate(browser, service, live.id);
    livePage = pngToGray(rendered.png);
    liveQr = rendered.qr;
  }, 120_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await service?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(CASES.map((c, i) => [c.name, c, i] as const))('reads a printed certificate from the camera: %s', async (_name, c, i) => {
    // each case its own certificate (own number and holder), so the verdict is for this one
    const number = `Y0001440001232530000${String(10 + i)}`;
    const cert = await issue(service, {
      certificateNumber: number,
      holder: { name: `测试${'甲乙丙丁'[i]}`, idType: 'resident-identity-card', idNumber: '11010119900307123X' },
    });
    const rendered = await renderCertificate(browser, service, cert.id);
    const frames = video(pngToGray(rendered.png), { ...c.view, target: rendered.qr }, c.exposure);
    writeFileSync(join(SHOTS, `camera-${c.file}.png`), grayToPng(frames[0]!));
    showOnCamera(cameraFile, frames);

    const { page, errors, requests } = await openPage();
    await page.click('#scan');
    await page.waitForSelector('#result:not([hidden]) #verdict[data-verdict]', { timeout: 20_000 });
    const times = (await page.evaluate('window.__scanTimes')) as Times;
    const ms = Math.round(times.verdict - times.playing);
    console.log(
      `${c.name}: stream ${times.width}×${times.height}, code ${Math.round(c.view.fill * c.view.height)} px; camera playing → verdict ${ms} ms (click → verdict ${Math.round(times.verdict - times.click)} ms)`,
    );
    expect(await page.getAttribute('#verdict', 'data-verdict')).toBe('valid');
    expect(await page.textContent('#details')).toContain(number);
    expect([times.width, times.height]).toEqual([c.view.width, c.view.height]);
    expect(ms).toBeLessThan(BUDGET_MS);
    expect(await page.isHidden('#camera')).toBe(true);
    expect(await page.getAttribute('#camera', 'data-engine')).toBe('zxing'); // this Chromium has no BarcodeDetector
    // the wasm came from this origin, nothing from anywhere else
    expect(requests.filter((u) => u.endsWith('.wasm'))).toEqual([wasmUrl]);
    expect(requests.filter((u) => !u.startsWith(service.url) && !/^(data|blob):/.test(u))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('guides while scanning: a viewfinder square, hints that change, the torch where there is one, and stop', async () => {
    // the whole page in view: its code is ~90 px for ~81 modules, too small to read from there
    const sheet = { x: 0, y: 0, width: livePage.width, height: livePage.height };
    const far = video(livePage, { width: 1280, height: 720, fill: 0.95, target: sheet }, { contrast: 0.85, noise: 3 });
    writeFileSync(join(SHOTS, 'camera-far.png'), grayToPng(far[0]!));
    showOnCamera(cameraFile, far);
    const { page, errors } = await openPage({ init: FAKE_TORCH });
    await page.click('#scan');
    await page.waitForSelector('#camera[data-engine]');
    // asked for the rear camera at 1920×1080
    expect(await page.evaluate('window.__constraints')).toEqual({
      audio: false,
      video: { facingMode: { ideal: 'environment' }, width: { ideal: 1920 }, height: { ideal: 1080 } },
    });
    expect(await page.getAttribute('#scan-hint', 'data-hint')).toBe('aim');
    expect(await page.textContent('#scan-hint')).toBe('请将二维码放入方框内');
    // the square sits in the middle of the preview at 70 % of its side (the CSS), the region the scanner reads
    const preview = (await page.locator('#viewfinder').boundingBox())!;
    const square = (await page.locator('#viewfinder .square').boundingBox())!;
    expect(square.width / preview.width).toBeCloseTo(VIEWFINDER_FRACTION, 2);
    expect(square.x - preview.x + square.width / 2).toBeCloseTo(preview.width / 2, 0);
    expect(square.y - preview.y + square.height / 2).toBeCloseTo(preview.height / 2, 0);
    await shot(page, 'scan-aim');

    await page.waitForSelector('#scan-hint[data-hint="move-closer"]', { timeout: 6000 });
    expect(await page.textContent('#scan-hint')).toBe('靠近一些，让二维码填满方框');
    // the torch, where the camera has one
    expect(await page.isVisible('#torch')).toBe(true);
    await page.click('#torch');
    await page.waitForSelector('#torch[aria-pressed="true"]');
    expect(await page.evaluate('window.__torch')).toEqual([true]);
    await shot(page, 'scan-move-closer-torch');

    await page.click('[data-lang="zh-Hant"]');
    expect(await page.textContent('#scan-hint')).toBe('移近一點，讓二維碼填滿方框');
    expect(await page.textContent('#torch')).toBe('電筒');
    await page.waitForSelector('#scan-hint[data-hint="hold-steady"]', { timeout: 6000 });
    expect(await page.textContent('#scan-hint')).toBe('保持手機穩定，讓二維碼清晰、光線均勻');
    await shot(page, 'scan-hold-steady-zh-hant');
    await page.click('[data-lang="en"]');
    expect(await page.textContent('#scan-hint')).toBe('Hold steady, with the code sharp and evenly lit');
    expect(await page.getAttribute('#viewfinder', 'aria-label')).toBe('Camera view');
    await shot(page, 'scan-hold-steady-en');

    await page.click('#torch');
    await page.waitForSelector('#torch[aria-pressed="false"]');
    expect(await page.evaluate('window.__torch')).toEqual([true, false]);
    // nothing read, and stop really stops the camera
    expect(await page.isHidden('#result')).toBe(true);
    await page.click('#stop');
    expect(await page.isHidden('#camera')).toBe(true);
    expect(await page.isVisible('#scan')).toBe(true);
    expect(await page.evaluate('window.__stream.getTracks().map((t) => t.readyState)')).toEqual(['ended']);
    expect(errors).toEqual([]);
  });

  it("uses the browser's own BarcodeDetector where it reads QR codes, and then loads no wasm", async () => {
    showOnCamera(cameraFile, video(livePage, { width: 1280, height: 720, fill: 0.5, target: liveQr }, { noise: 3 }));
    const { page, requests } = await openPage({ init: nativeDetector(['qr_code'], live.qr) });
    await page.click('#scan');
    expect(await verdictOf(page)).toBe('valid');
    expect(await page.getAttribute('#camera', 'data-engine')).toBe('native');
    expect(await page.evaluate('window.__detects')).toBeGreaterThan(0);
    expect(requests.filter((u) => /zxing|\.wasm/.test(u))).toEqual([]);
  });

  it('reads a phone photo in which the code is a small part (the centre crops at full resolution)', async () => {
    // 12 MP, the code 210 px across (~2.6 px a module): shrunk to 2400 px for the first try it has
    // ~1.6 px a module, too few to read (this test fails without the crops); the crops keep them all
    const photo = expose(frame(livePage, { width: 4000, height: 3000, fill: 0.07, rotate: -4, offset: { x: 0.03, y: 0.04 }, target: liveQr }), {
      contrast: 0.8,
      noise: 4,
    });
    const { page, requests } = await openPage();
    await page.setInputFiles('#upload', { name: 'photo.png', mimeType: 'image/png', buffer: grayToPng(photo) });
    expect(await verdictOf(page)).toBe('valid');
    expect(requests.filter((u) => u.endsWith('.wasm'))).toEqual([wasmUrl]);
  });

  it('falls back to jsQR where WebAssembly cannot run (iOS Lockdown Mode), for a clear image', async () => {
    const png = Buffer.from(await (await fetch(`${service.url}/credentials/${encodeURIComponent(live.id)}/qr.png?scale=4`)).arrayBuffer());
    const { page, requests, errors } = await openPage({ init: 'delete globalThis.WebAssembly;' });
    await page.setInputFiles('#upload', { name: 'qr.png', mimeType: 'image/png', buffer: png });
    expect(await verdictOf(page)).toBe('valid');
    expect(requests.some((u) => /\/chunks\/qr-jsqr-\w+\.js$/.test(u))).toBe(true);
    expect(errors).toEqual([]);
  });

  it('passes over a BarcodeDetector that cannot read QR codes, for ZXing', async () => {
    const png = Buffer.from(await (await fetch(`${service.url}/credentials/${encodeURIComponent(live.id)}/qr.png?scale=4`)).arrayBuffer());
    const { page, requests } = await openPage({ init: nativeDetector(['ean_13', 'code_128'], 'not this') });
    await page.setInputFiles('#upload', { name: 'qr.png', mimeType: 'image/png', buffer: png });
    expect(await verdictOf(page)).toBe('valid');
    expect(await page.evaluate('window.__detects')).toBe(0);
    expect(requests.filter((u) => u.endsWith('.wasm'))).toEqual([wasmUrl]);
  });
});

/** Makes the camera's track report a torch and records the torch constraints the page applies. */
const FAKE_TORCH = `(() => {
  window.__torch = [];
  const capabilities = MediaStreamTrack.prototype.getCapabilities;
  MediaStreamTrack.prototype.getCapabilities = function () { return { ...capabilities.call(this), torch: true }; };
  const apply = MediaStreamTrack.prototype.applyConstraints;
  MediaStreamTrack.prototype.applyConstraints = function (c) {
    const torch = c && c.advanced && c.advanced.find((s) => 'torch' in s);
    if (torch) { window.__torch.push(torch.torch); return Promise.resolve(); }
    return apply.call(this, c);
  };
  const getUserMedia = MediaDevices.prototype.getUserMedia;
  MediaDevices.prototype.getUserMedia = function (c) {
    window.__constraints = c;
    return getUserMedia.call(this, c).then((s) => (window.__stream = s));
  };
})();`;

/**
 * A stand-in for a native BarcodeDetector (Android, macOS) supporting `formats`: it "reads" `text`
 * from the third frame on, counting its calls.
 */
function nativeDetector(formats: string[], text: string): string {
  return `(() => {
    window.__detects = 0;
    window.BarcodeDetector = class {
      static async getSupportedFormats() { return ${JSON.stringify(formats)}; }
      async detect() { window.__detects++; return window.__detects > 2 ? [{ rawValue: ${JSON.stringify(text)} }] : []; }
    };
  })();`;
}

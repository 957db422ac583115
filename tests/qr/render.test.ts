import { isDeepStrictEqual } from 'node:util';
import jsqrModule from 'jsqr';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeQrPayload, qrTextFor, qrVersion, readQrText, renderQrPng, renderQrSvg } from '../../src/qr/index.js';
import { bearer, createTestApp, skillLevelRequest, type TestApp } from '../helpers/app.js';
import { stockVerifier } from './stock.js';

// jsqr's types declare an ES default export, but its UMD bundle sets module.exports to the function.
const jsQR = jsqrModule as unknown as typeof jsqrModule.default;

let t: TestApp;
let credential: Record<string, unknown>;
let text: string;
beforeAll(async () => {
  t = await createTestApp();
  const res = await t.call('POST', '/v1/certificates', skillLevelRequest(), bearer(t.devKey));
  credential = ((await res.json()) as { verifiableCredential: Record<string, unknown> }).verifiableCredential;
  text = (await qrTextFor(t.ports.config.publicUrl, credential)).text;
});
afterAll(() => t.close());

/** Reads a PNG the way the verify page reads an uploaded photo: pixels, then jsQR. */
function scan(png: Uint8Array): string | undefined {
  const image = PNG.sync.read(Buffer.from(png));
  const pixels = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length);
  return jsQR(pixels, image.width, image.height)?.data;
}

describe('renderQrPng', () => {
  it('renders a PNG that jsQR reads back to the same text, which decodes to the credential that still verifies', async () => {
    const png = renderQrPng(text);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const image = PNG.sync.read(Buffer.from(png));
    // version v has 17 + 4v modules, plus a 4-module quiet zone each side, 4 pixels per module
    expect(image.width).toBe((17 + 4 * qrVersion(text, 'M') + 8) * 4);
    const scanned = scan(png);
    expect(scanned).toBe(text);
    const content = readQrText(scanned!);
    expect(content.kind).toBe('credential');
    const back = await decodeQrPayload((content as { payload: string }).payload);
    expect(isDeepStrictEqual(back, credential)).toBe(true);
    expect((await stockVerifier(t)(back)).verified).toBe(true);
  });

  it('draws the quiet zone white and honours margin, scale and level', () => {
    const image = PNG.sync.read(Buffer.from(renderQrPng(text, { margin: 2, scale: 3, level: 'L' })));
    const size = 17 + 4 * qrVersion(text, 'L');
    expect(image.width).toBe((size + 4) * 3);
    for (let x = 0; x < image.width; x++) expect(image.data[x * 4]).toBe(255); // the top row is quiet zone
    expect(image.data[(6 * image.width + 6) * 4]).toBe(0); // inside the top-left finder pattern
    expect(scan(renderQrPng(text, { level: 'Q' }))).toBe(text);
    expect(() => renderQrPng(text, { scale: 0 })).toThrow(RangeError);
    expect(() => renderQrPng(text, { margin: 1.5 })).toThrow(RangeError);
  });
});

describe('renderQrSvg', () => {
  it('is the SVG stock qrcode draws for the same text at M with a 4-module quiet zone', async () => {
    const svg = renderQrSvg(text);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 (\d+) \1"/);
    const size = 17 + 4 * qrVersion(text, 'M') + 8;
    expect(svg).toContain(`viewBox="0 0 ${size} ${size}"`);
    expect(svg).toBe(await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 }));
    expect(renderQrSvg(text, { level: 'H', margin: 1 })).toBe(await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'H', margin: 1 }));
  });
});

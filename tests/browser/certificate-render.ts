// The printable certificate (GET /credentials/{id}/certificate) as Chromium renders it for print,
// as a PNG, with where its QR code is: the picture the fake camera films.
import type { Browser } from 'playwright-core';
import type { Box } from './frames.js';
import type { Service } from './fixtures.js';

/** A rendering of a certificate page and the QR code's box in its pixels. */
export interface RenderedCertificate {
  png: Buffer;
  qr: Box;
}

/**
 * Renders the A4 sheet at `pixelRatio` device pixels per CSS pixel (3 ≈ 290 dpi: sharper than any
 * frame made from it, so the frames only ever shrink it).
 */
export async function renderCertificate(browser: Browser, service: Service, id: string, pixelRatio = 3): Promise<RenderedCertificate> {
  const page = await browser.newPage({ viewport: { width: 900, height: 1200 }, deviceScaleFactor: pixelRatio });
  try {
    await page.goto(`${service.url}/credentials/${encodeURIComponent(id)}/certificate`);
    await page.emulateMedia({ media: 'print' });
    const sheet = (await page.locator('.sheet').boundingBox())!;
    const qr = (await page.locator('.qr svg').boundingBox())!;
    const png = await page.locator('.sheet').screenshot();
    const px = (n: number) => Math.round(n * pixelRatio);
    return { png, qr: { x: px(qr.x - sheet.x), y: px(qr.y - sheet.y), width: px(qr.width), height: px(qr.height) } };
  } finally {
    await page.close();
  }
}

// Reading the QR code in an uploaded photo or screenshot. Loaded on demand.
import { drawRegion } from './qr-canvas.js';
import { qrEngine } from './qr-engine.js';
import { photoAttempts } from './scan-geometry.js';

/**
 * The QR text in an image file, or null. Tries the whole image at several sizes, then centre
 * crops at full resolution (see photoAttempts), and stops at the first read.
 */
export async function readImageFile(file: Blob): Promise<string | null> {
  const [engine, bitmap] = await Promise.all([qrEngine(), createImageBitmap(file)]);
  try {
    const canvas = document.createElement('canvas');
    for (const { region, scale } of photoAttempts(bitmap)) {
      const text = await engine.read(drawRegion(bitmap, region, scale, canvas)).catch(() => null);
      if (text) return text;
    }
    return null;
  } finally {
    bitmap.close();
  }
}

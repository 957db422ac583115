// Reading QR codes from pixels: the browser's BarcodeDetector where it has one, jsQR otherwise.
// Loaded on demand (a separate chunk): most visits arrive through a scanned link and never need it.
import * as jsqrModule from 'jsqr';

type JsQr = (data: Uint8ClampedArray, width: number, height: number, options?: jsqrModule.Options) => jsqrModule.QRCode | null;
// jsqr is CommonJS with an ES-module flag: bundlers hand over its function as `default`, Node
// under ESM the whole exports object; accept both.
const loaded = jsqrModule as unknown as { default: JsQr | { default: JsQr } };
const jsQR: JsQr = typeof loaded.default === 'function' ? loaded.default : loaded.default.default;

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource | ImageBitmap | ImageData): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

let detector: Promise<BarcodeDetectorLike | null> | undefined;

/** The native QR detector, when this browser has one that reads QR codes (Android, macOS, ChromeOS). */
export function nativeDetector(): Promise<BarcodeDetectorLike | null> {
  detector ??= (async () => {
    const Native = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
    if (!Native) return null;
    try {
      return (await Native.getSupportedFormats()).includes('qr_code') ? new Native({ formats: ['qr_code'] }) : null;
    } catch {
      return null;
    }
  })();
  return detector;
}

/** The text of the first QR code in the pixels of a canvas, with jsQR; null when none is found. */
export function readCanvas(canvas: HTMLCanvasElement): string | null {
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx || canvas.width === 0 || canvas.height === 0) return null;
  const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  return jsQR(data, width, height, { inversionAttempts: 'attemptBoth' })?.data || null;
}

/** Draws an image or video frame scaled so its longer side is at most `maxSide` pixels. */
export function drawScaled(source: CanvasImageSource, width: number, height: number, maxSide: number, canvas = document.createElement('canvas')): HTMLCanvasElement {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  // QR modules are hard edges: keep them hard when scaling down.
  ctx.imageSmoothingEnabled = scale < 1;
  ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
  return canvas;
}

/**
 * The QR text in an uploaded photo or screenshot. Tries the native detector, then jsQR at full
 * size (up to 2,400 px: a code that fills a small part of a phone photo needs the pixels), then
 * smaller sizes, which help jsQR's binarizer with noisy, uneven photos.
 */
export async function readImageFile(file: Blob): Promise<string | null> {
  const bitmap = await createImageBitmap(file);
  try {
    const native = await nativeDetector();
    if (native) {
      const found = await native.detect(bitmap).catch(() => []);
      if (found[0]?.rawValue) return found[0].rawValue;
    }
    for (const side of [2400, 1200, 800]) {
      if (side < 2400 && Math.max(bitmap.width, bitmap.height) <= side) break;
      const text = readCanvas(drawScaled(bitmap, bitmap.width, bitmap.height, side));
      if (text) return text;
    }
    return null;
  } finally {
    bitmap.close();
  }
}

/** One look at a live video frame: native detector or jsQR; null when no code is in view. */
export async function readVideoFrame(video: HTMLVideoElement, canvas: HTMLCanvasElement): Promise<string | null> {
  if (video.readyState < 2 || video.videoWidth === 0) return null;
  const native = await nativeDetector();
  if (native) {
    const found = await native.detect(video).catch(() => []);
    return found[0]?.rawValue || null;
  }
  return readCanvas(drawScaled(video, video.videoWidth, video.videoHeight, 960, canvas));
}

// Which QR decoder this browser gets, chosen once per page:
//  1. its own BarcodeDetector, where it has one that reads QR codes (Android Chrome, macOS, ChromeOS);
//  2. ZXing-C++ in WebAssembly through the barcode-detector polyfill (iOS Safari, Firefox, Linux);
//  3. jsQR, where WebAssembly cannot run.
// The chosen one loads on demand: most visits arrive through a scanned link and never decode.

/** A QR decoder that reads what is drawn on a canvas. */
export interface QrEngine {
  readonly kind: 'native' | 'zxing' | 'jsqr';
  /** The text of the first QR code on `canvas`; null when none is read. */
  read(canvas: HTMLCanvasElement): Promise<string | null>;
}

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): { detect(source: CanvasImageSource): Promise<DetectedBarcode[]> };
  getSupportedFormats(): Promise<string[]>;
}

let engine: Promise<QrEngine> | undefined;

/** The page's QR engine, loaded (and its wasm compiled) on the first call. */
export function qrEngine(): Promise<QrEngine> {
  engine ??= pick();
  return engine;
}

async function pick(): Promise<QrEngine> {
  return (await nativeEngine()) ?? wasmEngine();
}

async function wasmEngine(): Promise<QrEngine> {
  try {
    const { createZxingReader } = await import('./qr-zxing.js');
    const read = await createZxingReader();
    return { kind: 'zxing', read: async (canvas) => read(pixels(canvas)) };
  } catch {
    const { readWithJsQr } = await import('./qr-jsqr.js');
    return { kind: 'jsqr', read: async (canvas) => readWithJsQr(pixels(canvas)) };
  }
}

async function nativeEngine(): Promise<QrEngine | null> {
  const Native = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Native) return null;
  try {
    if (!(await Native.getSupportedFormats()).includes('qr_code')) return null;
    const detector = new Native({ formats: ['qr_code'] });
    // Some Android builds list qr_code and then fail every detect (no detection service): use ZXing then.
    let fallback: Promise<QrEngine> | undefined;
    return {
      kind: 'native',
      async read(canvas) {
        if (!fallback) {
          try {
            return (await detector.detect(canvas))[0]?.rawValue || null;
          } catch {
            fallback = wasmEngine();
          }
        }
        return (await fallback).read(canvas);
      },
    };
  } catch {
    return null;
  }
}

function pixels(canvas: HTMLCanvasElement): ImageData {
  return canvas.getContext('2d', { willReadFrequently: true })!.getImageData(0, 0, canvas.width, canvas.height);
}

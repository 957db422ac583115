// ZXing-C++ compiled to WebAssembly, behind the BarcodeDetector interface (the barcode-detector
// polyfill), for browsers with no native QR detector: iOS Safari, Firefox, Chromium on Linux.
// Its own chunk, loaded only when a camera or photo needs decoding.
//
// The .wasm is copied into public/assets/chunks by `npm run build:page` and fetched from this
// origin. Left alone, the library would fetch it from a CDN (jsDelivr): the page's CSP
// (connect-src 'self') refuses that, and a verify page must not depend on a third party anyway.
import { BarcodeDetector, prepareZXingModule } from 'barcode-detector/ponyfill';
import wasmPath from 'zxing-wasm/reader/zxing_reader.wasm';

/** The wasm's address: esbuild writes its path relative to this chunk. */
const ZXING_WASM_URL = new URL(wasmPath, import.meta.url).href;

prepareZXingModule({
  overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? ZXING_WASM_URL : prefix + path) },
});

/**
 * Compiles the wasm and returns a reader of ImageData; rejects where WebAssembly cannot run
 * (iOS Lockdown Mode, a CSP without 'wasm-unsafe-eval'), so the caller can fall back.
 */
export async function createZxingReader(): Promise<(image: ImageData) => Promise<string | null>> {
  await prepareZXingModule({ fireImmediately: true });
  const detector = new BarcodeDetector({ formats: ['qr_code'] });
  return async (image) => (await detector.detect(image))[0]?.rawValue || null;
}

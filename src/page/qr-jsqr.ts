// jsQR: the last resort, for browsers where ZXing's WebAssembly cannot run (iOS Lockdown Mode
// turns WebAssembly off). Plain JavaScript, weaker on dense or small codes, but it reads a clear
// photo or a steady close-up. Its own chunk, loaded only when ZXing failed to start.
import * as jsqrModule from 'jsqr';

type JsQr = (data: Uint8ClampedArray, width: number, height: number, options?: jsqrModule.Options) => jsqrModule.QRCode | null;
// jsqr is CommonJS with an ES-module flag: bundlers hand over its function as `default`, Node
// under ESM the whole exports object; accept both.
const loaded = jsqrModule as unknown as { default: JsQr | { default: JsQr } };
const jsQR: JsQr = typeof loaded.default === 'function' ? loaded.default : loaded.default.default;

/** The text of the first QR code in `image`, or null. */
export function readWithJsQr(image: ImageData): string | null {
  return jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' })?.data || null;
}

// QR codes as SVG and PNG, from qrcode's pure-JS core: works on Node, Workers and in browsers.
import { create } from 'qrcode/lib/core/qrcode.js';
import { render as renderSvgTag } from 'qrcode/lib/renderer/svg-tag.js';
import { encodeBilevelPng } from './png.js';
import type { QrLevel } from './version.js';

export interface QrRenderOptions {
  /** Error-correction level (default M). */
  level?: QrLevel;
  /** Quiet zone around the code, in modules (default 4, what the QR standard asks for). */
  margin?: number;
  /** PNG only: pixels per module (default 4). */
  scale?: number;
}

function matrix(text: string, options: QrRenderOptions) {
  return create(text, { errorCorrectionLevel: options.level ?? 'M' });
}

/** The QR code of `text` as a standalone SVG document (scalable; black on white). */
export function renderQrSvg(text: string, options: QrRenderOptions = {}): string {
  return renderSvgTag(matrix(text, options), { margin: options.margin ?? 4 });
}

/** The QR code of `text` as PNG bytes (1-bit grayscale, black on white). */
export function renderQrPng(text: string, options: QrRenderOptions = {}): Uint8Array {
  const { modules } = matrix(text, options);
  const margin = options.margin ?? 4;
  const scale = options.scale ?? 4;
  if (!Number.isInteger(margin) || margin < 0 || !Number.isInteger(scale) || scale < 1 || scale > 64) {
    throw new RangeError('margin must be a whole number ≥ 0 and scale a whole number 1–64');
  }
  const side = (modules.size + 2 * margin) * scale;
  return encodeBilevelPng(side, side, (x, y) => {
    const col = Math.floor(x / scale) - margin;
    const row = Math.floor(y / scale) - margin;
    return col >= 0 && row >= 0 && col < modules.size && row < modules.size && modules.get(row, col) !== 0;
  });
}

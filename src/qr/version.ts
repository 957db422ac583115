import { create } from 'qrcode/lib/core/qrcode.js';

/** QR error-correction levels: L ~7%, M ~15%, Q ~25%, H ~30% of the code can be lost. */
export type QrLevel = 'L' | 'M' | 'Q' | 'H';

/**
 * The smallest QR version (1–40) that holds `text` at `level`, with qrcode's mixed-mode
 * segmentation; Infinity when no QR code can hold it.
 */
export function qrVersion(text: string, level: QrLevel = 'M'): number {
  try {
    return create(text, { errorCorrectionLevel: level }).version;
  } catch (e) {
    if (/too big/i.test((e as Error).message)) return Number.POSITIVE_INFINITY;
    throw e;
  }
}

// What to tell someone pointing a camera at a code that has not read yet. Neither the native
// BarcodeDetector nor the barcode-detector polyfill says "a code is there but unreadable", so the
// hints follow the time spent: first where to aim, then the two fixes that help most often
// (closer, so modules get more pixels; steadier and better lit, so they are sharp), in turn.
import type { TextKey } from './i18n.js';

/** A scanning hint, shown under the viewfinder. */
export type ScanHint = 'aim' | 'move-closer' | 'hold-steady';

/** Milliseconds before the first hint replaces "fit the code in the square", and between hints. */
export const HINT_AFTER_MS = 3000;
export const HINT_EVERY_MS = 4000;

/** The hint to show after `elapsedMs` of scanning without a read. */
export function hintAt(elapsedMs: number): ScanHint {
  if (elapsedMs < HINT_AFTER_MS) return 'aim';
  return Math.floor((elapsedMs - HINT_AFTER_MS) / HINT_EVERY_MS) % 2 === 0 ? 'move-closer' : 'hold-steady';
}

/** The page text of each hint. */
export const HINT_TEXT: Record<ScanHint, TextKey> = {
  aim: 'cameraAiming',
  'move-closer': 'scanMoveCloser',
  'hold-steady': 'scanHoldSteady',
};

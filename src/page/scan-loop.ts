// Reading a live camera video until a QR code decodes. Cycles alternate between the whole frame
// (a code anywhere in view, or larger than the square) and the viewfinder square at the camera's
// full resolution: where the frame is larger than the decoder's budget (see decodeScale) only the
// square keeps every pixel, and a smaller image, with less around the code, decodes faster.
import { drawRegion } from './qr-canvas.js';
import type { QrEngine } from './qr-engine.js';
import { decodeScale, fullRegion, viewfinderRegion, type Size } from './scan-geometry.js';
import { hintAt, type ScanHint } from './scan-hints.js';

/** What the scanner reports while it runs. */
export interface ScanEvents {
  /** A QR code was read; the scanner has stopped. */
  onText(text: string): void;
  /** The hint changed (see scan-hints.ts). */
  onHint(hint: ScanHint): void;
}

/** A running scan; `stop` ends it (no more events). */
export interface Scan {
  stop(): void;
  /** Frames decoded so far, whole-frame and square together. */
  readonly frames: number;
}

/** Milliseconds to leave the page between decodes: the preview and buttons stay responsive. */
const PAUSE_MS = 30;

/**
 * Scans `video` with `engine`; `preview` is the element showing it with the viewfinder square
 * (its box maps the square into frame pixels, see viewfinderRegion).
 */
export function scanVideo(video: HTMLVideoElement, preview: HTMLElement, engine: QrEngine, events: ScanEvents): Scan {
  let stopped = false;
  let frames = 0;
  let timer = 0;
  let hint: ScanHint | null = null;
  let started = 0;
  const canvas = document.createElement('canvas');

  const cycle = async (): Promise<void> => {
    if (stopped) return;
    if (video.readyState >= 2 && video.videoWidth > 0) {
      started ||= performance.now();
      const frame: Size = { width: video.videoWidth, height: video.videoHeight };
      const box = preview.getBoundingClientRect();
      const region = frames % 2 === 0 ? fullRegion(frame) : viewfinderRegion(box, frame);
      frames++;
      const text = await engine.read(drawRegion(video, region, decodeScale(region), canvas)).catch(() => null);
      if (stopped) return;
      if (text) {
        stopped = true;
        events.onText(text);
        return;
      }
      const next = hintAt(performance.now() - started);
      if (next !== hint) {
        hint = next;
        events.onHint(hint);
      }
    }
    timer = window.setTimeout(() => void cycle(), PAUSE_MS);
  };
  hint = 'aim';
  events.onHint(hint);
  timer = window.setTimeout(() => void cycle(), 0);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
    get frames() {
      return frames;
    },
  };
}

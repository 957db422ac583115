// Drawing part of a video frame or image onto a canvas, ready for a QR decoder.
import type { Region } from './scan-geometry.js';

/** Draws `region` of `source` onto `canvas`, scaled by `scale`; returns the canvas. */
export function drawRegion(
  source: CanvasImageSource,
  region: Region,
  scale: number,
  canvas: HTMLCanvasElement = document.createElement('canvas'),
): HTMLCanvasElement {
  const width = Math.max(1, Math.round(region.width * scale));
  const height = Math.max(1, Math.round(region.height * scale));
  // Resizing a canvas clears it and costs an allocation: only when the size changes.
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  // Shrinking with smoothing averages pixels (and noise) instead of dropping them.
  ctx.imageSmoothingEnabled = scale !== 1;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, region.x, region.y, region.width, region.height, 0, 0, width, height);
  return canvas;
}

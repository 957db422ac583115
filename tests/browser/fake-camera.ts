// A fake camera for Chromium (--use-file-for-fake-video-capture): a Y4M video showing a PNG.
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

/**
 * Writes a few frames of 4:2:0 Y4M showing `png` centred on a light grey background of
 * `width` × `height` (even numbers), as a phone camera would see a printed QR code.
 */
export function writeY4m(path: string, png: Uint8Array, width = 640, height = 480, frames = 5): void {
  const image = PNG.sync.read(Buffer.from(png));
  const y = Buffer.alloc(width * height, 225);
  const left = Math.floor((width - image.width) / 2);
  const top = Math.floor((height - image.height) / 2);
  for (let row = 0; row < image.height; row++) {
    for (let col = 0; col < image.width; col++) {
      const x = left + col;
      const yy = top + row;
      if (x < 0 || yy < 0 || x >= width || yy >= height) continue;
      const i = (row * image.width + col) * 4;
      // BT.601 luma of the pixel (the QR PNG is black and white anyway)
      y[yy * width + x] = Math.round(0.299 * image.data[i]! + 0.587 * image.data[i + 1]! + 0.114 * image.data[i + 2]!);
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`)];
  for (let f = 0; f < frames; f++) parts.push(Buffer.from('FRAME\n'), y, chroma);
  writeFileSync(path, Buffer.concat(parts));
}

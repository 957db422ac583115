// A fake camera for Chromium (--use-file-for-fake-video-capture): a Y4M video of greyscale frames.
// Chromium opens the file each time a page starts the camera, so one browser can show several
// videos in turn: write the next one to the same path before the page asks for the camera
// (written aside and renamed over, so a capture still reading the old file keeps its own).
import { renameSync, writeFileSync } from 'node:fs';
import type { Gray } from './frames.js';

/** The Y4M bytes of `frames` (4:2:0, neutral chroma) at `fps` frames a second; Chromium loops them. */
function y4m(frames: Gray[], fps = 10): Buffer {
  const { width, height } = frames[0]!;
  if (width % 2 || height % 2) throw new Error('Y4M 4:2:0 needs even sizes');
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`)];
  for (const f of frames) {
    if (f.width !== width || f.height !== height) throw new Error('every frame must have the same size');
    parts.push(Buffer.from('FRAME\n'), Buffer.from(f.data.buffer, f.data.byteOffset, f.data.length), chroma);
  }
  return Buffer.concat(parts);
}

/** Puts `frames` on the fake camera at `path` (the file given to Chromium at launch). */
export function showOnCamera(path: string, frames: Gray[], fps = 10): void {
  writeFileSync(`${path}.next`, y4m(frames, fps));
  renameSync(`${path}.next`, path);
}

/** The Chromium flags of a fake camera reading `path`, allowed without a prompt. */
export function fakeCameraArgs(path: string): string[] {
  return ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${path}`];
}

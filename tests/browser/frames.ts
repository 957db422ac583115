// What a phone camera sees of a printed certificate, made from a real rendering: grey frames with
// the page scaled, placed, rotated, blurred a little (optics), with lower contrast, uneven light
// and sensor noise. Hand-written pixel code, for test fixtures only.
import { PNG } from 'pngjs';

/** An 8-bit greyscale image (luma, row-major). */
export interface Gray {
  width: number;
  height: number;
  data: Uint8Array;
}

/** A rectangle in image pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A PNG as luma (BT.601), alpha over white. */
export function pngToGray(png: Uint8Array): Gray {
  const image = PNG.sync.read(Buffer.from(png));
  const data = new Uint8Array(image.width * image.height);
  for (let i = 0; i < data.length; i++) {
    const p = i * 4;
    const a = image.data[p + 3]! / 255;
    const y = 0.299 * image.data[p]! + 0.587 * image.data[p + 1]! + 0.114 * image.data[p + 2]!;
    data[i] = Math.round(y * a + 255 * (1 - a));
  }
  return { width: image.width, height: image.height, data };
}

/** A greyscale image as a greyscale PNG (a photo to upload, or to look at a camera frame). */
export function grayToPng(image: Gray): Buffer {
  const png = new PNG({ width: image.width, height: image.height, colorType: 0, inputColorType: 0, inputHasAlpha: false });
  png.data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.length);
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false, deflateLevel: 3 });
}

/** How the certificate sits in the camera's view. */
export interface View {
  width: number;
  height: number;
  /** The part of the page the camera is aimed at (the QR code), in page pixels. */
  target: Box;
  /** The target's height as a fraction of the frame's height. */
  fill: number;
  /** Clockwise rotation of the page in the frame, degrees. */
  rotate?: number;
  /** Where the target's centre lands, as a fraction of the frame size from its centre. */
  offset?: { x: number; y: number };
  /** Luma of the table around the page. */
  background?: number;
}

/**
 * The page as the camera frames it: the target scaled to `fill` of the frame height, centred
 * (plus `offset`), rotated; each frame pixel averages 2×2 bilinear samples of the page (no
 * aliasing when shrinking down to half), then a 3×3 blur stands in for a phone lens's softness.
 */
export function frame(page: Gray, view: View): Gray {
  const { width, height, target } = view;
  const scale = (view.fill * height) / target.height; // frame px per page px
  const angle = ((view.rotate ?? 0) * Math.PI) / 180;
  // page position = centre + R(-angle) · (frame position - frame centre) / scale
  const ux = Math.cos(angle) / scale;
  const uy = Math.sin(angle) / scale;
  const fx = width / 2 + (view.offset?.x ?? 0) * width;
  const fy = height / 2 + (view.offset?.y ?? 0) * height;
  const cx = target.x + target.width / 2 - 0.5;
  const cy = target.y + target.height / 2 - 0.5;
  const outside = view.background ?? 70;
  const { width: pw, height: ph, data: pd } = page;
  const out = new Uint8Array(width * height);
  const bilinear = (px: number, py: number): number => {
    if (px < 0 || py < 0 || px >= pw - 1 || py >= ph - 1) return outside;
    const x0 = px | 0;
    const y0 = py | 0;
    const ax = px - x0;
    const i = y0 * pw + x0;
    const top = pd[i]! + (pd[i + 1]! - pd[i]!) * ax;
    const bottom = pd[i + pw]! + (pd[i + pw + 1]! - pd[i + pw]!) * ax;
    return top + (bottom - top) * (py - y0);
  };
  // the four taps sit a quarter pixel off the frame pixel's centre, each way
  const q = 0.25;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = x + 0.5 - fx;
      const dy = y + 0.5 - fy;
      const px = cx + ux * dx + uy * dy;
      const py = cy - uy * dx + ux * dy;
      const sum =
        bilinear(px + q * (-ux - uy), py + q * (uy - ux)) +
        bilinear(px + q * (ux - uy), py + q * (-uy - ux)) +
        bilinear(px + q * (-ux + uy), py + q * (uy + ux)) +
        bilinear(px + q * (ux + uy), py + q * (-uy + ux));
      out[y * width + x] = (sum / 4 + 0.5) | 0;
    }
  }
  return blur3({ width, height, data: out });
}

function blur3(image: Gray): Gray {
  const { width, height, data } = image;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    const up = (y > 0 ? y - 1 : y) * width;
    const row = y * width;
    const down = (y < height - 1 ? y + 1 : y) * width;
    for (let x = 0; x < width; x++) {
      const l = x > 0 ? x - 1 : x;
      const r = x < width - 1 ? x + 1 : x;
      const s =
        data[up + l]! +
        2 * data[up + x]! +
        data[up + r]! +
        2 * data[row + l]! +
        4 * data[row + x]! +
        2 * data[row + r]! +
        data[down + l]! +
        2 * data[down + x]! +
        data[down + r]!;
      out[row + x] = (s + 8) >> 4;
    }
  }
  return { width, height, data: out };
}

/** Lighting and sensor: contrast around mid-grey, a light falling off to one side, noise. */
export interface Exposure {
  /** 1 keeps the contrast; 0.5 halves it. */
  contrast?: number;
  /** Added to every pixel. */
  brightness?: number;
  /** How much darker the right edge is than the left, in luma. */
  falloff?: number;
  /** Standard deviation of the Gaussian sensor noise, luma. */
  noise?: number;
  /** Seed of the noise: each video frame gets its own. */
  seed?: number;
}

/** A pseudo-random generator (mulberry32): reproducible noise. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `image` under `exposure`. */
export function expose(image: Gray, exposure: Exposure): Gray {
  const { contrast = 1, brightness = 0, falloff = 0, noise = 0, seed = 1 } = exposure;
  const rand = random(seed);
  // a table of standard normals (Box–Muller), drawn from at random: fast enough for 12 MP photos
  const normals = new Float32Array(1 << 16);
  for (let i = 0; i < normals.length; i++) normals[i] = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const gauss = () => normals[(rand() * normals.length) | 0]!;
  const out = new Uint8Array(image.data.length);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const i = y * image.width + x;
      let v = 128 + (image.data[i]! - 128) * contrast + brightness - (falloff * x) / image.width;
      if (noise) v += gauss() * noise;
      out[i] = Math.max(0, Math.min(255, Math.round(v)));
    }
  }
  return { width: image.width, height: image.height, data: out };
}

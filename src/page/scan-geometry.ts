// Where to look in a camera frame or photo: pure arithmetic, no DOM, so Node tests can check it.

/** A rectangle in source pixels (video frame or image). */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Width and height of something (a frame, an element's box). */
export interface Size {
  width: number;
  height: number;
}

/** Side of the drawn viewfinder square, as a fraction of the preview's shorter side (see verify.css). */
export const VIEWFINDER_FRACTION = 0.7;

/** The whole of a frame. */
export function fullRegion(frame: Size): Region {
  return { x: 0, y: 0, width: frame.width, height: frame.height };
}

/** A centred square whose side is `fraction` of the frame's shorter side. */
export function centreSquare(frame: Size, fraction: number): Region {
  const side = Math.round(Math.min(frame.width, frame.height) * fraction);
  return { x: Math.round((frame.width - side) / 2), y: Math.round((frame.height - side) / 2), width: side, height: side };
}

/**
 * The part of the video frame inside the viewfinder square drawn on the preview. The preview box
 * shows the frame with `object-fit: cover` (scaled to fill the box, the overflow cut off evenly),
 * and the square's side is `fraction` of the box's shorter side; `margin` widens the region a
 * little so a code that pokes out of the square is still read. Clamped to the frame.
 */
export function viewfinderRegion(box: Size, frame: Size, fraction = VIEWFINDER_FRACTION, margin = 1.1): Region {
  if (box.width <= 0 || box.height <= 0) return centreSquare(frame, fraction);
  const scale = Math.max(box.width / frame.width, box.height / frame.height); // screen px per frame px
  const side = Math.min((Math.min(box.width, box.height) * fraction * margin) / scale, frame.width, frame.height);
  const rounded = Math.round(side);
  return { x: Math.round((frame.width - rounded) / 2), y: Math.round((frame.height - rounded) / 2), width: rounded, height: rounded };
}

/**
 * How much to scale a region before decoding: regions larger than `maxSide` are shrunk (decoding
 * time grows with pixels); smaller ones are read as they are. Enlarging small crops was tried and
 * read nothing more: ZXing reads our version-14 code (73 modules, 81 with its quiet zone) down to
 * ~2.2 px per module (180 px across in a 1280×720 frame); below that the blur has merged them.
 */
export function decodeScale(region: Size, maxSide = 1920): number {
  return Math.min(1, maxSide / Math.max(region.width, region.height));
}

/**
 * The tries for a photo or screenshot, in order: the whole image (up to 2400 px: a screenshot or a
 * close-up reads at once), centre crops at full resolution (a code filling a small part of a phone
 * photo needs its pixels, not the whole picture), then the whole image smaller (noisy photos of a
 * large code often read better shrunk; ZXing also tries that on its own, jsQR does not).
 */
export function photoAttempts(image: Size): { region: Region; scale: number }[] {
  const longest = Math.max(image.width, image.height);
  const full = fullRegion(image);
  const attempts: { region: Region; scale: number }[] = [{ region: full, scale: decodeScale(image, 2400) }];
  for (const fraction of [0.6, 0.35]) {
    const region = centreSquare(image, fraction);
    if (region.width >= 64) attempts.push({ region, scale: decodeScale(region, 2400) });
  }
  for (const side of [1600, 1000, 640]) {
    if (longest > side) attempts.push({ region: full, scale: side / longest });
  }
  return attempts;
}

// Where the scanner looks and what it says (plain Node: no browser needed).
import { describe, expect, it } from 'vitest';
import { centreSquare, decodeScale, photoAttempts, viewfinderRegion } from '../../src/page/scan-geometry.js';
import { hintAt, HINT_AFTER_MS, HINT_EVERY_MS } from '../../src/page/scan-hints.js';

describe('scan geometry', () => {
  it('maps the viewfinder square of a square preview onto a landscape frame shown with object-fit: cover', () => {
    // a 358 px square preview of 1280×720: the preview shows the middle 720×720, the square 70 % of it
    expect(viewfinderRegion({ width: 358, height: 358 }, { width: 1280, height: 720 }, 0.7, 1)).toEqual({ x: 388, y: 108, width: 504, height: 504 });
    // with the 10 % margin, still centred, never larger than the frame
    const wide = viewfinderRegion({ width: 358, height: 358 }, { width: 1280, height: 720 });
    expect(wide.width).toBe(554);
    expect(wide.x + wide.width / 2).toBe(640);
    expect(viewfinderRegion({ width: 100, height: 100 }, { width: 640, height: 480 }, 1, 2)).toEqual({ x: 80, y: 0, width: 480, height: 480 });
  });

  it('maps it onto a portrait frame (a phone held upright) and survives a preview not laid out yet', () => {
    expect(viewfinderRegion({ width: 400, height: 400 }, { width: 1080, height: 1920 }, 0.7, 1)).toEqual({ x: 162, y: 582, width: 756, height: 756 });
    expect(viewfinderRegion({ width: 0, height: 0 }, { width: 1280, height: 720 }, 0.5)).toEqual(centreSquare({ width: 1280, height: 720 }, 0.5));
  });

  it('shrinks only frames above the decoding budget', () => {
    expect(decodeScale({ width: 1920, height: 1080 })).toBe(1);
    expect(decodeScale({ width: 3840, height: 2160 })).toBe(0.5);
    expect(decodeScale({ width: 370, height: 370 })).toBe(1);
  });

  it('tries a photo whole, then centre crops at full resolution, then whole at falling sizes', () => {
    const attempts = photoAttempts({ width: 4000, height: 3000 });
    expect(attempts.map((a) => [a.region.width, Number(a.scale.toFixed(2))])).toEqual([
      [4000, 0.6],
      [1800, 1],
      [1050, 1],
      [4000, 0.4],
      [4000, 0.25],
      [4000, 0.16],
    ]);
    // a screenshot already small: once whole, then the crops
    expect(photoAttempts({ width: 600, height: 600 }).map((a) => [a.region.width, a.scale])).toEqual([
      [600, 1],
      [360, 1],
      [210, 1],
    ]);
  });
});

describe('scan hints', () => {
  it('starts with where to aim, then alternates "move closer" and "hold steady"', () => {
    expect(hintAt(0)).toBe('aim');
    expect(hintAt(HINT_AFTER_MS - 1)).toBe('aim');
    expect(hintAt(HINT_AFTER_MS)).toBe('move-closer');
    expect(hintAt(HINT_AFTER_MS + HINT_EVERY_MS)).toBe('hold-steady');
    expect(hintAt(HINT_AFTER_MS + 2 * HINT_EVERY_MS)).toBe('move-closer');
  });
});

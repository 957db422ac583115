/**
 * `count` distinct uniformly random integers in [0, n), from the platform CSPRNG without modulo
 * bias, in the order drawn (so the first one that passes a test is uniform over those that pass).
 * One buffer is filled per round: one CSPRNG call costs about what `count` values do.
 */
export function distinctRandomBelow(n: number, count: number): number[] {
  if (count > n) throw new RangeError(`cannot draw ${count} distinct values below ${n}`);
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  const drawn = new Set<number>();
  const buf = new Uint32Array(count + 4);
  while (drawn.size < count) {
    crypto.getRandomValues(buf);
    for (const v of buf) {
      if (v >= limit) continue;
      drawn.add(v % n);
      if (drawn.size === count) break;
    }
  }
  return [...drawn];
}

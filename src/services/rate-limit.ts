import { SkillcredError } from '../errors.js';

/**
 * A fixed one-minute window per key, in memory. Per process (per isolate on Workers): a limit of
 * N a minute across P processes admits up to N·P; good enough to stop a runaway client.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** Counts `cost` requests for `key`; throws RATE_LIMITED (429, Retry-After) past `limit` a minute. */
  take(key: string, limit: number, cost = 1): void {
    const t = this.now();
    let w = this.windows.get(key);
    if (!w || t - w.start >= 60_000) {
      w = { start: t, count: 0 };
      if (this.windows.size > 10_000) this.windows.clear();
      this.windows.set(key, w);
    }
    if (w.count + cost > limit) {
      const retry = Math.max(1, Math.ceil((w.start + 60_000 - t) / 1000));
      throw new SkillcredError('RATE_LIMITED', `rate limit of ${limit} requests a minute reached; retry in ${retry} s`, {
        headers: { 'retry-after': String(retry) },
      });
    }
    w.count += cost;
  }
}

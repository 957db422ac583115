import { message, SkillcredError } from '../errors.js';
import type { Counters } from '../ports.js';

/** Rate limits over the Counters port: 429 with Retry-After once a key passes its limit in a window. */
export class RateLimiter {
  constructor(private readonly counters: Counters) {}

  /** Counts `cost` for `key`; throws RATE_LIMITED past `limit` in `windowSec` (a minute by default). */
  async take(key: string, limit: number, cost = 1, windowSec = 60, what = 'requests'): Promise<void> {
    const { count, resetMs } = await this.counters.add(key, cost, windowSec);
    if (count > limit) throw limited(limit, windowSec, resetMs, what);
  }

  /** Throws RATE_LIMITED when `key` already reached `limit` in its window (counts nothing). */
  async check(key: string, limit: number, windowSec = 60, what = 'requests'): Promise<void> {
    const { count, resetMs } = await this.counters.get(key, windowSec);
    if (count >= limit) throw limited(limit, windowSec, resetMs, what);
  }

  /** Counts one occurrence of `key` (a failure) without deciding anything. */
  async record(key: string, windowSec = 60): Promise<void> {
    await this.counters.add(key, 1, windowSec);
  }
}

function limited(limit: number, windowSec: number, resetMs: number, what: string): SkillcredError {
  const retry = Math.max(1, Math.ceil(resetMs / 1000));
  return new SkillcredError('RATE_LIMITED', message('rate-limited', { limit, what, window: windowSec, retry }), { headers: { 'retry-after': String(retry) } });
}

import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Counters, WindowCount } from '../ports.js';

/**
 * The Counters port over rate-limiter-flexible limiters, one per window length (made on first
 * use by `create`). Limits are decided by the caller: the limiters only count.
 */
export function windowCounters(create: (windowSec: number) => RateLimiterAbstract): Counters {
  const byWindow = new Map<number, RateLimiterAbstract>();
  const limiter = (windowSec: number) => {
    let l = byWindow.get(windowSec);
    if (!l) {
      l = create(windowSec);
      byWindow.set(windowSec, l);
    }
    return l;
  };
  return {
    async add(key, cost, windowSec): Promise<WindowCount> {
      const res = await limiter(windowSec).penalty(key, cost);
      return { count: res.consumedPoints, resetMs: res.msBeforeNext };
    },
    async get(key, windowSec): Promise<WindowCount> {
      const res = await limiter(windowSec).get(key);
      return res ? { count: res.consumedPoints, resetMs: res.msBeforeNext } : { count: 0, resetMs: 0 };
    },
  };
}

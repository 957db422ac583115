import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Counters, WindowCount } from '../ports.js';

/**
 * Counters in this process's memory (rate-limiter-flexible): right for one Node process; on
 * Workers each isolate counts on its own, so a limit there is per isolate (see README).
 */
export function memoryCounters(): Counters {
  const byWindow = new Map<number, RateLimiterMemory>();
  // Limits are decided by the caller, so the library's own ceiling is never reached.
  const limiter = (windowSec: number) => {
    let l = byWindow.get(windowSec);
    if (!l) {
      l = new RateLimiterMemory({ points: Number.MAX_SAFE_INTEGER, duration: windowSec, keyPrefix: `w${windowSec}` });
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

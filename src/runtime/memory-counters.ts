import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Counters } from '../ports.js';
import { windowCounters } from './window-counters.js';

/**
 * Counters in this process's memory (rate-limiter-flexible): right for one Node process; on
 * Workers each isolate counts on its own, so a limit there is per isolate (see README).
 */
export function memoryCounters(): Counters {
  // The library's own ceiling is never reached: limits are the caller's.
  return windowCounters((windowSec) => new RateLimiterMemory({ points: Number.MAX_SAFE_INTEGER, duration: windowSec, keyPrefix: `w${windowSec}` }));
}

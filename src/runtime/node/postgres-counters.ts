// Rate-limit counters shared by every instance on one PostgreSQL database (rate-limiter-flexible's
// RateLimiterPostgres, the library the in-memory counters use too). Its table is UNLOGGED: counts
// need no crash durability, and a commit that wrote only unlogged rows does not wait for a WAL
// flush, so the one hot row of a busy client address is not held for an fsync per request.
import { RateLimiterPostgres } from 'rate-limiter-flexible';
import type { Counters, WindowCount } from '../../ports.js';
import type { PostgresDriver } from './postgres-driver.js';
import { SETUP_LOCK } from './postgres-store.js';

const TABLE = 'rate_counters';

/** Counters in PostgreSQL, shared across instances; creates their table on first use. */
export async function postgresCounters(driver: PostgresDriver): Promise<Counters> {
  // The library's own columns, created here (once, under the setup lock) so the table is UNLOGGED.
  await driver.exclusive(SETUP_LOCK, () =>
    driver.exec(`CREATE UNLOGGED TABLE IF NOT EXISTS ${TABLE} (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`),
  );
  const byWindow = new Map<number, RateLimiterPostgres>();
  // Limits are decided by the caller, so the library's own ceiling is never reached.
  const limiter = (windowSec: number) => {
    let l = byWindow.get(windowSec);
    if (!l) {
      l = new RateLimiterPostgres({
        storeClient: driver.pool,
        storeType: 'pool',
        tableName: TABLE,
        tableCreated: true,
        points: 2 ** 31 - 1,
        duration: windowSec,
        keyPrefix: `w${windowSec}`,
      });
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

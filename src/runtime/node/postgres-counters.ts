// Rate-limit counters shared by every instance on one PostgreSQL database (rate-limiter-flexible's
// RateLimiterPostgres, the library the in-memory counters use too). Its table is UNLOGGED: counts
// need no crash durability, and a commit that wrote only unlogged rows does not wait for a WAL
// flush, so the one hot row of a busy client address is not held for an fsync per request.
import { RateLimiterPostgres } from 'rate-limiter-flexible';
import type { Counters } from '../../ports.js';
import { windowCounters } from '../window-counters.js';
import type { PostgresDriver } from './postgres-driver.js';
import { SETUP_LOCK } from './postgres-store.js';

const TABLE = 'rate_counters';

/** Counters in PostgreSQL, shared across instances; creates their table on first use. */
export async function postgresCounters(driver: PostgresDriver): Promise<Counters> {
  // The library's own columns, created here (once, under the setup lock) so the table is UNLOGGED.
  await driver.exclusive(SETUP_LOCK, () =>
    driver.exec(`CREATE UNLOGGED TABLE IF NOT EXISTS ${TABLE} (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`),
  );
  // The library's own ceiling (an int column) is never reached: limits are the caller's.
  return windowCounters(
    (windowSec) =>
      new RateLimiterPostgres({
        storeClient: driver.pool,
        storeType: 'pool',
        tableName: TABLE,
        tableCreated: true,
        points: 2 ** 31 - 1,
        duration: windowSec,
        keyPrefix: `w${windowSec}`,
      }),
  );
}

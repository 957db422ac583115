// Rate-limit counters in PostgreSQL: two instances count into the same windows.
import { expect, it } from 'vitest';
import { openPostgresDriver } from '../../src/runtime/node/postgres-driver.js';
import { postgresCounters } from '../../src/runtime/node/postgres-counters.js';
import { describePg, freshDatabase } from '../helpers/pg-test.js';

describePg('PostgreSQL counters', () => {
  it('counts one key from two instances into one window, keeps windows apart, and starts again after it', async () => {
    const url = await freshDatabase('counters');
    const drivers = [openPostgresDriver(url), openPostgresDriver(url)];
    const [a, b] = await Promise.all(drivers.map((d) => postgresCounters(d)));
    const key = `addr:${crypto.randomUUID()}`;
    expect(await a!.get(key, 60)).toEqual({ count: 0, resetMs: 0 });
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a! : b!).add(key, 1, 60)));
    const seen = await b!.add(key, 5, 60);
    expect(seen.count).toBe(25);
    expect(seen.resetMs).toBeGreaterThan(50_000);
    expect((await a!.get(key, 60)).count).toBe(25);
    expect((await a!.get(key, 1)).count).toBe(0); // another window length is another counter
    await a!.add(key, 3, 1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await b!.get(key, 1)).count).toBe(0);
    expect((await b!.add(key, 1, 1)).count).toBe(1);
    const unlogged = await drivers[0]!.one("SELECT relpersistence FROM pg_class WHERE relname = 'rate_counters'");
    expect(unlogged).toEqual({ relpersistence: 'u' });
    await Promise.all(drivers.map((d) => d.close()));
  });
});

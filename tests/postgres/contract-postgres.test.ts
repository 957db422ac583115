// The Store contract and the Driver contract on PostgreSQL (a fresh database each, migrated from
// the same files as SQLite and D1): on the plain store and through the read cache.
import { afterAll } from 'vitest';
import { openPostgresDriver, type PostgresDriver } from '../../src/runtime/node/postgres-driver.js';
import { openPostgresStore } from '../../src/runtime/node/postgres-store.js';
import { withReadCache } from '../../src/store/read-cache.js';
import { describePg, freshDatabase } from '../helpers/pg-test.js';
import { driverContract } from '../store/driver-contract.js';
import { storeContract, type MakeStore } from '../store/contract.js';

const postgres =
  (cached: boolean): MakeStore =>
  async () => {
    const { store, driver } = openPostgresStore(await freshDatabase('contract'));
    await store.migrate();
    return {
      store: cached ? withReadCache(store) : store,
      exec: async (sql) => {
        await driver.run(sql);
      },
      query: (sql, params = []) => driver.all(sql, params),
      dialect: 'postgres',
      close: () => store.close(),
    };
  };

const drivers: PostgresDriver[] = [];
afterAll(async () => {
  await Promise.all(drivers.map((d) => d.close()));
});

describePg('PostgreSQL', () => {
  storeContract('PostgreSQL', postgres(false));
  storeContract('PostgreSQL through the read cache', postgres(true));
  driverContract('PostgreSQL', async () => {
    const driver = openPostgresDriver(await freshDatabase('driver'));
    drivers.push(driver);
    return driver;
  });
});

import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { withReadCache } from '../../src/store/read-cache.js';
import { tempSqliteStore } from '../helpers/store-fixtures.js';
import { storeContract, type MakeStore } from './contract.js';

/** A fresh migrated SQLite store, optionally behind the read cache the entries use. */
const sqlite =
  (cached: boolean): MakeStore =>
  async () => {
    const { store, driver, path } = await tempSqliteStore();
    return {
      store: cached ? withReadCache(store) : store,
      exec: async (sql) => {
        await driver.run(sql);
      },
      query: (sql, params = []) => driver.all(sql, params),
      close: async () => {
        await store.close();
        rmSync(dirname(path), { recursive: true, force: true });
      },
    };
  };

storeContract('better-sqlite3', sqlite(false));
storeContract('better-sqlite3 through the read cache', sqlite(true));

import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { tempSqliteStore } from '../helpers/store-fixtures.js';
import { storeContract } from './contract.js';

storeContract('better-sqlite3', async () => {
  const { store, driver, path } = await tempSqliteStore();
  return {
    store,
    exec: async (sql) => {
      await driver.run(sql);
    },
    close: async () => {
      await store.close();
      rmSync(dirname(path), { recursive: true, force: true });
    },
  };
});

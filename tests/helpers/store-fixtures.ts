import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteDriver } from '../../src/runtime/node/sqlite-driver.js';
import { sqliteStore } from '../../src/runtime/node/sqlite-store.js';
import type { Driver } from '../../src/store/driver.js';
import type { Store } from '../../src/store/store.js';

export { record, seedIssuer } from './store-records.js';

/** A fresh SQLite store in a temporary directory, migrated, and its driver for raw SQL. */
export async function tempSqliteStore(): Promise<{ store: Store; driver: Driver; path: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'skillcred-store-'));
  const path = join(dir, 'store.db');
  const driver = openSqliteDriver(path);
  const store = sqliteStore(driver);
  await store.migrate();
  return { store, driver, path };
}

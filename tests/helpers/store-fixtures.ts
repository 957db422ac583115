import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite.js';

export { record, seedIssuer } from './store-records.js';

/** A fresh SQLite store in a temporary directory, migrated. */
export async function tempSqliteStore(): Promise<{ store: SqliteStore; path: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'skillcred-store-'));
  const path = join(dir, 'store.db');
  const store = new SqliteStore(path);
  await store.migrate();
  return { store, path };
}

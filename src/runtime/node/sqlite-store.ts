// The Node store: the SQL store on a better-sqlite3 driver, migrating itself from src/store/migrations.
import { readdir, readFile } from 'node:fs/promises';
import type { Driver } from '../../store/driver.js';
import type { Migration } from '../../store/migrate.js';
import { sqlStore } from '../../store/sql-store.js';
import type { Store } from '../../store/store.js';
import { openSqliteDriver, type SqliteOptions } from './sqlite-driver.js';

/** The numbered *.sql migrations, the same files wrangler applies to D1. */
const MIGRATIONS_DIR = new URL('../../store/migrations/', import.meta.url);

/** Reads the migration files in name order. */
export async function readMigrations(dir: URL = MIGRATIONS_DIR): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((f) => /^\d+_.*\.sql$/.test(f)).sort();
  return Promise.all(names.map(async (name) => ({ name, sql: await readFile(new URL(name, dir), 'utf8') })));
}

/** The Store over an open SQLite driver; its `migrate()` applies the migration files. */
export function sqliteStore(driver: Driver): Store {
  return sqlStore(driver, { migrations: () => readMigrations() });
}

/** The Store on the SQLite file `filename`. Call `migrate()` before use. */
export function openSqliteStore(filename: string, options: SqliteOptions = {}): Store {
  return sqliteStore(openSqliteDriver(filename, options));
}

// The Node store on PostgreSQL: the SQL store on the node-postgres driver, migrating itself from
// the same files as SQLite (translated as they are applied). Instances starting together migrate
// one after the other, under an advisory lock, so none applies a migration another just applied.
import { sqlStore } from '../../store/sql-store.js';
import type { Store } from '../../store/store.js';
import { openPostgresDriver, type PostgresDriver, type PostgresOptions } from './postgres-driver.js';
import { readMigrations } from './sqlite-store.js';

/** The advisory lock instances take to migrate (and set up a first start) one at a time. */
export const SETUP_LOCK = 'skillcred:setup';

/** The Store over an open PostgreSQL driver; its `migrate()` applies the migration files. */
export function postgresStore(driver: PostgresDriver): Store {
  const store = sqlStore(driver, { migrations: () => readMigrations() });
  return { ...store, migrate: () => driver.exclusive(SETUP_LOCK, () => store.migrate()) };
}

/** The Store on the PostgreSQL database at `url`, and its driver. Call `migrate()` before use. */
export function openPostgresStore(url: string, options: PostgresOptions = {}): { store: Store; driver: PostgresDriver } {
  const driver = openPostgresDriver(url, options);
  return { store: postgresStore(driver), driver };
}

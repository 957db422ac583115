// Applies numbered SQL migrations through a driver, for databases the store migrates itself
// (SQLite and PostgreSQL on Node). D1 gets the same files from wrangler (`d1 migrations apply`).
// The files are SQLite; on PostgreSQL each is translated as it is applied (postgres-ddl.ts).
import type { Driver } from './driver.js';
import { sqliteToPostgres } from './postgres-ddl.js';

/** One migration file: its name (`0001_init.sql`) and its SQL. */
export interface Migration {
  name: string;
  sql: string;
}

// The name is written into the script below as a literal, so it may hold nothing a quote could break.
const SAFE_NAME = /^\d+_[\w-]+\.sql$/;

/** Applies, in name order, each migration not yet recorded in schema_migrations. */
export async function applyMigrations(db: Driver, migrations: readonly Migration[]): Promise<void> {
  await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const applied = new Set((await db.all('SELECT name FROM schema_migrations')).map((r) => String(r.name)));
  const pending = migrations.filter((m) => !applied.has(m.name)).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const { name, sql: source } of pending) {
    if (!SAFE_NAME.test(name)) throw new Error(`migration ${JSON.stringify(name)}: expected a name like 0004_what_it_does.sql`);
    let sql = source;
    try {
      if (db.dialect === 'postgres') sql = sqliteToPostgres(source);
    } catch (error) {
      throw new Error(`migration ${name}: ${(error as Error).message}`);
    }
    // The record travels in the same script, which the driver runs all or nothing: a migration is
    // applied and recorded together, or neither (a crash halfway leaves it to apply again).
    await db.exec(`${sql}\n;\nINSERT INTO schema_migrations (name, applied_at) VALUES ('${name}', '${new Date().toISOString()}');\n`);
  }
}

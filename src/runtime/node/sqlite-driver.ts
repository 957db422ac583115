// The better-sqlite3 driver: one SQLite file, WAL. better-sqlite3 is synchronous, so every call
// below does its work before it returns: nothing else can run inside a batch's transaction.
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import { sqliteViolation, type Driver, type Row, type Statement } from '../../store/driver.js';

export interface SqliteOptions {
  /** `FULL` fsyncs every commit (power-loss safe); `NORMAL` (default) is crash safe under WAL. */
  synchronous?: 'NORMAL' | 'FULL';
}

// Statements prepared once per SQL text; the store has a few dozen, tests and tools add their own.
const PREPARED_MAX = 500;

/** A driver on the SQLite file `filename` (created if absent). */
export function openSqliteDriver(filename: string, options: SqliteOptions = {}): Driver {
  ownerOnly(filename);
  const db = new Database(filename);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');

  const prepared = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let statement = prepared.get(sql);
    if (!statement) {
      if (prepared.size >= PREPARED_MAX) prepared.delete(prepared.keys().next().value!);
      statement = db.prepare(sql);
      prepared.set(sql, statement);
    }
    return statement;
  };
  const runAll = db.transaction((statements: readonly Statement[]) => statements.map((s) => ({ changes: prepare(s.sql).run(...s.params).changes })));
  const runScript = db.transaction((script: string) => void db.exec(script));

  return {
    dialect: 'sqlite',
    one: async (sql, params = []) => (prepare(sql).get(...params) as Row | undefined) ?? null,
    all: async (sql, params = []) => prepare(sql).all(...params) as Row[],
    run: async (sql, params = []) => ({ changes: prepare(sql).run(...params).changes }),
    // BEGIN IMMEDIATE takes the write lock first: a transaction never has to upgrade a read lock
    // while another process writes (which fails at once); it waits on busy_timeout instead.
    batch: async (statements) => runAll.immediate(statements),
    exec: async (script) => runScript.immediate(script),
    close: async () => void db.close(),
    constraintOf: sqliteViolation,
  };
}

/**
 * The database holds certificates and audit trails: readable by the service's user only. SQLite
 * creates the -wal and -shm files with the database file's mode, so creating it 0600 (and
 * tightening an older one, and any journal files left behind) covers all three.
 */
function ownerOnly(filename: string): void {
  if (filename === ':memory:' || filename === '') return;
  if (!existsSync(filename)) closeSync(openSync(filename, 'a', 0o600));
  for (const file of [filename, `${filename}-wal`, `${filename}-shm`]) if (existsSync(file)) chmodSync(file, 0o600);
}

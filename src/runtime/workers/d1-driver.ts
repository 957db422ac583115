// The Cloudflare D1 driver. D1 has no interactive transactions; its atomic `batch()` is all the
// store needs (status changes guard their batch instead of locking, see store/sql/status-change.ts).
import { sqliteViolation, type Driver, type Row, type SqlValue } from '../../store/driver.js';
import { sqlStore } from '../../store/sql-store.js';
import type { Store } from '../../store/store.js';

/** The part of a D1 query result the driver reads. */
export interface D1ResultLike<T = Row> {
  results: T[];
  meta: { changes?: number };
}

/** The part of D1's prepared statement the driver uses. */
export interface D1StatementLike {
  bind(...values: unknown[]): D1StatementLike;
  first<T = Row>(): Promise<T | null>;
  all<T = Row>(): Promise<D1ResultLike<T>>;
  run(): Promise<D1ResultLike>;
}

/** The part of a D1 binding the driver uses (structurally a `D1Database`). */
export interface D1Like {
  prepare(sql: string): D1StatementLike;
  batch(statements: D1StatementLike[]): Promise<D1ResultLike[]>;
}

/** A driver on a D1 binding. */
export function d1Driver(d1: D1Like): Driver {
  const bound = (sql: string, params: readonly SqlValue[] = []) => d1.prepare(sql).bind(...params);
  return {
    dialect: 'd1',
    one: (sql, params) => bound(sql, params).first<Row>(),
    all: async (sql, params) => (await bound(sql, params).all<Row>()).results,
    run: async (sql, params) => ({ changes: (await bound(sql, params).run()).meta.changes ?? 0 }),
    batch: async (statements) => {
      if (statements.length === 0) return []; // D1 refuses an empty batch
      const results = await d1.batch(statements.map((s) => bound(s.sql, s.params)));
      return results.map((r) => ({ changes: r.meta.changes ?? 0 }));
    },
    // D1's own exec() is neither atomic nor parsed like SQLite (one statement a line), and
    // migrations reach D1 through wrangler, so no script runs through this driver.
    exec: async () => {
      throw new Error('D1 runs no scripts through the store: apply migrations with `wrangler d1 migrations apply`');
    },
    close: async () => {},
    constraintOf: sqliteViolation,
  };
}

/** The Store on a D1 binding. Its migrations are applied by wrangler from src/store/migrations. */
export function d1Store(binding: D1Like): Store {
  return sqlStore(d1Driver(binding));
}

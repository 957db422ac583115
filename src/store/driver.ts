// The one seam between the store and a database: a handful of calls every SQL database can answer.
// The Store is written once over it (sql-store.ts); a driver is a small file per database
// (src/runtime/node/sqlite-driver.ts, src/runtime/node/postgres-driver.ts, src/runtime/workers/d1-driver.ts).

/** Which SQL the driver speaks, for the few statements that cannot be written portably. */
export type Dialect = 'sqlite' | 'd1' | 'postgres';

/** A value bound to a `?` placeholder. Booleans travel as 0/1, times as ISO text. */
export type SqlValue = string | number | null;

export type Row = Record<string, unknown>;

/** One statement with its parameters, for a batch. */
export interface Statement {
  sql: string;
  params: readonly SqlValue[];
}

/**
 * A constraint a failed statement broke, named alike on every driver: a unique index or primary
 * key as `table(col,col)` (its columns in index order), a CHECK constraint by its name.
 */
export interface Violation {
  kind: 'unique' | 'check';
  name: string;
}

/**
 * What the store needs from a database. SQL uses `?` placeholders (a driver that wants `$1` numbers
 * them). Every call is atomic on its own; `batch` makes several atomic together.
 */
export interface Driver {
  readonly dialect: Dialect;
  /** The first row of a query, or null. */
  one(sql: string, params?: readonly SqlValue[]): Promise<Row | null>;
  all(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }>;
  /**
   * Runs write statements in order, all or nothing; rejects with the first failure. Nothing else
   * runs in between on this connection, so a statement may guard the ones after it.
   */
  batch(statements: readonly Statement[]): Promise<{ changes: number }[]>;
  /**
   * Runs a script of several statements without parameters (a migration), all or nothing. A driver
   * whose platform applies migrations itself may refuse (D1: wrangler applies them).
   */
  exec(script: string): Promise<void>;
  close(): Promise<void>;
  /** The constraint a failure broke, or null when it was not a unique or CHECK violation. */
  constraintOf(error: unknown): Violation | null;
}

/** A statement for a batch. */
export const stmt = (sql: string, ...params: SqlValue[]): Statement => ({ sql, params });

/**
 * Reads the constraint from an SQLite error message ("UNIQUE constraint failed: t.a, t.b",
 * "CHECK constraint failed: name"), which better-sqlite3 and D1 (wrapped, or as its cause) share.
 */
export function sqliteViolation(error: unknown): Violation | null {
  const cause = error instanceof Error ? (error as { cause?: unknown }).cause : undefined;
  const message = error instanceof Error ? `${error.message} ${cause === undefined ? '' : String(cause)}` : String(error);
  const unique = /UNIQUE constraint failed: (\w+\.\w+(?:, \w+\.\w+)*)/.exec(message);
  if (unique) {
    const columns = unique[1]!.split(', ').map((c) => c.split('.'));
    return { kind: 'unique', name: `${columns[0]![0]}(${columns.map((c) => c[1]).join(',')})` };
  }
  const check = /CHECK constraint failed: (\w+)/.exec(message);
  return check ? { kind: 'check', name: check[1]! } : null;
}

// The PostgreSQL driver (node-postgres): a pool shared by every call; a batch is one transaction
// (one message, see transaction()) at READ COMMITTED, PostgreSQL's default. Why that is enough:
// - unique indexes and primary keys are checked across transactions (a second insert of a key waits
//   for the first to commit, then fails): status slots, idempotency keys and credential ids;
// - an UPDATE that finds a row changed by a concurrent commit re-reads it before writing
//   (allocation counts, version bumps, the signed-list guard in its WHERE);
// - setStatus's guard (sql/sets.ts, postgres) locks every entry it checks with FOR UPDATE, in
//   (list_id, idx) order, so the values it checks cannot change before the batch commits.
// Deadlocks and serialization failures roll the whole batch back: it is run again (the batch holds
// its statements, not results a caller acted on).
import pg from 'pg';
import type { Driver, Row, SqlValue, Statement, Violation } from '../../store/driver.js';

export interface PostgresOptions {
  /** Connections in the pool (default 10). */
  max?: number;
}

/** A driver that can also hold a lock across processes for the length of `fn`. */
export interface PostgresDriver extends Driver {
  /** Runs `fn` while holding the PostgreSQL advisory lock `name` (other instances wait for it). */
  exclusive<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** The pool, for what shares the database but not the store (rate-limit counters). */
  readonly pool: pg.Pool;
}

// Every BIGINT the store reads fits a double (indexes, sizes, counts, ids): read them as numbers,
// as SQLite hands them over, instead of node-postgres's default strings.
const INT8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

/** Errors worth running a whole batch again for: deadlock_detected, serialization_failure. */
const RETRYABLE = new Set(['40P01', '40001']);
const BATCH_ATTEMPTS = 8;

/**
 * Whether a failed batch may simply run again: a deadlock or serialization failure, or the
 * internal error PostgreSQL 15 raises now and then when two transactions lock one status-list row
 * (a foreign-key share lock and an update in one, an update in the other): "new multixact has more
 * than one updating member". Seen in CI under concurrent issuance; the server rolls the whole
 * transaction back, so running it again is as safe as after a deadlock.
 */
export function retryable(error: unknown): boolean {
  const e = (error instanceof ConstraintError ? error.cause : error) as { code?: string; message?: string } | null;
  if (!e) return false;
  return RETRYABLE.has(e.code ?? '') || (e.code === 'XX000' && /new multixact has more than one updating member/.test(e.message ?? ''));
}

/** `?` placeholders as `$1, $2, …`, skipping quoted strings and identifiers. Cached per SQL text. */
const numbered = new Map<string, string>();
export function numberPlaceholders(sql: string): string {
  let out = numbered.get(sql);
  if (out !== undefined) return out;
  let n = 0;
  out = sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\?/g, (m) => (m === '?' ? `$${++n}` : m));
  if (numbered.size > 2000) numbered.clear();
  numbered.set(sql, out);
  return out;
}

/**
 * A value as an SQL literal. Strings are quoted as node-postgres's escapeLiteral (libpq's rules)
 * quotes them: quotes doubled, and with a backslash the E'' form with backslashes doubled; written
 * with regular expressions, ten times faster than its loop on kilobyte documents.
 */
function literal(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot bind ${value} to an SQL statement`);
    return `(${value})`;
  }
  const quoted = value.replace(/'/g, "''");
  return value.includes('\\') ? ` E'${quoted.replace(/\\/g, '\\\\')}'` : `'${quoted}'`;
}

/**
 * A statement with its `?` replaced by literals, in one pass over the SQL text (values are never
 * scanned again). Used for batches: see transaction().
 */
export function inlineParams(sql: string, params: readonly SqlValue[]): string {
  let i = 0;
  const out = sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\?/g, (m) => (m !== '?' ? m : i < params.length ? literal(params[i++]!) : `${++i}`));
  if (i !== params.length) throw new Error(`statement has ${i} placeholders for ${params.length} values: ${sql.slice(0, 80)}`);
  return out;
}

/** A failure the driver names like the SQLite drivers do, keeping PostgreSQL's error as its cause. */
class ConstraintError extends Error {
  constructor(
    readonly violation: Violation,
    cause: pg.DatabaseError,
  ) {
    super(`${violation.kind === 'unique' ? 'UNIQUE' : 'CHECK'} constraint failed: ${violation.name} (${cause.message})`, { cause });
    this.name = 'ConstraintError';
  }
}

/**
 * The violation a PostgreSQL error reports, named as sqliteViolation names it: a unique index by
 * `table(columns in index order)` (from the error's table and its "Key (a, b)=(…)" detail, so a
 * constraint, a primary key and a CREATE UNIQUE INDEX all read alike), a CHECK by its name.
 */
function violationOf(error: unknown): Violation | null {
  if (!(error instanceof pg.DatabaseError)) return null;
  if (error.code === '23514' && error.constraint) return { kind: 'check', name: error.constraint };
  if (error.code !== '23505') return null;
  const columns = /^Key \((.+?)\)=\(/.exec(error.detail ?? '')?.[1];
  if (!error.table || !columns) return null;
  return {
    kind: 'unique',
    name: `${error.table}(${columns
      .split(', ')
      .map((c) => c.replace(/^"|"$/g, ''))
      .join(',')})`,
  };
}

/** The error to hand the store: constraint failures renamed, everything else as it came. */
function translated(error: unknown): unknown {
  const violation = violationOf(error);
  return violation ? new ConstraintError(violation, error as pg.DatabaseError) : error;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A driver on the PostgreSQL database at `url` (postgres://user:pass@host:port/db). */
export function openPostgresDriver(url: string, options: PostgresOptions = {}): PostgresDriver {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types });
  // An idle connection the server drops (restart, failover) must not crash the process.
  pool.on('error', () => {});
  // `sql` as PostgreSQL reads it: numbered placeholders, or a script sent as it is (batches, migrations).
  const query = async (sql: string, params: readonly SqlValue[] = [], script = false) => {
    try {
      return await pool.query(script ? sql : numberPlaceholders(sql), params as SqlValue[]);
    } catch (error) {
      throw translated(error);
    }
  };

  /**
   * A batch as one message of the simple query protocol: PostgreSQL runs the statements of one
   * such message as one implicit transaction, all or nothing, and answers them all in one round
   * trip. node-postgres cannot pipeline, so statement by statement a recordIssued would cost seven
   * round trips, holding its list's row lock for all of them, and loading a million records would
   * take minutes more. The simple protocol carries no parameters: values go in as literals.
   */
  async function transaction(statements: readonly Statement[]): Promise<{ changes: number }[]> {
    const script = statements.map((s) => inlineParams(s.sql, s.params)).join(';\n');
    const result = (await query(script, [], true)) as pg.QueryResult | pg.QueryResult[];
    const results = Array.isArray(result) ? result : [result];
    return results.map((r) => ({ changes: r.rowCount ?? 0 }));
  }

  return {
    dialect: 'postgres',
    pool,
    one: async (sql, params) => ((await query(sql, params)).rows[0] as Row | undefined) ?? null,
    all: async (sql, params) => (await query(sql, params)).rows as Row[],
    run: async (sql, params) => ({ changes: (await query(sql, params)).rowCount ?? 0 }),
    async batch(statements) {
      if (statements.length === 0) return [];
      for (let attempt = 1; ; attempt++) {
        try {
          return await transaction(statements);
        } catch (error) {
          if (!retryable(error) || attempt >= BATCH_ATTEMPTS) throw error;
          await sleep(Math.random() * 5 * attempt); // jitter, so the same two do not meet again
        }
      }
    },
    // A script without parameters goes over the simple protocol as one message, which PostgreSQL
    // runs as one implicit transaction: all of it or nothing.
    async exec(script) {
      await query(script, [], true);
    },
    async exclusive(name, fn) {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
        try {
          return await fn();
        } finally {
          await client.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
        }
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
    constraintOf: (error) => (error instanceof ConstraintError ? error.violation : violationOf(error)),
  };
}

// What only the PostgreSQL driver does: number placeholders, and write a batch's values as literals
// (one round trip, one implicit transaction), which must carry every string back unchanged.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { inlineParams, numberPlaceholders, openPostgresDriver, retryable } from '../../src/runtime/node/postgres-driver.js';
import { stmt } from '../../src/store/driver.js';
import { describePg, freshDatabase } from '../helpers/pg-test.js';

const NASTY = ["it's", "back\\slash \\' quote", '?', '$1', "'; DROP TABLE t; --", '证书 ✓ 𠀀', 'line\nbreak\ttab', '', "E'x'"];

describe('which failed batches run again', () => {
  it('deadlocks, serialization failures and the multixact internal error; nothing else', () => {
    expect(retryable({ code: '40P01', message: 'deadlock detected' })).toBe(true);
    expect(retryable({ code: '40001', message: 'could not serialize access' })).toBe(true);
    expect(retryable({ code: 'XX000', message: 'new multixact has more than one updating member: 0 3[2341 (nokeyupd), 2342 (keysh), 2342 (nokeyupd)]' })).toBe(
      true,
    );
    expect(retryable({ code: 'XX000', message: 'could not read block 0' })).toBe(false);
    expect(retryable({ code: '23505', message: 'duplicate key value' })).toBe(false);
    expect(retryable(new Error('connection refused'))).toBe(false);
  });
});

describe('statement text for PostgreSQL', () => {
  it('numbers ? outside quotes only', () => {
    expect(numberPlaceholders(`SELECT '?', "a?" FROM t WHERE a = ? AND b = 'it''s ?' AND c IN (?, ?)`)).toBe(
      `SELECT '?', "a?" FROM t WHERE a = $1 AND b = 'it''s ?' AND c IN ($2, $3)`,
    );
  });

  it('inlines values as literals, never rescanning them, and counts placeholders', () => {
    expect(inlineParams("SELECT ?, '?', ?, ?, ?", ["a'?", null, -1, 2.5])).toBe(`SELECT 'a''?', '?', NULL, (-1), (2.5)`);
    expect(() => inlineParams('SELECT ?', [])).toThrow(/1 placeholders for 0 values/);
    expect(() => inlineParams('SELECT ?', [Number.NaN])).toThrow(/cannot bind/);
    // Strings quoted exactly as node-postgres's escapeLiteral quotes them.
    for (const v of NASTY) expect(inlineParams('?', [v])).toBe(pg.escapeLiteral(v));
  });
});

describePg('PostgreSQL driver batches', () => {
  it("carries every string through a batch unchanged, and reports each statement's changes", async () => {
    const db = openPostgresDriver(await freshDatabase('literals'));
    await db.run('CREATE TABLE t (k BIGINT PRIMARY KEY, v TEXT)');
    const results = await db.batch([...NASTY.map((v, k) => stmt('INSERT INTO t (k, v) VALUES (?, ?)', k, v)), stmt('UPDATE t SET v = v WHERE k < ?', 3)]);
    expect(results).toEqual([...NASTY.map(() => ({ changes: 1 })), { changes: 3 }]);
    expect((await db.all('SELECT v FROM t ORDER BY k')).map((r) => r.v)).toEqual(NASTY);
    await db.close();
  });
});

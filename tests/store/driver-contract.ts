// The Driver contract: what the store relies on from every driver (driver.ts). Runs on
// better-sqlite3 (driver-sqlite.test.ts) and on D1 inside workerd (tests/workers/driver-contract.test.ts).
// No Node imports: it runs inside workerd too.
import { beforeAll, describe, expect, it } from 'vitest';
import { stmt, type Driver } from '../../src/store/driver.js';

// A scratch table with a composite primary key, a partial unique index and a named CHECK: the
// three kinds of constraint the store maps to outcomes. Portable SQL (SQLite, D1, PostgreSQL).
const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS driver_probe (a TEXT NOT NULL, b INTEGER NOT NULL, note TEXT,
    PRIMARY KEY (a, b), CONSTRAINT driver_probe_positive CHECK (b > 0))`,
  'CREATE UNIQUE INDEX IF NOT EXISTS driver_probe_one_note ON driver_probe (a, note) WHERE note IS NOT NULL',
];
const INSERT = 'INSERT INTO driver_probe (a, b, note) VALUES (?, ?, ?)';

/** Registers the Driver contract for one driver. */
export function driverContract(name: string, make: () => Promise<Driver>): void {
  describe(`Driver contract: ${name}`, () => {
    let db: Driver;
    beforeAll(async () => {
      db = await make();
      for (const sql of SCHEMA) await db.run(sql);
    });
    const key = () => `k-${crypto.randomUUID()}`;

    it('reads one row or null, all rows in order, and reports changes', async () => {
      const a = key();
      expect(await db.run(INSERT, [a, 1, '证书 ✓'])).toEqual({ changes: 1 });
      expect(await db.run(INSERT, [a, 2, null])).toEqual({ changes: 1 });
      expect(await db.one('SELECT a, b, note FROM driver_probe WHERE a = ? AND b = ?', [a, 1])).toEqual({ a, b: 1, note: '证书 ✓' });
      expect(await db.one('SELECT a FROM driver_probe WHERE a = ?', ['nobody'])).toBeNull();
      expect((await db.all('SELECT b, note FROM driver_probe WHERE a = ? ORDER BY b DESC', [a])).map((r) => [Number(r.b), r.note])).toEqual([
        [2, null],
        [1, '证书 ✓'],
      ]);
      expect(await db.run('UPDATE driver_probe SET b = b + 10 WHERE a = ?', [a])).toEqual({ changes: 2 });
      expect(await db.run('INSERT INTO driver_probe (a, b) VALUES (?, ?) ON CONFLICT DO NOTHING', [a, 11])).toEqual({ changes: 0 });
    });

    it('runs a batch in order, all or nothing, and an empty batch as nothing', async () => {
      const a = key();
      expect(await db.batch([stmt(INSERT, a, 1, null), stmt('UPDATE driver_probe SET b = b + 1 WHERE a = ?', a), stmt(INSERT, a, 1, null)])).toEqual([
        { changes: 1 },
        { changes: 1 },
        { changes: 1 },
      ]);
      const b = key();
      await expect(db.batch([stmt(INSERT, b, 1, null), stmt(INSERT, b, 2, null), stmt(INSERT, b, 1, null)])).rejects.toThrow();
      expect(await db.all('SELECT b FROM driver_probe WHERE a = ?', [b])).toEqual([]);
      expect(await db.batch([])).toEqual([]);
    });

    it('names the constraint a failure broke, alike on every driver', async () => {
      const a = key();
      await db.run(INSERT, [a, 1, 'n']);
      const failure = async (p: Promise<unknown>) =>
        p.then(
          () => expect.unreachable('should have failed'),
          (e: unknown) => e,
        );
      expect(db.constraintOf(await failure(db.run(INSERT, [a, 1, null])))).toEqual({ kind: 'unique', name: 'driver_probe(a,b)' });
      expect(db.constraintOf(await failure(db.batch([stmt(INSERT, a, 2, 'n')])))).toEqual({ kind: 'unique', name: 'driver_probe(a,note)' });
      expect(db.constraintOf(await failure(db.run(INSERT, [a, 0, null])))).toEqual({ kind: 'check', name: 'driver_probe_positive' });
      expect(db.constraintOf(await failure(db.run('SELECT nothing FROM nowhere')))).toBeNull();
      expect(db.constraintOf(new Error('unrelated'))).toBeNull();
    });
  });
}

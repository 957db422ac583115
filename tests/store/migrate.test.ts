import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteDriver } from '../../src/runtime/node/sqlite-driver.js';
import { readMigrations } from '../../src/runtime/node/sqlite-store.js';
import { applyMigrations } from '../../src/store/migrate.js';

const dir = mkdtempSync(join(tmpdir(), 'skillcred-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('migrations through the driver', () => {
  it('applies the migration files once, in order, and records each', async () => {
    const db = openSqliteDriver(join(dir, 'files.db'));
    const files = await readMigrations();
    const names = files.map((f) => f.name);
    expect(names.slice(0, 4)).toEqual(['0001_init.sql', '0002_store_guard.sql', '0003_trust.sql', '0004_keys_audit_status_default.sql']);
    expect(names).toEqual([...names].sort());
    expect(names.every((n) => /^\d{4}_[a-z0-9_]+\.sql$/.test(n))).toBe(true);
    await applyMigrations(db, files.slice().reverse()); // order comes from the names, not the list
    await applyMigrations(db, files); // nothing left to apply: no "table already exists"
    expect((await db.all('SELECT name FROM schema_migrations ORDER BY applied_at, name')).map((r) => r.name)).toEqual(files.map((f) => f.name));
    await db.close();
  });

  it('applies a migration and its record together or neither', async () => {
    const db = openSqliteDriver(join(dir, 'broken.db'));
    const broken = { name: '0001_broken.sql', sql: 'CREATE TABLE t (x INTEGER);\nCREATE TABLE t (x INTEGER);' };
    await expect(applyMigrations(db, [broken])).rejects.toThrow(/already exists/);
    expect(await db.one("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 't'")).toBeNull();
    expect(await db.all('SELECT name FROM schema_migrations')).toEqual([]);
    await expect(applyMigrations(db, [{ name: "0002_it's.sql", sql: 'SELECT 1' }])).rejects.toThrow(/name like/);
    await db.close();
  });
});

// Migrations on PostgreSQL: every real migration file, translated, applied once; a failing one
// leaves nothing; instances migrating at the same moment apply each file once between them; and a
// translated trigger really runs.
import { expect, it } from 'vitest';
import { openPostgresDriver } from '../../src/runtime/node/postgres-driver.js';
import { postgresStore } from '../../src/runtime/node/postgres-store.js';
import { readMigrations } from '../../src/runtime/node/sqlite-store.js';
import { applyMigrations } from '../../src/store/migrate.js';
import { describePg, freshDatabase } from '../helpers/pg-test.js';

describePg('PostgreSQL migrations', () => {
  it('applies every migration file once, in order, from two instances starting together', async () => {
    const url = await freshDatabase('migrate');
    const drivers = [openPostgresDriver(url), openPostgresDriver(url)];
    await Promise.all(drivers.map((d) => postgresStore(d).migrate()));
    await postgresStore(drivers[0]!).migrate(); // nothing left: no "already exists"
    const files = (await readMigrations()).map((f) => f.name);
    expect((await drivers[0]!.all('SELECT name FROM schema_migrations ORDER BY name')).map((r) => r.name)).toEqual(files);
    await Promise.all(drivers.map((d) => d.close()));
  });

  it('applies a migration and its record together or neither', async () => {
    const db = openPostgresDriver(await freshDatabase('broken'));
    const broken = { name: '0001_broken.sql', sql: 'CREATE TABLE t (x INTEGER);\nCREATE TABLE t (x INTEGER);' };
    await expect(applyMigrations(db, [broken])).rejects.toThrow(/already exists/);
    expect(await db.one("SELECT 1 FROM information_schema.tables WHERE table_name = 't'")).toBeNull();
    expect(await db.all('SELECT name FROM schema_migrations')).toEqual([]);
    await expect(applyMigrations(db, [{ name: '0002_pragma.sql', sql: 'PRAGMA foreign_keys = OFF' }])).rejects.toThrow(
      /0002_pragma.sql: cannot translate to PostgreSQL: PRAGMA/,
    );
    await db.close();
  });

  it('runs a translated trigger: conditions, WHEN, RAISE and other statements', async () => {
    const db = openPostgresDriver(await freshDatabase('trigger'));
    await applyMigrations(db, [
      {
        name: '0001_batches.sql',
        sql: `CREATE TABLE batches (id INTEGER PRIMARY KEY AUTOINCREMENT, state TEXT NOT NULL, n INTEGER NOT NULL DEFAULT 0);
          CREATE TABLE counts (id INTEGER PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0);
          CREATE TRIGGER batches_final BEFORE UPDATE OF state ON batches WHEN OLD.state = 'done'
          BEGIN
            SELECT RAISE(ABORT, 'a done batch is final') WHERE NEW.state <> 'done';
          END;
          CREATE TRIGGER batches_count AFTER INSERT ON batches
          BEGIN
            INSERT OR IGNORE INTO counts (id) VALUES (1);
            UPDATE counts SET n = n + 1 WHERE id = 1;
          END;`,
      },
    ]);
    await db.run("INSERT INTO batches (state) VALUES ('open'), ('done')");
    expect((await db.one('SELECT n FROM counts WHERE id = 1'))!.n).toBe(2);
    expect((await db.all('SELECT id FROM batches ORDER BY id')).map((r) => r.id)).toEqual([1, 2]);
    await db.run("UPDATE batches SET state = 'done' WHERE id = 1");
    await expect(db.run("UPDATE batches SET state = 'open' WHERE id = 2")).rejects.toThrow(/a done batch is final/);
    await db.close();
  });
});

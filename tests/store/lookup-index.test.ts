// Migration 0006: a look-up by certificate number reads the index, never the whole credentials table.
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CREDENTIALS_BY_NUMBER } from '../../src/store/sql/lookup.js';
import { tempSqliteStore } from '../helpers/store-fixtures.js';

describe('the certificate-number index (0006_lookup.sql)', () => {
  it('exists after migrating, and the look-up query searches it', async () => {
    const { store, driver, path } = await tempSqliteStore();
    try {
      const index = await driver.one("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'credentials_by_number'");
      expect(String(index?.sql)).toMatch(/ON credentials\s*\(certificate_number\)/);
      expect(await driver.one("SELECT name FROM schema_migrations WHERE name = '0006_lookup.sql'")).toEqual({ name: '0006_lookup.sql' });
      const plan = await driver.all(`EXPLAIN QUERY PLAN ${CREDENTIALS_BY_NUMBER}`, ['Y000144000123253000001', 20]);
      const steps = plan.map((r) => String(r.detail)).join('\n');
      expect(steps).toMatch(/SEARCH credentials USING INDEX credentials_by_number \(certificate_number=\?\)/);
      expect(steps).not.toMatch(/SCAN credentials/);
    } finally {
      await store.close();
      rmSync(dirname(path), { recursive: true, force: true });
    }
  });
});

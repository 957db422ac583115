// Store contract, part 5: credentials by certificate number (POST /v1/lookup reads these).
import { describe, expect, it } from 'vitest';
import { CREDENTIALS_BY_NUMBER } from '../../src/store/sql/lookup.js';
import { seedIssuer } from '../helpers/store-records.js';
import { issueOne, type GetStore } from './contract-harness.js';

/** Registers the look-up expectations. */
export function lookupContract(get: GetStore): void {
  describe('credentials by certificate number', () => {
    it('finds exactly the credentials of one number, latest issued first, whichever issuer, bounded', async () => {
      const { store } = get();
      const a = await seedIssuer(store);
      const b = await seedIssuer(store);
      const number = `Y${crypto.randomUUID().replace(/\D/g, '').padEnd(21, '7').slice(0, 21)}`;
      const older = await issueOne(store, a.id, { extra: { certificateNumber: number, issuedAt: '2025-06-20T00:00:00.000Z' } });
      const newer = await issueOne(store, b.id, { extra: { certificateNumber: number, issuedAt: '2025-07-01T00:00:00.000Z' } });
      const sibling = `${number.slice(0, -1)}${number.endsWith('0') ? '1' : '0'}`; // differs in the last digit only
      const other = await issueOne(store, a.id, { extra: { certificateNumber: sibling } });
      const found = await store.credentialsByNumber(number);
      expect(found.map((r) => r.id)).toEqual([newer.id, older.id]);
      expect(found[0]).toMatchObject({ issuerId: b.id, certificateNumber: number, issuedAt: '2025-07-01T00:00:00.000Z' });
      expect((await store.credentialsByNumber(number, 1)).map((r) => r.id)).toEqual([newer.id]);
      expect((await store.credentialsByNumber(number, 1000)).length).toBe(2);
      // exact: no prefix, case or pattern matching
      expect(await store.credentialsByNumber(number.slice(0, -1))).toEqual([]);
      expect(await store.credentialsByNumber(number.toLowerCase())).toEqual([]);
      expect(await store.credentialsByNumber(`${number.slice(0, -1)}%`)).toEqual([]);
      expect((await store.credentialsByNumber(sibling)).map((r) => r.id)).toEqual([other.id]);
    });

    it('reads at most 20 credentials of one number', async () => {
      const { store } = get();
      const issuer = await seedIssuer(store);
      const number = `S${crypto.randomUUID().replace(/\D/g, '').padEnd(21, '3').slice(0, 21)}`;
      for (let i = 0; i < 22; i++)
        await issueOne(store, issuer.id, { extra: { certificateNumber: number, issuedAt: `2025-06-${String(i + 1).padStart(2, '0')}T00:00:00.000Z` } });
      const found = await store.credentialsByNumber(number, 50);
      expect(found).toHaveLength(20);
      expect(found[0]!.issuedAt).toBe('2025-06-22T00:00:00.000Z');
    });

    it('searches the certificate-number index of migration 0006, never the whole table', async () => {
      const { query, dialect } = get();
      if (dialect === 'postgres') {
        // PostgreSQL plans a seq scan for a table this small whatever the indexes, so the contract
        // asks for the index itself; the planner picks it once the table is big (npm run bench -- scale).
        const rows = await query("SELECT indexdef FROM pg_indexes WHERE tablename = 'credentials' AND indexname = 'credentials_by_number'");
        expect(String(rows[0]?.indexdef)).toMatch(/\(certificate_number\)/);
        return;
      }
      const plan = await query(`EXPLAIN QUERY PLAN ${CREDENTIALS_BY_NUMBER}`, ['Y000144000123253000001', 20]);
      const steps = plan.map((r) => String(r.detail)).join('\n');
      expect(steps).toMatch(/SEARCH credentials USING INDEX credentials_by_number \(certificate_number=\?\)/);
      expect(steps).not.toMatch(/SCAN credentials/);
    });
  });
}

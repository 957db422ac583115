// Atomicity across instances: two stores on two connection pools (as two Node instances would
// hold) on one PostgreSQL database, racing on the same issuer, lists and credentials.
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { StatusChange } from '../../src/domain/status.js';
import { openPostgresStore } from '../../src/runtime/node/postgres-store.js';
import type { Store } from '../../src/store/store.js';
import { record, seedIssuer } from '../helpers/store-records.js';
import { describePg, freshDatabase } from '../helpers/pg-test.js';
import { BIG, auditCtx, credId, issueOne } from '../store/contract-harness.js';

const revoke = (credentialId: string): StatusChange => ({ credentialId, purpose: 'revocation', value: true });
const suspend = (credentialId: string, value = true): StatusChange => ({ credentialId, purpose: 'suspension', value });

describePg('PostgreSQL: two instances on one database', () => {
  let url: string;
  let a: Store;
  let b: Store;
  beforeAll(async () => {
    url = await freshDatabase('race');
    a = openPostgresStore(url).store;
    b = openPostgresStore(url).store;
    await Promise.all([a.migrate(), b.migrate()]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });
  const both = <T>(n: number, f: (store: Store, i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => f(i % 2 ? b : a, i)));

  it('claims distinct status indexes from both, on crowded lists that roll over, counting every claim', async () => {
    const issuer = await seedIssuer(a);
    const crowded = { size: 64, threshold: 0.9 };
    const results = await both(160, (store) => issueOne(store, issuer.id, { list: crowded, purposes: ['revocation', 'suspension'] }));
    expect(results.some((r) => r.attempts > 1)).toBe(true);
    for (const purpose of ['revocation', 'suspension'] as const) {
      const claimed = results.map((r) => r.slots.find((s) => s.purpose === purpose)!);
      expect(new Set(claimed.map((s) => `${s.listId}:${s.index}`)).size).toBe(160);
      const lists = (await b.listStatusLists(issuer.id)).filter((l) => l.purpose === purpose);
      expect(lists.reduce((sum, l) => sum + l.allocated, 0)).toBe(160);
      expect(lists.map((l) => l.seq)).toEqual(lists.map((_, i) => i + 1)); // no list opened twice
      expect(lists.filter((l) => l.state === 'open').length).toBeLessThanOrEqual(1);
    }
  });

  it('records once when one idempotency key races from both; every loser replays the winner', async () => {
    const issuer = await seedIssuer(a);
    const key = `race-${crypto.randomUUID()}`;
    const outcomes = await both(10, async (store, i) => {
      const id = credId(`idem${i}`);
      const slot = await store.pickStatusSlot(issuer.id, 'revocation', BIG);
      return {
        id,
        outcome: await store.recordIssued([{ record: record(issuer.id, id), slots: [slot] }], {
          issuerId: issuer.id,
          key,
          requestHash: 'h',
          response: JSON.stringify([id]),
        }),
      };
    });
    const winners = outcomes.filter((o) => o.outcome.outcome === 'recorded');
    expect(winners).toHaveLength(1);
    for (const o of outcomes)
      if (o !== winners[0]) expect(o.outcome).toEqual({ outcome: 'replay', requestHash: 'h', response: JSON.stringify([winners[0]!.id]) });
    expect(await b.countCredentials(issuer.id)).toBe(1);
  });

  it('never suspends a credential the other instance revoked concurrently', async () => {
    const issuer = await seedIssuer(a);
    const xs = await both(20, (store) => issueOne(store, issuer.id, { purposes: ['revocation', 'suspension'] }));
    const results = await Promise.all(
      xs.flatMap((x, i) => [(i % 2 ? a : b).setStatus([suspend(x.id)], auditCtx()), (i % 2 ? b : a).setStatus([revoke(x.id)], auditCtx())]),
    );
    for (const [i, x] of xs.entries()) {
      expect(results[2 * i + 1]).toEqual({ outcome: 'applied', changed: 1, unchanged: 0, skipped: 0 });
      const order = (await a.listAudit({ credentialId: x.id })).map((e) => e.purpose);
      expect(order).toEqual(results[2 * i]!.outcome === 'applied' ? ['suspension', 'revocation'] : ['revocation']);
    }
  });

  it('loses no flip and audits none wrongly when both flip one suspension bit', async () => {
    const issuer = await seedIssuer(a);
    const x = await issueOne(a, issuer.id, { purposes: ['revocation', 'suspension'] });
    const results = await both(24, (store, i) => store.setStatus([suspend(x.id, i % 4 < 2)], auditCtx(`flip ${i}`)));
    const changed = results.reduce((n, r) => n + (r.outcome === 'applied' ? r.changed : 0), 0);
    const audit = (await b.listAudit({ credentialId: x.id })).filter((e) => e.purpose === 'suspension');
    expect(audit).toHaveLength(changed);
    let value = false;
    for (const e of audit) {
      expect([e.oldValue, e.newValue]).toEqual([value, !value]);
      value = e.newValue;
    }
    expect((await a.getStatusEntries(x.id)).find((e) => e.purpose === 'suspension')!.value).toBe(value);
    expect((await a.getStatusList(issuer.id, 'suspension', 1))!.version).toBe(changed);
  });

  it('the guard waits on a change in flight elsewhere and, once it commits, replans on it', async () => {
    // A revocation's batch holds the entry's row lock, not yet committed, when a suspension is
    // planned on the old (unrevoked) value. A guard that only read would pass and suspend a revoked
    // credential; the locking guard waits, sees the committed revocation and the change is refused.
    const issuer = await seedIssuer(a);
    const x = await issueOne(a, issuer.id, { purposes: ['revocation', 'suspension'] });
    const revocation = (await a.getStatusEntries(x.id)).find((e) => e.purpose === 'revocation')!;
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    await other.query('BEGIN');
    await other.query('UPDATE status_entries SET value = 1 WHERE list_id = $1 AND idx = $2', [revocation.listId, revocation.index]);
    let settled = false;
    const suspension = b.setStatus([suspend(x.id)], auditCtx()).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toBe(false); // waiting on the row lock
    await other.query('COMMIT');
    await other.end();
    expect(await suspension).toEqual({ outcome: 'refused', credentialId: x.id, reason: 'revoked-final' });
    expect((await a.getStatusEntries(x.id)).map((e) => [e.purpose, e.value])).toEqual([
      ['revocation', true],
      ['suspension', false],
    ]);
  });
});

// Store contract, part 3: status lists, status changes (refusals, atomicity, concurrency) and the
// append-only audit log.
import { describe, expect, it } from 'vitest';
import type { IssuedEntry, Store } from '../../src/store/store.js';
import type { AuditEntry, StatusChange } from '../../src/domain/status.js';
import { record, seedIssuer } from '../helpers/store-records.js';
import { BIG, auditCtx, credId, issueOne, type GetStore } from './contract-harness.js';

const revoke = (credentialId: string): StatusChange => ({ credentialId, purpose: 'revocation', value: true });
const suspend = (credentialId: string, value = true): StatusChange => ({ credentialId, purpose: 'suspension', value });

/** The current bits of a credential, as { revocation, suspension }. */
async function bits(store: Store, id: string): Promise<Record<string, boolean>> {
  return Object.fromEntries((await store.getStatusEntries(id)).map((e) => [e.purpose, e.value]));
}

/** Each audit entry's old value is the previous entry's new value, and the last one is the bit now. */
function expectChained(entries: AuditEntry[], purpose: string, now: boolean): void {
  let value = false;
  for (const e of entries.filter((x) => x.purpose === purpose)) {
    expect(e.oldValue).toBe(value);
    expect(e.newValue).toBe(!value);
    value = e.newValue;
  }
  expect(value).toBe(now);
}

/** Registers the status-list, status-change and audit expectations. */
export function statusContract(get: GetStore): void {
  describe('status lists', () => {
    it('keeps a signed list unless a newer version, or the same version valid for longer, was saved', async () => {
      const { store } = get();
      const issuer = await seedIssuer(store);
      const { slots } = await issueOne(store, issuer.id);
      const listId = slots[0]!.listId;
      const signed = (version: number, validUntil: string, tag: string) => ({ version, json: `{"v":"${tag}"}`, etag: `"${tag}"`, validUntil });
      const read = async () => (await store.getStatusList(issuer.id, 'revocation', 1))!;
      await store.saveSignedStatusList(listId, signed(0, '2025-06-02T00:00:00Z', 'a'));
      expect(await read()).toMatchObject({ signedVersion: 0, signedJson: '{"v":"a"}', signedEtag: '"a"', signedValidUntil: '2025-06-02T00:00:00Z' });
      await store.saveSignedStatusList(listId, signed(0, '2025-06-01T00:00:00Z', 'older'));
      expect((await read()).signedEtag).toBe('"a"');
      await store.saveSignedStatusList(listId, signed(0, '2025-06-03T00:00:00Z', 'longer'));
      expect((await read()).signedEtag).toBe('"longer"');
      await store.saveSignedStatusList(listId, signed(2, '2025-06-01T00:00:00Z', 'v2'));
      expect((await read()).signedEtag).toBe('"v2"');
      await store.saveSignedStatusList(listId, signed(1, '2025-06-09T00:00:00Z', 'stale'));
      expect(await read()).toMatchObject({ signedVersion: 2, signedEtag: '"v2"' });
      expect(await store.getStatusList(issuer.id, 'revocation', 9)).toBeNull();
    });

    it('lists the set bits of a list', async () => {
      const { store } = get();
      const issuer = await seedIssuer(store);
      const issued = await Promise.all([1, 2, 3].map(() => issueOne(store, issuer.id)));
      const listId = issued[0]!.slots[0]!.listId;
      expect(await store.listSetBits(listId)).toEqual([]);
      await store.setStatus([revoke(issued[0]!.id), revoke(issued[2]!.id)], auditCtx());
      expect((await store.listSetBits(listId)).sort((a, b) => a - b)).toEqual([issued[0]!.slots[0]!.index, issued[2]!.slots[0]!.index].sort((a, b) => a - b));
    });
  });

  describe('status changes', () => {
    it('revokes: sets the bit, bumps the list version, appends one audit entry; again is unchanged', async () => {
      const { store } = get();
      const issuer = await seedIssuer(store);
      const { id } = await issueOne(store, issuer.id, { purposes: ['revocation', 'suspension'] });
      const ctx = { ...auditCtx('fraud found in exam session 7', 'issuer:abc'), clientRequestId: 'their-req-7' };
      expect(await store.setStatus([revoke(id)], ctx)).toEqual({ outcome: 'applied', changed: 1, unchanged: 0, skipped: 0 });
      expect(await bits(store, id)).toEqual({ revocation: true, suspension: false });
      expect((await store.getStatusList(issuer.id, 'revocation', 1))!.version).toBe(1);
      expect((await store.getStatusList(issuer.id, 'suspension', 1))!.version).toBe(0);
      const audit = await store.listAudit({ credentialId: id });
      expect(audit).toEqual([
        {
          id: expect.any(Number),
          credentialId: id,
          issuerId: issuer.id,
          purpose: 'revocation',
          oldValue: false,
          newValue: true,
          actor: 'issuer:abc',
          reason: 'fraud found in exam session 7',
          requestId: ctx.requestId,
          clientRequestId: 'their-req-7',
          at: ctx.at,
        },
      ]);
      expect(await store.setStatus([revoke(id)], auditCtx())).toEqual({ outcome: 'applied', changed: 0, unchanged: 1, skipped: 0 });
      expect(await store.listAudit({ credentialId: id })).toHaveLength(1);
      expect((await store.getStatusList(issuer.id, 'revocation', 1))!.version).toBe(1);
    });

    it('refuses any change but revoking again on a revoked credential: revocation is final', async () => {
      const { store } = get();
      const issuer = await seedIssuer(store);
      const { id } = await issueOne(store, issuer.id, { purposes: ['revocation', 'suspension'] });
      await store.setStatus([revoke(id)], auditCtx());
      expect(await store.setStatus([suspend(id)], auditCtx())).toEqual({ outcome: 'refused', credentialId: id, reason: 'revoked-final' });
      expect(await store.setStatus([{ credentialId: id, purpose: 'revocation', value: false }], auditCtx())).toEqual({
        outcome: 'refused',
        credentialId: id,
        reason: 'revoked-final',
      });
      expect(await bits(store, id)).toEqual({ revocation: true, suspension: false });
    });

    it('refuses a purpose the credential has no entry for, and an unknown credential; revoked-final wins over no-entry', async () => {
      const { store } = get();
      const issuer = await seedIssuer(store);
      const { id } = await issueOne(store, issuer.id); // revocation entry only
      expect(await store.setStatus([suspend(id)], auditCtx())).toEqual({ outcome: 'refused', credentialId: id, reason: 'no-entry' });
      expect(await store.setStatus([revoke('urn:uuid:unknown')], auditCtx())).toEqual({
        outcome: 'refused',
        credentialId: 'urn:uuid:unknown',
        reason: 'no-entry',
      });
      await store.setStatus([revoke(id)], auditCtx());
      expect(await store.setStatus([suspend(id)], auditCtx())).toEqual({ outcome: 'refused', credentialId: id, reason: 'revoked-final' });
    });

    it('refuses the whole change when any part is refused: nothing set, nothing audited, no version bump', async () => {
      const { store } = get();
      const issuer = await seedIssuer(store);
      const a = await issueOne(store, issuer.id);
      const b = await issueOne(store, issuer.id); // no suspension entry
      const result = await store.setStatus([revoke(a.id), suspend(b.id), revoke(b.id)], auditCtx());
      expect(result).toEqual({ outcome: 'refused', credentialId: b.id, reason: 'no-entry' });
      expect(await bits(store, a.id)).toEqual({ revocation: false });
      expect(await store.listAudit({ credentialId: a.id })).toEqual([]);
      expect((await store.getStatusList(issuer.id, 'revocation', 1))!.version).toBe(0);
    });

    it('with skipMissing, skips what it cannot change, applies the rest and reports progress to the end', async () => {
      const { store } = get();
      const issuer = await seedIssuer(store);
      const withSuspension = await issueOne(store, issuer.id, { purposes: ['revocation', 'suspension'] });
      const without = await issueOne(store, issuer.id);
      const revoked = await issueOne(store, issuer.id, { purposes: ['revocation', 'suspension'] });
      await store.setStatus([revoke(revoked.id)], auditCtx());
      const progress: [number, number][] = [];
      const result = await store.setStatus([suspend(withSuspension.id), suspend(without.id), suspend(revoked.id), suspend('urn:uuid:unknown')], auditCtx(), {
        skipMissing: true,
        onProgress: (done, total) => progress.push([done, total]),
      });
      expect(result).toEqual({ outcome: 'applied', changed: 1, unchanged: 0, skipped: 3 });
      expect(progress.at(-1)).toEqual([4, 4]);
      expect(await bits(store, withSuspension.id)).toEqual({ revocation: false, suspension: true });
      expect(await bits(store, revoked.id)).toEqual({ revocation: true, suspension: false });
    });

    it('applies the changes of one call in order: a later change sees an earlier one', async () => {
      const { store } = get();
      const issuer = await seedIssuer(store);
      const x = await issueOne(store, issuer.id, { purposes: ['revocation', 'suspension'] });
      // Suspend then reinstate: two audited changes, the bit back where it was.
      expect(await store.setStatus([suspend(x.id), suspend(x.id, false)], auditCtx())).toEqual({ outcome: 'applied', changed: 2, unchanged: 0, skipped: 0 });
      expect(await bits(store, x.id)).toEqual({ revocation: false, suspension: false });
      expect((await store.listAudit({ credentialId: x.id })).map((e) => [e.oldValue, e.newValue])).toEqual([
        [false, true],
        [true, false],
      ]);
      expect((await store.getStatusList(issuer.id, 'suspension', 1))!.version).toBe(1);
      // Suspending twice in one call: the second is unchanged.
      expect(await store.setStatus([suspend(x.id), suspend(x.id)], auditCtx())).toEqual({ outcome: 'applied', changed: 1, unchanged: 1, skipped: 0 });
      // Revoke then suspend in one call: the suspension meets a revoked credential.
      const y = await issueOne(store, issuer.id, { purposes: ['revocation', 'suspension'] });
      expect(await store.setStatus([revoke(y.id), suspend(y.id)], auditCtx())).toEqual({ outcome: 'refused', credentialId: y.id, reason: 'revoked-final' });
      expect(await bits(store, y.id)).toEqual({ revocation: false, suspension: false });
      // Suspend then revoke is fine.
      expect(await store.setStatus([suspend(y.id), revoke(y.id)], auditCtx())).toEqual({ outcome: 'applied', changed: 2, unchanged: 0, skipped: 0 });
    });

    it('changes thousands of credentials in one atomic call', async () => {
      const { store } = get();
      const issuer = await seedIssuer(store);
      // 2,500 credentials on one list, at indexes 0, 7, 14, …: recording takes 25 round trips, not 2,500 picks.
      const first = await store.pickStatusSlot(issuer.id, 'revocation', BIG);
      const ids: string[] = [];
      for (let batch = 0; batch < 25; batch++) {
        const entries: IssuedEntry[] = Array.from({ length: 100 }, (_, i) => ({
          record: record(issuer.id, credId('bulk')),
          slots: [{ ...first, index: (batch * 100 + i) * 7 }],
        }));
        expect((await store.recordIssued(entries, null)).outcome).toBe('recorded');
        ids.push(...entries.map((e) => e.record.id));
      }
      const progress: [number, number][] = [];
      const result = await store.setStatus([...ids.map(revoke), suspend(ids[0]!)], auditCtx('session annulled'), {
        skipMissing: true,
        onProgress: (done, total) => progress.push([done, total]),
      });
      expect(result).toEqual({ outcome: 'applied', changed: 2500, unchanged: 0, skipped: 1 });
      // Progress every 1,000 changes, and the total once all are committed: alike on every driver.
      expect(progress).toEqual([
        [1000, 2501],
        [2000, 2501],
        [2501, 2501],
      ]);
      const list = (await store.getStatusList(issuer.id, 'revocation', 1))!;
      expect(list.version).toBe(1);
      expect(await store.listSetBits(list.id)).toHaveLength(2500);
      expect(await store.listAudit({ issuerId: issuer.id }, 5000)).toHaveLength(2500);
      // A refusal at the very end undoes all of it.
      const more = await issueOne(store, issuer.id);
      const refused = await store.setStatus([revoke(more.id), ...ids.map((id) => suspend(id))], auditCtx());
      expect(refused).toMatchObject({ outcome: 'refused', reason: 'revoked-final' });
      expect(await bits(store, more.id)).toEqual({ revocation: false });
    });

    it('loses no change and audits none wrongly when changes to one credential race', async () => {
      const { store } = get();
      const issuer = await seedIssuer(store);
      const x = await issueOne(store, issuer.id, { purposes: ['revocation', 'suspension'] });
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => store.setStatus([suspend(x.id, i % 2 === 0)], auditCtx(`flip ${i}`))));
      const changed = results.reduce((n, r) => n + (r.outcome === 'applied' ? r.changed : 0), 0);
      const audit = await store.listAudit({ credentialId: x.id });
      expect(audit).toHaveLength(changed);
      expectChained(audit, 'suspension', (await bits(store, x.id)).suspension!);
      expect((await store.getStatusList(issuer.id, 'suspension', 1))!.version).toBe(changed);
    });

    it('never suspends a credential revoked concurrently (revocation stays final under races)', async () => {
      const { store } = get();
      const issuer = await seedIssuer(store);
      const xs = await Promise.all([1, 2, 3, 4, 5, 6].map(() => issueOne(store, issuer.id, { purposes: ['revocation', 'suspension'] })));
      const ops = xs.flatMap((x) => [store.setStatus([suspend(x.id)], auditCtx()), store.setStatus([revoke(x.id)], auditCtx())]);
      const results = await Promise.all(ops);
      for (const [i, x] of xs.entries()) {
        const audit = await store.listAudit({ credentialId: x.id });
        const suspendResult = results[2 * i]!;
        expect(results[2 * i + 1]).toEqual({ outcome: 'applied', changed: 1, unchanged: 0, skipped: 0 });
        const order = audit.map((e) => e.purpose);
        if (suspendResult.outcome === 'applied') {
          // Then it was applied before the revocation, never after.
          expect(order).toEqual(['suspension', 'revocation']);
        } else {
          expect(suspendResult).toEqual({ outcome: 'refused', credentialId: x.id, reason: 'revoked-final' });
          expect(order).toEqual(['revocation']);
        }
      }
    });

    it('bumps a list version once per call that changed it, whatever the concurrency', async () => {
      const { store } = get();
      const issuer = await seedIssuer(store);
      const xs = await Promise.all(Array.from({ length: 10 }, () => issueOne(store, issuer.id)));
      const results = await Promise.all(xs.map((x) => store.setStatus([revoke(x.id)], auditCtx())));
      expect(results.every((r) => r.outcome === 'applied' && r.changed === 1)).toBe(true);
      expect((await store.getStatusList(issuer.id, 'revocation', 1))!.version).toBe(10);
      expect(await store.listSetBits(xs[0]!.slots[0]!.listId)).toHaveLength(10);
    });
  });

  describe('audit log', () => {
    it('lists by credential and by issuer in append order, with a limit', async () => {
      const { store } = get();
      const issuer = await seedIssuer(store);
      const other = await seedIssuer(store);
      const a = await issueOne(store, issuer.id, { purposes: ['revocation', 'suspension'] });
      const b = await issueOne(store, issuer.id);
      const c = await issueOne(store, other.id);
      await store.setStatus([suspend(a.id)], auditCtx('one'));
      await store.setStatus([revoke(b.id)], auditCtx('two'));
      await store.setStatus([revoke(a.id)], auditCtx('three'));
      await store.setStatus([revoke(c.id)], auditCtx('elsewhere'));
      const all = await store.listAudit({ issuerId: issuer.id });
      expect(all.map((e) => e.reason)).toEqual(['one', 'two', 'three']);
      expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((x, y) => x - y));
      expect((await store.listAudit({ issuerId: issuer.id }, 2)).map((e) => e.reason)).toEqual(['one', 'two']);
      expect((await store.listAudit({ credentialId: a.id })).map((e) => e.reason)).toEqual(['one', 'three']);
      expect(await store.listAudit({ credentialId: 'urn:uuid:none' })).toEqual([]);
    });

    it('is append-only: the database refuses to update or delete an entry', async () => {
      const sut = get();
      const issuer = await seedIssuer(sut.store);
      const { id } = await issueOne(sut.store, issuer.id);
      await sut.store.setStatus([revoke(id)], auditCtx('kept'));
      await expect(sut.exec(`UPDATE status_audit SET reason = 'edited' WHERE credential_id = '${id}'`)).rejects.toThrow(/append-only/);
      await expect(sut.exec(`DELETE FROM status_audit WHERE credential_id = '${id}'`)).rejects.toThrow(/append-only/);
      expect((await sut.store.listAudit({ credentialId: id })).map((e) => e.reason)).toEqual(['kept']);
    });
  });
}

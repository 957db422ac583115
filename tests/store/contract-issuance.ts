// Store contract, part 2: status-index allocation, recording issued credentials (atomic,
// idempotent, both-or-neither), and reading credentials back.
import { describe, expect, it } from 'vitest';
import { closeAtFor } from '../../src/domain/status.js';
import type { IssuedEntry } from '../../src/store/store.js';
import { record, seedIssuer } from '../helpers/store-records.js';
import { BIG, credId, issueOne, type GetStore } from './contract-harness.js';

/** Registers the allocation and issuance expectations. */
export function issuanceContract(get: GetStore): void {
  describe('status index allocation', () => {
    it('opens list 1 on first use and picks an index inside it without claiming it', async () => {
      const { store } = get();
      const issuer = await seedIssuer(store);
      const a = await store.pickStatusSlot(issuer.id, 'revocation', BIG);
      const b = await store.pickStatusSlot(issuer.id, 'revocation', BIG);
      expect(a).toMatchObject({ seq: 1, purpose: 'revocation', listId: b.listId });
      expect(a.index).toBeGreaterThanOrEqual(0);
      expect(a.index).toBeLessThan(BIG.size);
      const list = (await store.getStatusList(issuer.id, 'revocation', 1))!;
      expect(list).toMatchObject({
        id: a.listId,
        issuerId: issuer.id,
        purpose: 'revocation',
        seq: 1,
        size: BIG.size,
        allocated: 0,
        closeAt: closeAtFor(BIG.size, BIG.threshold),
        state: 'open',
        version: 0,
        signedVersion: -1,
        signedJson: null,
        signedEtag: null,
        signedValidUntil: null,
      });
      // Suspension lists are separate lists with their own numbering.
      const s = await store.pickStatusSlot(issuer.id, 'suspension', BIG);
      expect(s.seq).toBe(1);
      expect(s.listId).not.toBe(a.listId);
      expect((await store.listStatusLists(issuer.id)).map((l) => [l.purpose, l.seq])).toEqual([
        ['revocation', 1],
        ['suspension', 1],
      ]);
    });

    it('opens one list between concurrent first picks, never one each', async () => {
      const { store } = get();
      const issuer = await seedIssuer(store);
      const picks = await Promise.all(Array.from({ length: 12 }, () => store.pickStatusSlot(issuer.id, 'revocation', BIG)));
      expect(new Set(picks.map((p) => p.listId)).size).toBe(1);
      expect((await store.listStatusLists(issuer.id)).map((l) => l.seq)).toEqual([1]);
    });

    it('counts claims, closes a list at its threshold and opens the next one', async () => {
      const { store } = get();
      const issuer = await seedIssuer(store);
      const small = { size: 8, threshold: 0.5 }; // closes after 4
      const indexes = new Set<number>();
      for (let i = 0; i < 4; i++) {
        const { slots } = await issueOne(store, issuer.id, { list: small });
        expect(slots[0]!.seq).toBe(1);
        indexes.add(slots[0]!.index);
      }
      expect(indexes.size).toBe(4);
      expect(await store.getStatusList(issuer.id, 'revocation', 1)).toMatchObject({ allocated: 4, closeAt: 4, state: 'closed' });
      const next = await store.pickStatusSlot(issuer.id, 'revocation', small);
      expect(next.seq).toBe(2);
      expect(await store.getStatusList(issuer.id, 'revocation', 2)).toMatchObject({ allocated: 0, state: 'open' });
    });

    it('never gives an index twice: a slot claimed first makes the second claim slot-taken, leaving nothing', async () => {
      const { store } = get();
      const issuer = await seedIssuer(store);
      const slot = await store.pickStatusSlot(issuer.id, 'revocation', BIG);
      const a = credId('a');
      const b = credId('b');
      expect(await store.recordIssued([{ record: record(issuer.id, a), slots: [slot] }], null)).toEqual({ outcome: 'recorded' });
      expect(await store.recordIssued([{ record: record(issuer.id, b), slots: [slot] }], null)).toEqual({ outcome: 'slot-taken' });
      expect(await store.getCredential(b)).toBeNull();
      expect(await store.getStatusEntries(b)).toEqual([]);
      expect((await store.getStatusList(issuer.id, 'revocation', 1))!.allocated).toBe(1);
    });

    it('gives every one of many concurrent issuances its own index, on crowded lists that roll over', async () => {
      const { store } = get();
      const issuer = await seedIssuer(store);
      const crowded = { size: 32, threshold: 0.9 }; // closes after 29: 60 issuances need two lists or more
      const results = await Promise.all(
        Array.from({ length: 60 }, () => issueOne(store, issuer.id, { list: crowded, purposes: ['revocation', 'suspension'] })),
      );
      expect(results.some((r) => r.attempts > 1)).toBe(true); // the race really happened
      for (const purpose of ['revocation', 'suspension'] as const) {
        const claimed = results.map((r) => r.slots.find((s) => s.purpose === purpose)!);
        expect(new Set(claimed.map((s) => `${s.listId}:${s.index}`)).size).toBe(60);
        const lists = (await store.listStatusLists(issuer.id)).filter((l) => l.purpose === purpose);
        expect(lists.reduce((sum, l) => sum + l.allocated, 0)).toBe(60);
        // Claims picked before a list closed may still land on it, up to its size.
        expect(lists.length).toBeGreaterThanOrEqual(2);
        for (const l of lists) {
          expect(l.allocated).toBeLessThanOrEqual(l.size);
          if (l.state === 'closed') expect(l.allocated).toBeGreaterThanOrEqual(l.closeAt);
          else expect(l.allocated).toBeLessThan(l.closeAt);
        }
        expect(lists.filter((l) => l.state === 'open').length).toBeLessThanOrEqual(1);
      }
      // Every credential holds exactly the entries it claimed.
      for (const r of results) {
        const entries = await store.getStatusEntries(r.id);
        expect(entries.map((e) => [e.purpose, e.listId, e.index]).sort()).toEqual(r.slots.map((s) => [s.purpose, s.listId, s.index]).sort());
      }
    });
  });

  describe('recording issued credentials', () => {
    it('records a credential with every field, and its status entries with list numbers', async () => {
      const { store } = get();
      const issuer = await seedIssuer(store);
      const extra = {
        kind: 'skill-level',
        holderHash: 'sha256$abc',
        certificateNumber: 'Y000144000123253000001',
        assessmentId: 'ASM-1',
        issuedAt: '2025-06-20T08:00:00.000Z',
        validFrom: '2025-06-20T00:00:00Z',
        format: 'eddsa-jcs-2022',
        document: JSON.stringify({ id: 'x', name: '张三' }),
      };
      const { id, slots } = await issueOne(store, issuer.id, { purposes: ['revocation', 'suspension'], extra });
      expect(await store.getCredential(id)).toEqual(record(issuer.id, id, extra));
      expect(await store.getStatusEntries(id)).toEqual(
        slots.map((s) => ({ credentialId: id, purpose: s.purpose, listId: s.listId, seq: 1, index: s.index, value: false })),
      );
      expect(await store.getCredential('urn:uuid:none')).toBeNull();
    });

    it('is idempotent: the same key twice records once and replays the first response', async () => {
      const { store } = get();
      const issuer = await seedIssuer(store);
      const claim = { issuerId: issuer.id, key: `idem-${crypto.randomUUID()}`, requestHash: 'h1', response: '["first"]' };
      const first = await issueOne(store, issuer.id, { idempotency: claim });
      const slot = await store.pickStatusSlot(issuer.id, 'revocation', BIG);
      const second = credId('second');
      const again = await store.recordIssued([{ record: record(issuer.id, second), slots: [slot] }], { ...claim, requestHash: 'h2', response: '["second"]' });
      expect(again).toEqual({ outcome: 'replay', requestHash: 'h1', response: '["first"]' });
      expect(await store.getCredential(first.id)).not.toBeNull();
      expect(await store.getCredential(second)).toBeNull();
      expect(await store.getStatusEntries(second)).toEqual([]);
      expect(await store.getIdempotent(issuer.id, claim.key)).toEqual({ requestHash: 'h1', response: '["first"]' });
      expect(await store.getIdempotent(issuer.id, 'never-used')).toBeNull();
      // Keys are per issuer: another issuer may use the same key.
      const other = await seedIssuer(store);
      await issueOne(store, other.id, { idempotency: { ...claim, issuerId: other.id } });
    });

    it('never records twice when the same key races itself', async () => {
      const { store } = get();
      const issuer = await seedIssuer(store);
      const key = `race-${crypto.randomUUID()}`;
      const ids = Array.from({ length: 8 }, (_, i) => credId(`race${i}`));
      const slots = await Promise.all(ids.map(() => store.pickStatusSlot(issuer.id, 'revocation', BIG)));
      const outcomes = await Promise.all(
        ids.map((id, i) =>
          store.recordIssued([{ record: record(issuer.id, id), slots: [slots[i]!] }], {
            issuerId: issuer.id,
            key,
            requestHash: 'h',
            response: JSON.stringify([id]),
          }),
        ),
      );
      const recorded = outcomes.filter((o) => o.outcome === 'recorded');
      expect(recorded).toHaveLength(1);
      const winner = ids[outcomes.indexOf(recorded[0]!)]!;
      // The idempotency claim is written first, so every loser replays (even one whose slot clashed).
      for (const o of outcomes) if (o !== recorded[0]) expect(o).toEqual({ outcome: 'replay', requestHash: 'h', response: JSON.stringify([winner]) });
      expect(await store.countCredentials(issuer.id)).toBe(1);
    });

    it('records the two certificates of an assessment both or neither', async () => {
      const { store } = get();
      const issuer = await seedIssuer(store);
      const pair = async (kinds: string[], assessmentId: string): Promise<{ entries: IssuedEntry[] }> => ({
        entries: await Promise.all(
          kinds.map(async (kind) => ({
            record: record(issuer.id, credId(kind), { kind, assessmentId }),
            slots: [await store.pickStatusSlot(issuer.id, 'revocation', BIG)],
          })),
        ),
      });
      const first = await pair(['specialized-ability', 'enterprise'], 'ASM-PAIR');
      expect(await store.recordIssued(first.entries, null)).toEqual({ outcome: 'recorded' });
      expect((await store.listCredentials({ by: 'assessment', issuerId: issuer.id, assessmentId: 'ASM-PAIR' })).map((c) => c.kind).sort()).toEqual([
        'enterprise',
        'specialized-ability',
      ]);
      // A second pair for the same assessment: its new kind must not be recorded alone.
      const second = await pair(['skill-level', 'enterprise'], 'ASM-PAIR');
      const key = `k-${crypto.randomUUID()}`;
      const result = await store.recordIssued(second.entries, { issuerId: issuer.id, key, requestHash: 'h', response: '[]' });
      expect(result).toEqual({ outcome: 'duplicate', detail: expect.stringMatching(/assessment/) });
      for (const e of second.entries) {
        expect(await store.getCredential(e.record.id)).toBeNull();
        expect(await store.getStatusEntries(e.record.id)).toEqual([]);
      }
      expect(await store.countCredentials(issuer.id)).toBe(2);
      expect((await store.getStatusList(issuer.id, 'revocation', 1))!.allocated).toBe(2);
      // The idempotency claim of the refused batch was rolled back too.
      expect(await store.getIdempotent(issuer.id, key)).toBeNull();
      // The same assessment id at another issuer is another assessment.
      const other = await seedIssuer(store);
      await issueOne(store, other.id, { extra: { kind: 'enterprise', assessmentId: 'ASM-PAIR' } });
    });

    it('refuses a credential id issued before as a duplicate, recording nothing of the batch', async () => {
      const { store } = get();
      const issuer = await seedIssuer(store);
      const { id } = await issueOne(store, issuer.id);
      const fresh = credId('fresh');
      const entries: IssuedEntry[] = [
        { record: record(issuer.id, fresh), slots: [await store.pickStatusSlot(issuer.id, 'revocation', BIG)] },
        { record: record(issuer.id, id), slots: [await store.pickStatusSlot(issuer.id, 'revocation', BIG)] },
      ];
      expect(await store.recordIssued(entries, null)).toEqual({ outcome: 'duplicate', detail: expect.stringMatching(/id/) });
      expect(await store.getCredential(fresh)).toBeNull();
      expect(await store.countCredentials(issuer.id)).toBe(1);
    });

    it('lists credentials by assessment and by issue time (from inclusive, to exclusive), and counts them', async () => {
      const { store } = get();
      const issuer = await seedIssuer(store);
      const before = await store.countCredentials();
      const at = (t: string) => ({ issuedAt: t, assessmentId: t < '2025-06-21' ? 'ASM-EARLY' : 'ASM-LATE' });
      const times = ['2025-06-20T10:00:00.000Z', '2025-06-20T09:00:00.000Z', '2025-06-21T00:00:00.000Z', '2025-06-22T00:00:00.000Z'];
      const ids = new Map<string, string>();
      for (const t of times) ids.set(t, (await issueOne(store, issuer.id, { extra: { ...at(t), kind: `k-${t}` } })).id);
      const between = await store.listCredentials({
        by: 'issued-between',
        issuerId: issuer.id,
        from: '2025-06-20T09:00:00.000Z',
        to: '2025-06-22T00:00:00.000Z',
      });
      expect(between.map((c) => c.issuedAt)).toEqual(['2025-06-20T09:00:00.000Z', '2025-06-20T10:00:00.000Z', '2025-06-21T00:00:00.000Z']);
      const early = await store.listCredentials({ by: 'assessment', issuerId: issuer.id, assessmentId: 'ASM-EARLY' });
      expect(early.map((c) => c.id)).toEqual([ids.get(times[1]!), ids.get(times[0]!)]);
      expect(await store.listCredentials({ by: 'assessment', issuerId: 'nobody', assessmentId: 'ASM-EARLY' })).toEqual([]);
      expect(await store.countCredentials(issuer.id)).toBe(4);
      expect(await store.countCredentials(issuer.id, { from: '2025-06-20T09:00:00.000Z', to: '2025-06-22T00:00:00.000Z' })).toBe(3);
      expect(await store.countCredentials(issuer.id, { from: '2999-01-01T00:00:00.000Z', to: '2999-01-02T00:00:00.000Z' })).toBe(0);
      expect(await store.countCredentials()).toBe(before + 4);
    });
  });
}

import { describe, expect, it } from 'vitest';
import { closeAtFor } from '../../src/domain/status.js';
import { record, seedIssuer, tempSqliteStore } from '../helpers/store-fixtures.js';

const SIZE = 131_072;
const THRESHOLD = 0.8;

describe('status index allocation (store level)', () => {
  it('100,000 allocations on one 131,072-entry list: all unique, spread uniformly, rollover at the 80% threshold', async () => {
    const { store } = await tempSqliteStore();
    const issuer = await seedIssuer(store);
    const opts = { size: SIZE, threshold: THRESHOLD };
    const indexes: number[] = [];
    const seqs = new Set<number>();
    // 100 credentials per atomic recordIssued (as an assessment pair is recorded), 1,000 batches.
    for (let batch = 0; batch < 1000; batch++) {
      const entries = [];
      const picked = new Set<number>();
      while (entries.length < 100) {
        const slot = await store.pickStatusSlot(issuer.id, 'revocation', opts);
        if (picked.has(slot.index)) continue; // two picks within one batch may coincide; pick again
        picked.add(slot.index);
        seqs.add(slot.seq);
        entries.push({ record: record(issuer.id, `urn:c:${batch}:${entries.length}`), slots: [slot] });
      }
      const result = await store.recordIssued(entries, null);
      if (result.outcome !== 'recorded') throw new Error(`batch ${batch}: ${result.outcome}`);
      for (const e of entries) indexes.push(e.slots[0]!.index);
    }
    expect([...seqs]).toEqual([1]);
    expect(new Set(indexes).size).toBe(100_000);
    expect(Math.min(...indexes)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...indexes)).toBeLessThan(SIZE);

    // Uniformity: 64 buckets of 2,048 indexes; chi-square with 63 degrees of freedom.
    // Sequential allocation would fill 49 buckets and leave 15 empty (chi-square ≈ 28,000).
    const buckets = new Array<number>(64).fill(0);
    for (const i of indexes) buckets[Math.floor(i / 2048)]!++;
    const expected = 100_000 / 64;
    const chi2 = buckets.reduce((s, o) => s + (o - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(103.4); // critical value at p = 0.001
    // Order matters too: the first 1,000 allocations must not cluster at the start of the list.
    const firstThousandMean = indexes.slice(0, 1000).reduce((s, i) => s + i, 0) / 1000;
    expect(Math.abs(firstThousandMean - SIZE / 2)).toBeLessThan(SIZE * 0.06);

    let list = (await store.getStatusList(issuer.id, 'revocation', 1))!;
    expect(list).toMatchObject({ allocated: 100_000, state: 'open', closeAt: closeAtFor(SIZE, THRESHOLD) });

    // Fill to the threshold: the list closes at 104,858 and the next allocation opens list 2.
    let i = 100_000;
    while (list.state === 'open') {
      const slot = await store.pickStatusSlot(issuer.id, 'revocation', opts);
      expect(slot.seq).toBe(1);
      await store.recordIssued([{ record: record(issuer.id, `urn:c:${i++}`), slots: [slot] }], null);
      list = (await store.getStatusList(issuer.id, 'revocation', 1))!;
    }
    expect(list.allocated).toBe(Math.ceil(SIZE * THRESHOLD));
    const next = await store.pickStatusSlot(issuer.id, 'revocation', opts);
    expect(next.seq).toBe(2);
    expect((await store.getStatusList(issuer.id, 'revocation', 2))!.state).toBe('open');
    await store.close();
  }, 120_000);

  it('never gives an index twice: a concurrent claim of the same slot is refused and leaves nothing behind', async () => {
    const { store } = await tempSqliteStore();
    const issuer = await seedIssuer(store);
    const slot = await store.pickStatusSlot(issuer.id, 'revocation', { size: SIZE, threshold: THRESHOLD });
    expect((await store.recordIssued([{ record: record(issuer.id, 'urn:a'), slots: [slot] }], null)).outcome).toBe('recorded');
    expect((await store.recordIssued([{ record: record(issuer.id, 'urn:b'), slots: [slot] }], null)).outcome).toBe('slot-taken');
    expect(await store.getCredential('urn:b')).toBeNull();
    expect((await store.getStatusList(issuer.id, 'revocation', 1))!.allocated).toBe(1);
    await store.close();
  });

  it('refuses a list size below 131,072 at configuration', async () => {
    const { parseConfig } = await import('../../src/config.js');
    expect(() => parseConfig({ STATUS_LIST_SIZE: '65536' })).toThrow(/between 131072/);
    expect(parseConfig({ STATUS_LIST_SIZE: '262144' }).statusListSize).toBe(262_144);
  });
});

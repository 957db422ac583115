// Store contract, part 5: exam-session batches (create, lease, pending rows, chunk commits that
// refuse a second commit of a row, failures, completion, reports) and picking slots for a chunk.
import { describe, expect, it } from 'vitest';
import type { BatchRecord, BatchRowInput, Store } from '../../src/store/store.js';
import { record, seedIssuer } from '../helpers/store-records.js';
import { auditCtx, credId, type GetStore } from './contract-harness.js';

const iso = (ms = 0) => new Date(Date.now() + ms).toISOString();

function newBatch(issuerId: string, total: number): BatchRecord {
  const at = iso();
  return {
    id: `b-${crypto.randomUUID().replace(/-/g, '')}`,
    issuerId,
    source: 'csv',
    headers: ['姓名', '证书编号'],
    total,
    issued: 0,
    failed: 0,
    state: 'queued',
    leaseOwner: null,
    leaseUntil: null,
    createdAt: at,
    updatedAt: at,
    finishedAt: null,
  };
}

function rows(n: number, tag: string): BatchRowInput[] {
  return Array.from({ length: n }, (_, i) => ({
    rowNo: i,
    sheetRow: i + 2,
    certificateNumber: `${tag}-${i}`,
    holderName: `考生${i}`,
    credentialId: credId(tag),
    draft: `{"n":${i}}`,
    settings: '{"cryptosuite":"eddsa-jcs-2022"}',
  }));
}

/** Commits rows as a job would: a slot each, then the chunk. */
async function commit(store: Store, batchId: string, issuerId: string, input: BatchRowInput[]) {
  const slots = await store.pickStatusSlots(issuerId, 'revocation', input.length, { size: 131_072, threshold: 0.8 });
  expect(slots).toHaveLength(input.length);
  const chunk = input.map((r, i) => ({
    rowNo: r.rowNo,
    entry: {
      record: record(issuerId, r.credentialId, { certificateNumber: r.certificateNumber, assessmentId: `A-${r.certificateNumber}`, kind: 'skill-level' }),
      slots: [slots[i]!],
    },
  }));
  return store.commitBatchRows(batchId, chunk, iso());
}

/** Registers the batch expectations. */
export function batchesContract(get: GetStore): void {
  describe('picking status slots for a chunk', () => {
    it('gives distinct free indexes, no more than the list has before its threshold, then opens the next list', async () => {
      const { store } = get();
      const issuer = await seedIssuer(store);
      const small = { size: 16, threshold: 0.5 }; // closes after 8
      const first = await store.pickStatusSlots(issuer.id, 'revocation', 20, small);
      expect(first).toHaveLength(8);
      expect(new Set(first.map((s) => s.index)).size).toBe(8);
      const batch = newBatch(issuer.id, 8);
      const input = rows(8, 'slots');
      expect(await store.createBatch(batch, input)).toBe(true);
      const chunk = input.map((r, i) => ({ rowNo: r.rowNo, entry: { record: record(issuer.id, r.credentialId), slots: [first[i]!] } }));
      expect(await store.commitBatchRows(batch.id, chunk, iso())).toEqual({ outcome: 'recorded' });
      expect(await store.getStatusList(issuer.id, 'revocation', 1)).toMatchObject({ allocated: 8, state: 'closed' });
      const next = await store.pickStatusSlots(issuer.id, 'revocation', 3, small);
      expect(next.map((s) => s.seq)).toEqual([2, 2, 2]);
    });
  });

  describe('batches', () => {
    it('stores a batch once, leases its job to one owner at a time, and lists it while unfinished', async () => {
      const { store } = get();
      const issuer = await seedIssuer(store);
      const batch = newBatch(issuer.id, 3);
      expect(await store.createBatch(batch, rows(3, 'once'))).toBe(true);
      expect(await store.createBatch(batch, rows(3, 'once-again'))).toBe(false);
      expect(await store.getBatch(batch.id)).toEqual(batch);
      expect((await store.listUnfinishedBatches(1000)).map((b) => b.id)).toContain(batch.id);
      expect(await store.claimBatch(batch.id, 'a', iso(60_000), iso())).toBe(true);
      expect(await store.claimBatch(batch.id, 'b', iso(60_000), iso())).toBe(false);
      expect(await store.claimBatch(batch.id, 'a', iso(90_000), iso())).toBe(true); // renewal
      expect(await store.getBatch(batch.id)).toMatchObject({ state: 'running', leaseOwner: 'a' });
      expect(await store.claimBatch(batch.id, 'b', iso(60_000), iso(120_000))).toBe(true); // a's lease lapsed
      await store.releaseBatch(batch.id, 'b');
      expect(await store.claimBatch(batch.id, 'c', iso(60_000), iso())).toBe(true);
    });

    it('commits chunks atomically, refuses a row committed before, counts failures and completes', async () => {
      const { store } = get();
      const issuer = await seedIssuer(store);
      const batch = newBatch(issuer.id, 5);
      const input = rows(5, `commit-${crypto.randomUUID().slice(0, 6)}`);
      await store.createBatch(batch, input);
      expect((await store.pendingBatchRows(batch.id, 2)).map((r) => [r.rowNo, r.draft])).toEqual([
        [0, '{"n":0}'],
        [1, '{"n":1}'],
      ]);
      expect(await commit(store, batch.id, issuer.id, input.slice(0, 2))).toEqual({ outcome: 'recorded' });
      // The same rows again (a worker whose lease lapsed): refused whole, nothing written.
      expect(await commit(store, batch.id, issuer.id, input.slice(1, 3))).toEqual({ outcome: 'replay' });
      expect(await store.getCredential(input[2]!.credentialId)).toBeNull();
      expect((await store.pendingBatchRows(batch.id, 10)).map((r) => r.rowNo)).toEqual([2, 3, 4]);
      // A certificate of the same assessment and kind issued meanwhile by another request.
      const a3 = `A-${input[3]!.certificateNumber}`;
      await store.recordIssued([{ record: record(issuer.id, credId('other'), { assessmentId: a3, kind: 'skill-level' }), slots: [] }], null);
      expect(await commit(store, batch.id, issuer.id, input.slice(3, 4))).toMatchObject({ outcome: 'duplicate' });
      await store.failBatchRow(batch.id, 3, '{"code":"issued-assessment","detail":"x"}', iso());
      expect(await commit(store, batch.id, issuer.id, [input[2]!, input[4]!])).toEqual({ outcome: 'recorded' });
      expect(await store.pendingBatchRows(batch.id, 10)).toEqual([]);
      expect(await store.getBatch(batch.id)).toMatchObject({ issued: 4, failed: 1, state: 'queued' });
      const done = await store.finishBatch(batch.id, iso());
      expect(done).toMatchObject({ state: 'completed', issued: 4, failed: 1, leaseOwner: null });
      expect((await store.listUnfinishedBatches(1000)).map((b) => b.id)).not.toContain(batch.id);

      await store.setStatus([{ credentialId: input[0]!.credentialId, purpose: 'revocation', value: true }], auditCtx());
      const report = await store.listBatchRows(batch.id, 0, 10);
      expect(report.map((r) => [r.rowNo, r.sheetRow, r.credentialId !== null, r.error !== null, r.revoked])).toEqual([
        [0, 2, true, false, true],
        [1, 3, true, false, false],
        [2, 4, true, false, false],
        [3, 5, false, true, false],
        [4, 6, true, false, false],
      ]);
      expect(report[1]!.document).toBe('{}');
      expect((await store.listBatchRows(batch.id, 3, 1)).map((r) => r.rowNo)).toEqual([3]);
      expect((await store.listCredentials({ by: 'batch', issuerId: issuer.id, batchId: batch.id })).map((c) => c.id)).toEqual(
        [0, 1, 2, 4].map((i) => input[i]!.credentialId),
      );
      expect(await store.listCredentials({ by: 'batch', issuerId: 'someone-else', batchId: batch.id })).toEqual([]);
    });

    it('tells which certificate numbers and (assessment, kind) pairs an issuer already issued', async () => {
      const { store } = get();
      const issuer = await seedIssuer(store);
      const other = await seedIssuer(store);
      await store.recordIssued(
        [{ record: record(issuer.id, credId(), { certificateNumber: 'N-1', assessmentId: 'AS-1', kind: 'skill-level' }), slots: [] }],
        null,
      );
      await store.recordIssued(
        [{ record: record(other.id, credId(), { certificateNumber: 'N-2', assessmentId: 'AS-2', kind: 'skill-level' }), slots: [] }],
        null,
      );
      const found = await store.issuedAmong(
        issuer.id,
        ['N-1', 'N-2', 'N-3'],
        [
          ['AS-1', 'skill-level'],
          ['AS-1', 'enterprise'],
          ['AS-2', 'skill-level'],
        ],
      );
      expect(found).toEqual({ numbers: ['N-1'], assessments: [['AS-1', 'skill-level']] });
      expect(await store.issuedAmong(issuer.id, [], [])).toEqual({ numbers: [], assessments: [] });
    });
  });
}

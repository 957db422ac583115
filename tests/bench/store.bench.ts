// Store benchmarks on one SQLite file (WAL, synchronous NORMAL): what issuance and status changes
// cost the store itself, without signing or HTTP. Only the Store port is used, so the figures
// compare store implementations directly.
import { tempSqliteStore, record, seedIssuer } from '../helpers/store-fixtures.js';
import type { IssuedEntry, Store } from '../../src/store/store.js';
import type { StatusChange } from '../../src/domain/status.js';
import { fmt, heading, measure } from './harness.js';

const LIST = { size: 131_072, threshold: 0.8 };
const audit = () => ({ actor: 'bench', reason: 'bench', requestId: 'r', at: new Date().toISOString() });

let n = 0;
async function issue(store: Store, issuerId: string, purposes: ('revocation' | 'suspension')[], count = 1): Promise<string[]> {
  for (;;) {
    const entries: IssuedEntry[] = [];
    for (let i = 0; i < count; i++) {
      const slots = [];
      for (const p of purposes) slots.push(await store.pickStatusSlot(issuerId, p, LIST));
      entries.push({ record: record(issuerId, `urn:bench:${++n}`), slots });
    }
    const result = await store.recordIssued(entries, null);
    if (result.outcome === 'recorded') return entries.map((e) => e.record.id);
  }
}

/** Runs the store benchmarks and returns their figures. */
export async function run(): Promise<Record<string, number>> {
  heading('Store on SQLite: issuance and status changes, no signing, no HTTP');
  const { store } = await tempSqliteStore();
  const out: Record<string, number> = {};
  try {
    const issuer = await seedIssuer(store);
    out.issueOne = (await measure('pick + record one credential (revocation)', () => issue(store, issuer.id, ['revocation']))).opsPerSec;
    out.issuePair = (
      await measure('pick + record an assessment pair (2 purposes each)', () => issue(store, issuer.id, ['revocation', 'suspension'], 2))
    ).opsPerSec;
    const [x] = await issue(store, issuer.id, ['revocation', 'suspension']);
    let flip = false;
    out.setOne = (
      await measure('setStatus: one suspension change', () => {
        flip = !flip;
        return store.setStatus([{ credentialId: x!, purpose: 'suspension', value: flip }], audit());
      })
    ).opsPerSec;
    const pool = await issue(store, issuer.id, ['revocation', 'suspension'], 64);
    let k = 0;
    out.setConcurrent =
      (
        await measure('setStatus: 4 concurrent changes, distinct credentials', () => {
          const batch = Array.from({ length: 4 }, () => pool[k++ % pool.length]!);
          const value = Math.floor(k / pool.length) % 2 === 0;
          return Promise.all(batch.map((id) => store.setStatus([{ credentialId: id, purpose: 'suspension', value }], audit())));
        })
      ).opsPerSec * 4;
    const bulk: string[] = [];
    for (let i = 0; i < 25; i++) bulk.push(...(await issue(store, issuer.id, ['revocation'], 100)));
    const changes: StatusChange[] = bulk.map((credentialId) => ({ credentialId, purpose: 'revocation', value: true }));
    const start = performance.now();
    const result = await store.setStatus(changes, audit());
    out.bulk2500ms = performance.now() - start;
    if (result.outcome !== 'applied' || result.changed !== 2500) throw new Error(`bulk change: ${JSON.stringify(result)}`);
    console.log(`  ${'setStatus: 2,500 revocations in one call'.padEnd(58)} ${fmt(out.bulk2500ms).padStart(10)} ms`);
    out.getIssuer = (await measure('getIssuer by slug (no cache)', () => store.getIssuer({ slug: issuer.slug }))).opsPerSec;
    const list = (await store.getStatusList(issuer.id, 'revocation', 1))!;
    out.setBits = (await measure(`listSetBits (${fmt(list.allocated)} entries, 2,500 set)`, () => store.listSetBits(list.id))).opsPerSec;
  } finally {
    await store.close();
  }
  return out;
}

// The operations the rehearsal times, the same on an empty database and at a million records:
// issuance (pick + record), the reads a verification makes, list publication, revocation.
import type { IssuerRecord } from '../../src/domain/issuer.js';
import type { StatusChange } from '../../src/domain/status.js';
import { nodeCompression } from '../../src/runtime/node/compression.js';
import { bitsWithSet, encodeList } from '../../src/status/bitstring.js';
import type { Store } from '../../src/store/store.js';
import { fmt, loadNote } from './harness.js';
import { LIST, makeRecord, type Template } from './scale-data.js';

export type Figures = Record<string, number>;
export const OPS: Record<string, string> = {
  issue: 'issuance: pickStatusSlot + recordIssued (1 credential)',
  getCredential: 'verification read: getCredential',
  getStatusEntries: 'verification read: getStatusEntries',
  publish: 'list publication: listSetBits + encode',
  revokeOne: 'revocation: setStatus, one credential',
  revokeBulk: 'revocation: setStatus, 1,000 credentials a call',
};

const audit = () => ({ actor: 'bench', reason: 'scale rehearsal', requestId: 'r', at: new Date().toISOString() });
const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)]!;

/** Calls `fn(0 … warm-1)` untimed (JIT, statement caches), then `fn(warm … warm+n-1)`: calls per second. */
async function rate(n: number, fn: (i: number) => Promise<unknown>, warm = 50): Promise<number> {
  for (let i = 0; i < warm; i++) await fn(i);
  const start = performance.now();
  for (let i = warm; i < warm + n; i++) await fn(i);
  return (n * 1000) / (performance.now() - start);
}

/**
 * Times each operation on `issuer`, whose credentials `ids` (at least 6,100, not revoked) the
 * revocations use up. Prints one line per operation and returns operations per second.
 */
export async function timeOps(store: Store, issuer: IssuerRecord, ids: string[], template: Template, publicUrl: string): Promise<Figures> {
  const out: Figures = {};
  const line = (key: string, extra = '') => console.log(`    ${OPS[key]!.padEnd(56)} ${fmt(out[key]!).padStart(9)} /s${extra}`);
  out.issue = await rate(1000, async () => {
    for (;;) {
      const slot = await store.pickStatusSlot(issuer.id, 'revocation', LIST);
      const url = `${publicUrl}/status/${issuer.slug}/revocation/${slot.seq}`;
      const result = await store.recordIssued([makeRecord(issuer, template, [{ ...slot, url }], 2000)], null);
      if (result.outcome === 'recorded') return;
    }
  });
  line('issue');
  out.getCredential = await rate(5000, () => store.getCredential(pick(ids)));
  line('getCredential');
  out.getStatusEntries = await rate(5000, () => store.getStatusEntries(pick(ids)));
  line('getStatusEntries');
  const list = (await store.getStatusList(issuer.id, 'revocation', 1))!;
  let setBits = 0;
  out.publish = await rate(200, async () => {
    const bits = await store.listSetBits(list.id);
    setBits = bits.length;
    return encodeList(bitsWithSet(list.size, bits), nodeCompression);
  });
  line('publish', `   (list of ${fmt(list.allocated)} claimed, ${fmt(setBits)} set)`);
  // Never revoked before (the 1% sweep took every hundredth): each revocation below changes a bit.
  const fresh = ids.filter((_, i) => i % 100 !== 0).slice(-6000);
  out.revokeOne = await rate(950, (i) => store.setStatus([{ credentialId: fresh[i]!, purpose: 'revocation', value: true }], audit()));
  line('revokeOne');
  const bulk = fresh.slice(1000);
  out.revokeBulk = (await rate(4, async (i) => {
    const changes: StatusChange[] = bulk.slice(i * 1000, (i + 1) * 1000).map((credentialId) => ({ credentialId, purpose: 'revocation', value: true }));
    const result = await store.setStatus(changes, audit(), { skipMissing: true });
    if (result.outcome !== 'applied' || result.changed !== 1000) throw new Error(`bulk revocation: ${JSON.stringify(result)}`);
  }, 1)) * 1000;
  line('revokeBulk', `   (revocations a second; ${loadNote()})`);
  return out;
}

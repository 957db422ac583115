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
const OPS: Record<string, string> = {
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

/** Credentials one call of timeOps revokes (never revoked before, each changes a bit). */
export const FRESH_PER_ROUND = 4520;

/**
 * Times each operation once on `issuer`: reads pick among `ids`; the revocations use up `fresh`
 * (FRESH_PER_ROUND credentials of the issuer never revoked). Returns operations per second.
 */
export async function timeOps(store: Store, issuer: IssuerRecord, ids: string[], fresh: string[], template: Template, publicUrl: string): Promise<Figures> {
  const out: Figures = {};
  out.issue = await rate(500, async () => {
    for (;;) {
      const slot = await store.pickStatusSlot(issuer.id, 'revocation', LIST);
      const url = `${publicUrl}/status/${issuer.slug}/revocation/${slot.seq}`;
      const result = await store.recordIssued([makeRecord(issuer, template, [{ ...slot, url }], 2000)], null);
      if (result.outcome === 'recorded') return;
    }
  });
  out.getCredential = await rate(3000, () => store.getCredential(pick(ids)));
  out.getStatusEntries = await rate(3000, () => store.getStatusEntries(pick(ids)));
  const list = (await store.getStatusList(issuer.id, 'revocation', 1))!;
  out.publish = await rate(100, async () => encodeList(bitsWithSet(list.size, await store.listSetBits(list.id)), nodeCompression));
  out.revokeOne = await rate(500, (i) => store.setStatus([{ credentialId: fresh[i]!, purpose: 'revocation', value: true }], audit()), 20);
  const bulk = fresh.slice(520);
  out.revokeBulk =
    (await rate(
      3,
      async (i) => {
        const changes: StatusChange[] = bulk.slice(i * 1000, (i + 1) * 1000).map((credentialId) => ({ credentialId, purpose: 'revocation', value: true }));
        const result = await store.setStatus(changes, audit());
        if (result.outcome !== 'applied' || result.changed !== 1000) throw new Error(`bulk revocation: ${JSON.stringify(result)}`);
      },
      1,
    )) * 1000;
  return out;
}

/** The median of each figure over rounds. */
export function medians(rounds: Figures[]): Figures {
  const mid = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return Object.fromEntries(Object.keys(OPS).map((k) => [k, mid(rounds.map((r) => r[k]!))]));
}

/** Prints each operation's figures, empty and full, and their ratio against the 1.5× target. */
export function report(empty: Figures, full: Figures): void {
  console.log(`    ${'operation'.padEnd(56)} ${'empty'.padStart(9)} ${'at 1M'.padStart(9)}  time ×`);
  for (const key of Object.keys(OPS)) {
    const r = empty[key]! / full[key]!;
    console.log(`    ${OPS[key]!.padEnd(56)} ${fmt(empty[key]!).padStart(9)} ${fmt(full[key]!).padStart(9)}  ${r.toFixed(2)}× ${r <= 1.5 ? 'met' : 'NOT MET'}`);
  }
  console.log(`    (operations a second, medians of 3 rounds taken alternately on the two databases; revocations a second for bulk; ${loadNote()})`);
}

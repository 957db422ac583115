// Shared pieces of the Store contract. No Node imports: it runs inside workerd too.
import type { IdempotencyClaim, IssuedEntry, Store } from '../../src/store/store.js';
import type { StatusPurpose, StatusSlot } from '../../src/domain/status.js';
import { record } from '../helpers/store-records.js';

/** A store under test and raw SQL access to the same database. */
export interface StoreUnderTest {
  store: Store;
  /** Runs one SQL statement on the same database, bypassing the adapter. */
  exec(sql: string): Promise<void>;
  /** Runs one SQL query on the same database and gives its rows (EXPLAIN QUERY PLAN, say). */
  query(sql: string, params?: (string | number | null)[]): Promise<Record<string, unknown>[]>;
  /** The SQL the database speaks, where a contract test must ask it in its own words (query plans). */
  dialect?: 'sqlite' | 'postgres';
  close(): Promise<void>;
}

export type MakeStore = () => Promise<StoreUnderTest>;
export type GetStore = () => StoreUnderTest;

/** The production list shape: 131,072 entries, closing at 80%. */
export const BIG = { size: 131_072, threshold: 0.8 };

let n = 0;
/** A credential id unique across the run. */
export const credId = (label = 'c') => `urn:uuid:${label}-${++n}-${crypto.randomUUID()}`;

/** Picks slots for `purposes` and records one credential, retrying when a slot was taken. */
export async function issueOne(
  store: Store,
  issuerId: string,
  opts: {
    id?: string;
    purposes?: StatusPurpose[];
    list?: { size: number; threshold: number };
    extra?: Parameters<typeof record>[2];
    idempotency?: IdempotencyClaim | null;
  } = {},
): Promise<{ id: string; slots: StatusSlot[]; attempts: number }> {
  const id = opts.id ?? credId();
  for (let attempt = 1; attempt <= 50; attempt++) {
    const slots: StatusSlot[] = [];
    for (const purpose of opts.purposes ?? ['revocation']) slots.push(await store.pickStatusSlot(issuerId, purpose, opts.list ?? BIG));
    const entry: IssuedEntry = { record: record(issuerId, id, opts.extra), slots };
    const result = await store.recordIssued([entry], opts.idempotency ?? null);
    if (result.outcome === 'recorded') return { id, slots, attempts: attempt };
    if (result.outcome !== 'slot-taken') throw new Error(`recordIssued: ${JSON.stringify(result)}`);
  }
  throw new Error('no free slot after 50 attempts');
}

/** Audit context for a status change. */
export const auditCtx = (reason = 'test', actor = 'admin:test') => ({ actor, reason, requestId: `req-${crypto.randomUUID()}`, at: new Date().toISOString() });

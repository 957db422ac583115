import { TtlCache } from '../util/ttl-cache.js';
import type { Store } from './store.js';

/** How long a cached read may be served; writes through this wrapper clear it at once. */
export interface CacheOptions {
  ttlMs?: number;
  now?: () => number;
  maxEntries?: number;
}

/**
 * What the cache does with each Store method. Every method must be listed (the compiler checks),
 * so a new one gets a decision: `cached`, a read-mostly lookup every request makes, served from
 * memory; `clears`, a write that may change a cached record, which empties the cache when it
 * settles; `passes`, neither (issuance and status writes touch nothing cached: they must not
 * empty the cache on every request).
 */
const POLICY = {
  migrate: 'passes',
  close: 'passes',
  getSetting: 'passes',
  putSettingIfAbsent: 'passes',
  putSetting: 'passes',
  createIssuer: 'clears',
  getIssuer: 'cached',
  listIssuers: 'passes',
  countIssuers: 'passes',
  listIssuerKeys: 'cached',
  rotateIssuerKey: 'clears',
  markKeyCompromised: 'clears',
  createApiKey: 'clears',
  getApiKey: 'cached',
  revokeApiKey: 'clears',
  pickStatusSlot: 'passes',
  recordIssued: 'passes',
  getIdempotent: 'passes',
  getCredential: 'passes',
  listCredentials: 'passes',
  credentialsByNumber: 'passes',
  countCredentials: 'passes',
  pickStatusSlots: 'passes',
  createBatch: 'passes',
  getBatch: 'passes',
  listUnfinishedBatches: 'passes',
  claimBatch: 'passes',
  releaseBatch: 'passes',
  pendingBatchRows: 'passes',
  commitBatchRows: 'passes',
  failBatchRow: 'passes',
  finishBatch: 'passes',
  listBatchRows: 'passes',
  issuedAmong: 'passes',
  getStatusList: 'passes',
  listStatusLists: 'passes',
  listSetBits: 'passes',
  saveSignedStatusList: 'passes',
  getStatusEntries: 'passes',
  setStatus: 'passes',
  listAudit: 'passes',
  addAccreditation: 'clears',
  listAccreditations: 'cached',
  recordExit: 'clears',
  listExits: 'cached',
  createPartner: 'clears',
  getPartner: 'cached',
  listPartners: 'passes',
  addRecognition: 'passes',
  listRecognitions: 'passes',
  compromiseKey: 'clears',
  listPeppers: 'cached',
  addPepper: 'clears',
  recordHolderCheck: 'passes',
  listHolderChecks: 'passes',
  listLegacyHolderBindings: 'passes',
  findKeyByRef: 'passes',
} as const satisfies Record<keyof Store, 'cached' | 'clears' | 'passes'>;

type AnyMethod = (...args: unknown[]) => Promise<unknown>;

/**
 * A read-through cache over any Store for the few read-mostly records every request looks up
 * (API keys, issuers, their keys, accreditations, exits, partners). On D1 each lookup is a network
 * round trip; on SQLite a statement. Writes made through this wrapper clear the cache at once;
 * other processes and isolates see a change within `ttlMs` (10 s by default) — the bound on how
 * long a revoked API key or a new exit can go unnoticed there.
 */
export function withReadCache(store: Store, options: CacheOptions = {}): Store {
  const cache = new TtlCache<string, Promise<unknown>>({
    ttlMs: options.ttlMs ?? 10_000,
    maxEntries: options.maxEntries ?? 2048,
    ...(options.now ? { now: options.now } : {}),
  });
  const wrap = (name: keyof Store): AnyMethod => {
    const call: AnyMethod = (...args) => (store[name] as AnyMethod).apply(store, args);
    switch (POLICY[name]) {
      case 'passes':
        return call;
      case 'clears':
        return async (...args) => {
          try {
            return await call(...args);
          } finally {
            // After the write settles: a read that began meanwhile and cached the old record goes too.
            cache.clear();
          }
        };
      case 'cached':
        return (...args) => {
          const key = `${name} ${JSON.stringify(args)}`;
          const hit = cache.get(key);
          if (hit) return hit;
          // The promise is cached, so concurrent lookups share one query; a failure is not kept.
          const loading = call(...args);
          cache.set(key, loading);
          loading.catch(() => cache.delete(key));
          return loading;
        };
    }
  };
  const names = Object.keys(POLICY) as (keyof Store)[];
  return Object.fromEntries(names.map((name) => [name, wrap(name)])) as unknown as Store;
}

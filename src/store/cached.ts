import type { Store } from './store.js';

/** How long a cached read may be served; writes through this wrapper clear it at once. */
export interface CacheOptions {
  ttlMs?: number;
  now?: () => number;
  maxEntries?: number;
}

type Read = 'getApiKey' | 'getIssuer' | 'listIssuerKeys' | 'listAccreditations' | 'listExits' | 'getPartner';

/**
 * A read-through cache over any Store for the few read-mostly records every request looks up
 * (API keys, issuers, their keys, accreditations, exits, partners). On D1 each lookup is a network
 * round trip; on SQLite a statement. Writes made through this wrapper clear the cache at once;
 * other processes and isolates see a change within `ttlMs` (10 s by default) — the bound on how
 * long a revoked API key or a new exit can go unnoticed there.
 */
export function withReadCache(store: Store, options: CacheOptions = {}): Store {
  const ttl = options.ttlMs ?? 10_000;
  const now = options.now ?? (() => Date.now());
  const max = options.maxEntries ?? 2048;
  const entries = new Map<string, { until: number; value: Promise<unknown> }>();
  const cached = <T>(method: Read, args: unknown[], load: () => Promise<T>): Promise<T> => {
    const key = `${method} ${JSON.stringify(args)}`;
    const hit = entries.get(key);
    if (hit && hit.until > now()) return hit.value as Promise<T>;
    const value = load();
    if (entries.size >= max) entries.delete(entries.keys().next().value!);
    entries.set(key, { until: now() + ttl, value });
    value.catch(() => entries.delete(key));
    return value;
  };
  const clearing =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await fn(...args);
      } finally {
        entries.clear();
      }
    };
  const s = store;
  return {
    migrate: () => s.migrate(),
    close: () => s.close(),
    getSetting: (k) => s.getSetting(k),
    putSettingIfAbsent: (k, v) => s.putSettingIfAbsent(k, v),
    putSetting: (k, v) => s.putSetting(k, v),
    createIssuer: clearing((i, k, a) => s.createIssuer(i, k, a)),
    getIssuer: (by) => cached('getIssuer', [by], () => s.getIssuer(by)),
    listIssuers: () => s.listIssuers(),
    countIssuers: () => s.countIssuers(),
    listIssuerKeys: (id) => cached('listIssuerKeys', [id], () => s.listIssuerKeys(id)),
    rotateIssuerKey: clearing((id, k, at) => s.rotateIssuerKey(id, k, at)),
    markKeyCompromised: clearing((id, at) => s.markKeyCompromised(id, at)),
    createApiKey: clearing((k) => s.createApiKey(k)),
    getApiKey: (id) => cached('getApiKey', [id], () => s.getApiKey(id)),
    revokeApiKey: clearing((id, at) => s.revokeApiKey(id, at)),
    pickStatusSlot: (i, p, o) => s.pickStatusSlot(i, p, o),
    recordIssued: (e, i) => s.recordIssued(e, i),
    getIdempotent: (i, k) => s.getIdempotent(i, k),
    getCredential: (id) => s.getCredential(id),
    listCredentials: (sel) => s.listCredentials(sel),
    countCredentials: (id) => s.countCredentials(id),
    getStatusList: (i, p, n) => s.getStatusList(i, p, n),
    listStatusLists: (i) => s.listStatusLists(i),
    listSetBits: (id) => s.listSetBits(id),
    saveSignedStatusList: (id, signed) => s.saveSignedStatusList(id, signed),
    getStatusEntries: (id) => s.getStatusEntries(id),
    setStatus: (c, a, o) => s.setStatus(c, a, o),
    listAudit: (by, limit) => s.listAudit(by, limit),
    addAccreditation: clearing((r) => s.addAccreditation(r)),
    listAccreditations: (id) => cached('listAccreditations', [id ?? null], () => s.listAccreditations(id)),
    recordExit: clearing((e) => s.recordExit(e)),
    listExits: (id) => cached('listExits', [id ?? null], () => s.listExits(id)),
    createPartner: clearing((p, k) => s.createPartner(p, k)),
    getPartner: (by) => cached('getPartner', [by], () => s.getPartner(by)),
    listPartners: () => s.listPartners(),
    addRecognition: (r) => s.addRecognition(r),
    listRecognitions: (f) => s.listRecognitions(f),
  };
}

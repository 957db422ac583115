import { describe, expect, it } from 'vitest';
import { withReadCache } from '../../src/store/read-cache.js';
import { seedIssuer, tempSqliteStore } from '../helpers/store-fixtures.js';

describe('the read cache in front of a Store', () => {
  it('serves repeated reads from memory, forgets on writes made through it, and expires after its TTL', async () => {
    const { store: raw } = await tempSqliteStore();
    let clock = 0;
    const store = withReadCache(raw, { ttlMs: 1000, now: () => clock });
    const issuer = await seedIssuer(store);
    const key = { id: 'k1', issuerId: issuer.id, partnerId: null, secretHash: 'h', label: null, createdAt: 'x', revokedAt: null };
    await store.createApiKey(key);
    expect((await store.getApiKey('k1'))!.revokedAt).toBeNull();

    // a change made elsewhere (another process) is seen after the TTL, not before
    await raw.revokeApiKey('k1', '2025-01-01T00:00:00Z');
    expect((await store.getApiKey('k1'))!.revokedAt).toBeNull();
    clock += 1001;
    expect((await store.getApiKey('k1'))!.revokedAt).toBe('2025-01-01T00:00:00Z');

    // a change made through the wrapper is seen at once
    const keys = await store.listIssuerKeys(issuer.id);
    await store.markKeyCompromised(keys[0]!.id, '2025-02-01T00:00:00Z');
    expect((await store.listIssuerKeys(issuer.id))[0]!.compromisedAt).toBe('2025-02-01T00:00:00Z');
    await store.recordExit({ id: 'e1', issuerId: issuer.id, exitedAt: '2025-03-01T00:00:00Z', reason: 'term-expired', note: null, createdAt: 'x' });
    expect(await store.listExits(issuer.id)).toHaveLength(1);
    await store.close();
  });
});

// Store contract, part 1: settings, issuers, issuer keys and API keys.
import { describe, expect, it } from 'vitest';
import type { ApiKeyRecord, IssuerKeyRecord, IssuerRecord } from '../../src/domain/issuer.js';
import { seedIssuer } from '../helpers/store-records.js';
import type { GetStore } from './contract-harness.js';

const uid = () => crypto.randomUUID().slice(0, 8);

function issuerRow(slug: string, extra: Partial<IssuerRecord> = {}): IssuerRecord {
  return {
    id: `iss-${slug}`,
    slug,
    did: `did:web:example.cn:issuers:${slug}`,
    didMethod: 'web',
    names: { 'zh-Hans': '广州某评价机构', 'zh-Hant': '廣州某評價機構', en: 'Guangzhou Evaluation Org' },
    orgKind: 'S',
    filingCode: 'GD-S-0042',
    suspensionByDefault: true,
    statusByDefault: true,
    createdAt: '2025-06-01T00:00:00.000Z',
    ...extra,
  };
}

function keyRow(issuer: IssuerRecord, n: number, extra: Partial<IssuerKeyRecord> = {}): IssuerKeyRecord {
  return {
    id: `${issuer.did}#key-${n}`,
    issuerId: issuer.id,
    publicKeyMultibase: `z6MkKey${n}`,
    privateKeyRef: `${issuer.slug}-${n}`,
    createdAt: `2025-06-0${n}T00:00:00.000Z`,
    retiredAt: null,
    compromisedAt: null,
    ...extra,
  };
}

function apiKeyRow(issuerId: string | null, extra: Partial<ApiKeyRecord> = {}): ApiKeyRecord {
  return {
    id: uid() + uid(),
    issuerId,
    partnerId: null,
    secretHash: 'a'.repeat(64),
    label: 'exam system',
    createdAt: '2025-06-01T00:00:00.000Z',
    revokedAt: null,
    ...extra,
  };
}

/** Registers the settings, issuer, key and API-key expectations. */
export function issuersContract(get: GetStore): void {
  describe('settings', () => {
    it('stores a setting only if absent, and reads it back', async () => {
      const { store } = get();
      const key = `setting-${uid()}`;
      expect(await store.getSetting(key)).toBeNull();
      expect(await store.putSettingIfAbsent(key, 'first')).toBe(true);
      expect(await store.putSettingIfAbsent(key, 'second')).toBe(false);
      expect(await store.getSetting(key)).toBe('first');
    });
  });

  describe('issuers', () => {
    it('creates an issuer with its key and API key, found by id, slug and DID, listed and counted', async () => {
      const { store } = get();
      const before = await store.countIssuers();
      const issuer = issuerRow(`full-${uid()}`);
      const key = keyRow(issuer, 1);
      const apiKey = apiKeyRow(issuer.id);
      await store.createIssuer(issuer, key, apiKey);
      for (const by of [{ id: issuer.id }, { slug: issuer.slug }, { did: issuer.did }]) {
        expect(await store.getIssuer(by)).toEqual(issuer);
      }
      expect(await store.getIssuer({ slug: 'nobody-here' })).toBeNull();
      expect(await store.countIssuers()).toBe(before + 1);
      expect((await store.listIssuers()).find((i) => i.id === issuer.id)).toEqual(issuer);
      expect(await store.listIssuerKeys(issuer.id)).toEqual([key]);
      expect(await store.getApiKey(apiKey.id)).toEqual(apiKey);
    });

    it('keeps optional names absent and reads did:key issuers back as such', async () => {
      const { store } = get();
      const slug = `bare-${uid()}`;
      const issuer = issuerRow(slug, {
        names: { 'zh-Hans': '某机构' },
        didMethod: 'key',
        did: `did:key:z6Mk${uid()}`,
        suspensionByDefault: false,
        orgKind: 'Y',
      });
      await store.createIssuer(issuer, keyRow(issuer, 1), null);
      const back = await store.getIssuer({ slug });
      expect(back).toEqual(issuer);
      expect(back!.names).not.toHaveProperty('en');
    });

    it('creates an issuer all or nothing: a duplicate slug leaves neither its key nor its API key', async () => {
      const { store } = get();
      const first = await seedIssuer(store);
      const clash = issuerRow(first.slug, { id: `other-${uid()}`, did: `did:web:example.cn:issuers:other-${uid()}` });
      const apiKey = apiKeyRow(clash.id);
      await expect(store.createIssuer(clash, keyRow(clash, 1), apiKey)).rejects.toThrow(/UNIQUE/);
      expect(await store.getIssuer({ id: clash.id })).toBeNull();
      expect(await store.listIssuerKeys(clash.id)).toEqual([]);
      expect(await store.getApiKey(apiKey.id)).toBeNull();
    });

    it('rotates a key atomically: the old one retires at the given time, the new one is current', async () => {
      const { store } = get();
      const issuer = issuerRow(`rot-${uid()}`);
      const k1 = keyRow(issuer, 1);
      await store.createIssuer(issuer, k1, null);
      const k2 = keyRow(issuer, 2);
      await store.rotateIssuerKey(issuer.id, k2, '2025-06-05T00:00:00.000Z');
      expect(await store.listIssuerKeys(issuer.id)).toEqual([{ ...k1, retiredAt: '2025-06-05T00:00:00.000Z' }, k2]);
      // A failing insert (a key id already used) must not leave the issuer without a current key.
      await expect(store.rotateIssuerKey(issuer.id, { ...keyRow(issuer, 3), id: k1.id }, '2025-06-06T00:00:00.000Z')).rejects.toThrow();
      const keys = await store.listIssuerKeys(issuer.id);
      expect(keys.filter((k) => k.retiredAt === null)).toEqual([k2]);
    });

    it('never holds two current keys for one issuer', async () => {
      const { store } = get();
      const issuer = issuerRow(`two-${uid()}`);
      await store.createIssuer(issuer, keyRow(issuer, 1), null);
      await expect(store.rotateIssuerKey(issuer.id, keyRow(issuer, 2), '2025-06-05T00:00:00.000Z')).resolves.toBeUndefined();
      // The unique partial index refuses a second unretired key written around the adapter's rotation.
      await expect(
        get().exec(`INSERT INTO issuer_keys (id, issuer_id, public_key_multibase, private_key_ref, created_at)
        VALUES ('${issuer.did}#key-9', '${issuer.id}', 'z6MkX', 'x', '2025-06-09T00:00:00.000Z')`),
      ).rejects.toThrow(/UNIQUE/);
    });

    it('marks a key compromised, and says false for an unknown key', async () => {
      const { store } = get();
      const issuer = await seedIssuer(store);
      const [key] = await store.listIssuerKeys(issuer.id);
      expect(await store.markKeyCompromised(key!.id, '2025-07-01T00:00:00.000Z')).toBe(true);
      expect((await store.listIssuerKeys(issuer.id))[0]!.compromisedAt).toBe('2025-07-01T00:00:00.000Z');
      expect(await store.markKeyCompromised('did:web:nowhere#key-1', '2025-07-01T00:00:00.000Z')).toBe(false);
    });

    it('compromises a key: marked as of its time and retired now, in one step; a retired key keeps its retirement time', async () => {
      const { store } = get();
      const issuer = issuerRow(`cmp-${uid()}`);
      const k1 = keyRow(issuer, 1);
      await store.createIssuer(issuer, k1, null);
      expect(await store.compromiseKey(k1.id, '2025-07-01T00:00:00.000Z', '2025-07-03T00:00:00.000Z')).toBe(true);
      expect(await store.listIssuerKeys(issuer.id)).toEqual([{ ...k1, compromisedAt: '2025-07-01T00:00:00.000Z', retiredAt: '2025-07-03T00:00:00.000Z' }]);
      // the issuer has no current key now, and a rotation may add one
      const k2 = keyRow(issuer, 2);
      await store.rotateIssuerKey(issuer.id, k2, '2025-07-04T00:00:00.000Z');
      expect((await store.listIssuerKeys(issuer.id))[0]!.retiredAt).toBe('2025-07-03T00:00:00.000Z');
      expect(await store.compromiseKey('did:web:nowhere#key-1', '2025-07-01T00:00:00.000Z', '2025-07-03T00:00:00.000Z')).toBe(false);
    });

    it('finds a key by its private key reference, and refuses to give one reference to two keys', async () => {
      const { store } = get();
      const a = issuerRow(`ref-a-${uid()}`);
      const ka = keyRow(a, 1);
      await store.createIssuer(a, ka, null);
      expect(await store.findKeyByRef(ka.privateKeyRef)).toEqual(ka);
      expect(await store.findKeyByRef(`nobody-${uid()}`)).toBeNull();
      const b = issuerRow(`ref-b-${uid()}`);
      await expect(store.createIssuer(b, { ...keyRow(b, 1), privateKeyRef: ka.privateKeyRef }, null)).rejects.toThrow();
      expect(await store.getIssuer({ slug: b.slug })).toBeNull();
    });
  });

  describe('API keys', () => {
    it('creates, reads and revokes once; unknown and revoked keys say false', async () => {
      const { store } = get();
      const issuer = await seedIssuer(store);
      const key = apiKeyRow(issuer.id, { label: null });
      await store.createApiKey(key);
      expect(await store.getApiKey(key.id)).toEqual(key);
      expect(await store.revokeApiKey(key.id, '2025-08-01T00:00:00.000Z')).toBe(true);
      expect((await store.getApiKey(key.id))!.revokedAt).toBe('2025-08-01T00:00:00.000Z');
      expect(await store.revokeApiKey(key.id, '2025-08-02T00:00:00.000Z')).toBe(false);
      expect(await store.revokeApiKey('0000000000000000', '2025-08-02T00:00:00.000Z')).toBe(false);
      expect(await store.getApiKey('0000000000000000')).toBeNull();
    });

    it('refuses a second API key with the same id', async () => {
      const { store } = get();
      const issuer = await seedIssuer(store);
      const key = apiKeyRow(issuer.id);
      await store.createApiKey(key);
      await expect(store.createApiKey({ ...key, label: 'again' })).rejects.toThrow(/UNIQUE|PRIMARY KEY/);
      expect((await store.getApiKey(key.id))!.label).toBe('exam system');
    });
  });
}

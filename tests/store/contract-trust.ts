// Store contract, part 4: settings overwrite, the trust registry (accreditations, exits),
// partners and recognition statements.
import { describe, expect, it } from 'vitest';
import type { AccreditationRecord } from '../../src/domain/accreditation.js';
import type { ApiKeyRecord } from '../../src/domain/issuer.js';
import type { PartnerRecord, RecognitionRecord } from '../../src/domain/partner.js';
import { seedIssuer } from '../helpers/store-records.js';
import type { GetStore } from './contract-harness.js';

const uid = () => crypto.randomUUID().slice(0, 8);

function accreditation(issuerId: string, extra: Partial<AccreditationRecord> = {}): AccreditationRecord {
  return {
    id: `acc-${uid()}`,
    issuerId,
    kinds: ['skill-level', 'enterprise'],
    occupations: ['4-04-05-05', '6-31-*'],
    ranks: [3, 4],
    validFrom: '2024-01-01T00:00:00Z',
    validUntil: null,
    chain: 'gd-province',
    chainMaster: 'gd-hrss',
    createdAt: '2024-01-01T00:00:00Z',
    ...extra,
  };
}

function partner(slug: string): { partner: PartnerRecord; apiKey: ApiKeyRecord } {
  const id = `partner-${slug}`;
  return {
    partner: {
      id,
      slug,
      names: { en: 'Hong Kong QF', 'zh-Hant': '香港資歷架構' },
      region: 'HK',
      did: null,
      rateLimitPerMinute: 120,
      createdAt: '2025-01-01T00:00:00Z',
    },
    apiKey: { id: uid() + uid(), issuerId: null, partnerId: id, secretHash: 'b'.repeat(64), label: null, createdAt: '2025-01-01T00:00:00Z', revokedAt: null },
  };
}

function recognition(partnerId: string, extra: Partial<RecognitionRecord> = {}): RecognitionRecord {
  return {
    id: `rec-${uid()}`,
    partnerId,
    certificateKind: 'skill-level',
    ladderRank: 4,
    occupationCode: null,
    framework: 'HKQF',
    level: '3',
    document: '{"signed":true}',
    createdAt: '2025-02-01T00:00:00Z',
    withdrawnAt: null,
    ...extra,
  };
}

/** Registers the trust-registry and partner expectations. */
export function trustContract(get: GetStore): void {
  describe('trust registry', () => {
    it('overwrites a setting with putSetting', async () => {
      const { store } = get();
      const key = `trust-${uid()}`;
      await store.putSetting(key, 'one');
      await store.putSetting(key, 'two');
      expect(await store.getSetting(key)).toBe('two');
    });

    it('lists accreditations per issuer and in all, ordered by start', async () => {
      const { store } = get();
      const issuer = await seedIssuer(store);
      const later = accreditation(issuer.id, {
        validFrom: '2025-01-01T00:00:00Z',
        ranks: [],
        chain: null,
        chainMaster: null,
        validUntil: '2026-01-01T00:00:00Z',
      });
      const earlier = accreditation(issuer.id);
      await store.addAccreditation(later);
      await store.addAccreditation(earlier);
      expect(await store.listAccreditations(issuer.id)).toEqual([earlier, later]);
      const all = await store.listAccreditations();
      expect(all.filter((a) => a.issuerId === issuer.id)).toEqual([earlier, later]);
    });

    it('records an exit and ends the open accreditations at its date, atomically', async () => {
      const { store } = get();
      const issuer = await seedIssuer(store);
      const open = accreditation(issuer.id);
      const endsLater = accreditation(issuer.id, { validUntil: '2030-01-01T00:00:00Z' });
      const endedBefore = accreditation(issuer.id, { validFrom: '2020-01-01T00:00:00Z', validUntil: '2021-01-01T00:00:00Z' });
      for (const a of [open, endsLater, endedBefore]) await store.addAccreditation(a);
      const exit = {
        id: `exit-${uid()}`,
        issuerId: issuer.id,
        exitedAt: '2025-06-30T00:00:00Z',
        reason: 'failed-review' as const,
        note: '年度复核不合格',
        createdAt: '2025-07-01T00:00:00Z',
      };
      await store.recordExit(exit);
      expect(await store.listExits(issuer.id)).toEqual([exit]);
      expect((await store.listExits()).filter((e) => e.issuerId === issuer.id)).toEqual([exit]);
      const byId = new Map((await store.listAccreditations(issuer.id)).map((a) => [a.id, a.validUntil]));
      expect(byId.get(open.id)).toBe('2025-06-30T00:00:00Z');
      expect(byId.get(endsLater.id)).toBe('2025-06-30T00:00:00Z');
      expect(byId.get(endedBefore.id)).toBe('2021-01-01T00:00:00Z');
      // An exit that fails (its id is taken) ends nothing: the accreditation opened since stays open.
      const reopened = accreditation(issuer.id, { validFrom: '2025-08-01T00:00:00Z' });
      await store.addAccreditation(reopened);
      await expect(store.recordExit({ ...exit, exitedAt: '2025-09-01T00:00:00Z' })).rejects.toThrow();
      expect((await store.listAccreditations(issuer.id)).find((a) => a.id === reopened.id)!.validUntil).toBeNull();
    });

    it('creates a partner with its API key both or neither, finds it by id and slug, and lists it', async () => {
      const { store } = get();
      const slug = `hk-${uid()}`;
      const { partner: p, apiKey } = partner(slug);
      await store.createPartner(p, apiKey);
      expect(await store.getPartner({ id: p.id })).toEqual(p);
      expect(await store.getPartner({ slug })).toEqual(p);
      expect(await store.getPartner({ slug: 'nobody' })).toBeNull();
      expect((await store.listPartners()).find((x) => x.id === p.id)).toEqual(p);
      expect(await store.getApiKey(apiKey.id)).toEqual(apiKey);
      const clash = partner(slug);
      clash.partner.id = `other-${uid()}`;
      clash.apiKey.partnerId = clash.partner.id;
      await expect(store.createPartner(clash.partner, clash.apiKey)).rejects.toThrow(/UNIQUE/);
      expect(await store.getApiKey(clash.apiKey.id)).toBeNull();
    });

    it('lists recognition statements not withdrawn, filtered by partner and kind', async () => {
      const { store } = get();
      const a = partner(`mo-${uid()}`);
      const b = partner(`hk-${uid()}`);
      await store.createPartner(a.partner, a.apiKey);
      await store.createPartner(b.partner, b.apiKey);
      const r1 = recognition(a.partner.id);
      const r2 = recognition(a.partner.id, {
        certificateKind: 'enterprise',
        ladderRank: null,
        occupationCode: '4-04-05-05',
        createdAt: '2025-03-01T00:00:00Z',
      });
      const r3 = recognition(b.partner.id);
      const gone = recognition(a.partner.id, { withdrawnAt: '2025-04-01T00:00:00Z' });
      for (const r of [r1, r2, r3, gone]) await store.addRecognition(r);
      expect(await store.listRecognitions({ partnerId: a.partner.id })).toEqual([r1, r2]);
      expect(await store.listRecognitions({ partnerId: a.partner.id, certificateKind: 'enterprise' })).toEqual([r2]);
      const mine = (await store.listRecognitions()).filter((r) => [r1.id, r2.id, r3.id, gone.id].includes(r.id));
      expect(mine.at(-1)).toEqual(r2); // the latest; r1 and r3 share a date
      expect(new Set(mine.map((r) => r.id))).toEqual(new Set([r1.id, r2.id, r3.id]));
    });
  });
}

// The trust registry (accreditations, exits), partners and their recognition statements.
import type { AccreditationRecord, ExitRecord } from '../../domain/accreditation.js';
import type { PartnerRecord, RecognitionRecord } from '../../domain/partner.js';
import { stmt, type Driver, type Row, type SqlValue } from '../driver.js';
import type { Store } from '../store.js';
import { num, text, textOrNull } from './columns.js';
import { insertApiKey } from './issuers.js';

const INSERT_ACCREDITATION = `INSERT INTO accreditations (id, issuer_id, kinds, occupations, ranks, valid_from,
  valid_until, chain, chain_master, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)`;
const LIST_ACCREDITATIONS_OF_ISSUER = 'SELECT * FROM accreditations WHERE issuer_id = ? ORDER BY valid_from, id';
const LIST_ACCREDITATIONS = 'SELECT * FROM accreditations ORDER BY issuer_id, valid_from, id';

const INSERT_EXIT = 'INSERT INTO issuer_exits (id, issuer_id, exited_at, reason, note, created_at) VALUES (?,?,?,?,?,?)';
/** Ends the open accreditations of an issuer at its exit date (in one batch with INSERT_EXIT). */
const CLOSE_ACCREDITATIONS = 'UPDATE accreditations SET valid_until = ? WHERE issuer_id = ? AND (valid_until IS NULL OR valid_until > ?)';
const LIST_EXITS_OF_ISSUER = 'SELECT * FROM issuer_exits WHERE issuer_id = ? ORDER BY exited_at, id';
const LIST_EXITS = 'SELECT * FROM issuer_exits ORDER BY issuer_id, exited_at, id';

const INSERT_PARTNER = `INSERT INTO partners (id, slug, name_zh_hans, name_zh_hant, name_en, region, did,
  rate_limit_per_minute, created_at) VALUES (?,?,?,?,?,?,?,?,?)`;
const SELECT_PARTNER_BY = { id: 'SELECT * FROM partners WHERE id = ?', slug: 'SELECT * FROM partners WHERE slug = ?' } as const;
const LIST_PARTNERS = 'SELECT * FROM partners ORDER BY created_at, slug';

const INSERT_RECOGNITION = `INSERT INTO recognition_statements (id, partner_id, certificate_kind, ladder_rank,
  occupation_code, framework, level, document, created_at, withdrawn_at) VALUES (?,?,?,?,?,?,?,?,?,?)`;
/** Recognition statements not withdrawn, narrowed by the filters given (their columns are fixed here). */
function listRecognitions(filter: { partnerId?: string; certificateKind?: string }): [string, SqlValue[]] {
  const where = ['withdrawn_at IS NULL'];
  const params: SqlValue[] = [];
  if (filter.partnerId !== undefined) {
    where.push('partner_id = ?');
    params.push(filter.partnerId);
  }
  if (filter.certificateKind !== undefined) {
    where.push('certificate_kind = ?');
    params.push(filter.certificateKind);
  }
  return [`SELECT * FROM recognition_statements WHERE ${where.join(' AND ')} ORDER BY created_at, id`, params];
}

function accreditationFromRow(r: Row): AccreditationRecord {
  return {
    id: text(r.id),
    issuerId: text(r.issuer_id),
    kinds: JSON.parse(text(r.kinds)) as AccreditationRecord['kinds'],
    occupations: JSON.parse(text(r.occupations)) as string[],
    ranks: JSON.parse(text(r.ranks)) as number[],
    validFrom: text(r.valid_from),
    validUntil: textOrNull(r.valid_until),
    chain: textOrNull(r.chain),
    chainMaster: textOrNull(r.chain_master),
    createdAt: text(r.created_at),
  };
}

function exitFromRow(r: Row): ExitRecord {
  return {
    id: text(r.id),
    issuerId: text(r.issuer_id),
    exitedAt: text(r.exited_at),
    reason: r.reason as ExitRecord['reason'],
    note: textOrNull(r.note),
    createdAt: text(r.created_at),
  };
}

function partnerFromRow(r: Row): PartnerRecord {
  return {
    id: text(r.id),
    slug: text(r.slug),
    names: {
      ...(r.name_zh_hans ? { 'zh-Hans': text(r.name_zh_hans) } : {}),
      ...(r.name_zh_hant ? { 'zh-Hant': text(r.name_zh_hant) } : {}),
      en: text(r.name_en),
    },
    region: text(r.region),
    did: textOrNull(r.did),
    rateLimitPerMinute: num(r.rate_limit_per_minute),
    createdAt: text(r.created_at),
  };
}

function recognitionFromRow(r: Row): RecognitionRecord {
  return {
    id: text(r.id),
    partnerId: text(r.partner_id),
    certificateKind: text(r.certificate_kind),
    ladderRank: r.ladder_rank === null || r.ladder_rank === undefined ? null : num(r.ladder_rank),
    occupationCode: textOrNull(r.occupation_code),
    framework: text(r.framework),
    level: text(r.level),
    document: text(r.document),
    createdAt: text(r.created_at),
    withdrawnAt: textOrNull(r.withdrawn_at),
  };
}

type TrustMethods =
  | 'addAccreditation'
  | 'listAccreditations'
  | 'recordExit'
  | 'listExits'
  | 'createPartner'
  | 'getPartner'
  | 'listPartners'
  | 'addRecognition'
  | 'listRecognitions';

/** The trust-registry, partner and recognition methods of the Store. */
export function trustMethods(db: Driver): Pick<Store, TrustMethods> {
  return {
    async addAccreditation(a) {
      const json = JSON.stringify;
      await db.run(INSERT_ACCREDITATION, [
        a.id,
        a.issuerId,
        json(a.kinds),
        json(a.occupations),
        json(a.ranks),
        a.validFrom,
        a.validUntil,
        a.chain,
        a.chainMaster,
        a.createdAt,
      ]);
    },
    async listAccreditations(issuerId) {
      const rows = issuerId ? await db.all(LIST_ACCREDITATIONS_OF_ISSUER, [issuerId]) : await db.all(LIST_ACCREDITATIONS);
      return rows.map(accreditationFromRow);
    },
    async recordExit(e) {
      await db.batch([
        stmt(INSERT_EXIT, e.id, e.issuerId, e.exitedAt, e.reason, e.note, e.createdAt),
        stmt(CLOSE_ACCREDITATIONS, e.exitedAt, e.issuerId, e.exitedAt),
      ]);
    },
    async listExits(issuerId) {
      const rows = issuerId ? await db.all(LIST_EXITS_OF_ISSUER, [issuerId]) : await db.all(LIST_EXITS);
      return rows.map(exitFromRow);
    },

    async createPartner(p, apiKey) {
      const n = p.names;
      await db.batch([
        stmt(INSERT_PARTNER, p.id, p.slug, n['zh-Hans'] ?? null, n['zh-Hant'] ?? null, n.en, p.region, p.did, p.rateLimitPerMinute, p.createdAt),
        insertApiKey(apiKey),
      ]);
    },
    async getPartner(by) {
      const row = 'id' in by ? await db.one(SELECT_PARTNER_BY.id, [by.id]) : await db.one(SELECT_PARTNER_BY.slug, [by.slug]);
      return row ? partnerFromRow(row) : null;
    },
    async listPartners() {
      return (await db.all(LIST_PARTNERS)).map(partnerFromRow);
    },

    async addRecognition(r) {
      await db.run(INSERT_RECOGNITION, [
        r.id,
        r.partnerId,
        r.certificateKind,
        r.ladderRank,
        r.occupationCode,
        r.framework,
        r.level,
        r.document,
        r.createdAt,
        r.withdrawnAt,
      ]);
    },
    async listRecognitions(filter = {}) {
      const [sql, params] = listRecognitions(filter);
      return (await db.all(sql, params)).map(recognitionFromRow);
    },
  };
}

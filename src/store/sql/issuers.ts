// Settings, issuers, their signing keys and API keys: SQL, row mappers and the Store methods.
import type { ApiKeyRecord, IssuerKeyRecord, IssuerRecord } from '../../domain/issuer.js';
import { stmt, type Driver, type Row, type SqlValue } from '../driver.js';
import type { Store } from '../store.js';
import { bit, flag, num, text, textOrNull } from './columns.js';

const SELECT_SETTING = 'SELECT value FROM settings WHERE key = ?';
const INSERT_SETTING_IF_ABSENT = 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING';
const PUT_SETTING = 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value';

const INSERT_ISSUER = `INSERT INTO issuers (id, slug, did, did_method, name_zh_hans, name_zh_hant, name_en,
  org_kind, filing_code, suspension_by_default, status_by_default, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`;
/** The issuer lookup on each of its unique columns (column names never come from input). */
const SELECT_ISSUER_BY = {
  id: 'SELECT * FROM issuers WHERE id = ?',
  slug: 'SELECT * FROM issuers WHERE slug = ?',
  did: 'SELECT * FROM issuers WHERE did = ?',
} as const;
const LIST_ISSUERS = 'SELECT * FROM issuers ORDER BY created_at, slug';
const COUNT_ISSUERS = 'SELECT COUNT(*) AS n FROM issuers';

const INSERT_KEY = `INSERT INTO issuer_keys (id, issuer_id, public_key_multibase, private_key_ref, created_at,
  retired_at, compromised_at) VALUES (?,?,?,?,?,?,?)`;
// Keys in the order they were added: by creation time, and among keys created at the same instant
// the ones retired first before the current one (no rowid: the order must hold on PostgreSQL too).
const LIST_ISSUER_KEYS = 'SELECT * FROM issuer_keys WHERE issuer_id = ? ORDER BY created_at, retired_at IS NULL, retired_at, id';
const RETIRE_CURRENT_KEY = 'UPDATE issuer_keys SET retired_at = ? WHERE issuer_id = ? AND retired_at IS NULL';
const MARK_KEY_COMPROMISED = 'UPDATE issuer_keys SET compromised_at = ? WHERE id = ?';
const COMPROMISE_KEY = 'UPDATE issuer_keys SET compromised_at = ?, retired_at = COALESCE(retired_at, ?) WHERE id = ?';
const SELECT_KEY_BY_REF = 'SELECT * FROM issuer_keys WHERE private_key_ref = ?';

const INSERT_API_KEY = 'INSERT INTO api_keys (id, issuer_id, partner_id, secret_hash, label, created_at, revoked_at) VALUES (?,?,?,?,?,?,?)';
const SELECT_API_KEY = 'SELECT * FROM api_keys WHERE id = ?';
const REVOKE_API_KEY = 'UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL';

function issuerFromRow(r: Row): IssuerRecord {
  return {
    id: text(r.id),
    slug: text(r.slug),
    did: text(r.did),
    didMethod: r.did_method as IssuerRecord['didMethod'],
    names: {
      'zh-Hans': text(r.name_zh_hans),
      ...(r.name_zh_hant ? { 'zh-Hant': text(r.name_zh_hant) } : {}),
      ...(r.name_en ? { en: text(r.name_en) } : {}),
    },
    orgKind: r.org_kind as IssuerRecord['orgKind'],
    filingCode: text(r.filing_code),
    suspensionByDefault: flag(r.suspension_by_default),
    statusByDefault: flag(r.status_by_default),
    createdAt: text(r.created_at),
  };
}

function issuerParams(i: IssuerRecord): SqlValue[] {
  const n = i.names;
  return [
    i.id,
    i.slug,
    i.did,
    i.didMethod,
    n['zh-Hans'],
    n['zh-Hant'] ?? null,
    n.en ?? null,
    i.orgKind,
    i.filingCode,
    bit(i.suspensionByDefault),
    bit(i.statusByDefault),
    i.createdAt,
  ];
}

function keyFromRow(r: Row): IssuerKeyRecord {
  return {
    id: text(r.id),
    issuerId: text(r.issuer_id),
    publicKeyMultibase: text(r.public_key_multibase),
    privateKeyRef: text(r.private_key_ref),
    createdAt: text(r.created_at),
    retiredAt: textOrNull(r.retired_at),
    compromisedAt: textOrNull(r.compromised_at),
  };
}

const insertKey = (k: IssuerKeyRecord) => stmt(INSERT_KEY, k.id, k.issuerId, k.publicKeyMultibase, k.privateKeyRef, k.createdAt, k.retiredAt, k.compromisedAt);

function apiKeyFromRow(r: Row): ApiKeyRecord {
  return {
    id: text(r.id),
    issuerId: textOrNull(r.issuer_id),
    partnerId: textOrNull(r.partner_id),
    secretHash: text(r.secret_hash),
    label: textOrNull(r.label),
    createdAt: text(r.created_at),
    revokedAt: textOrNull(r.revoked_at),
  };
}

/** The API-key insert, for every batch that creates an owner together with its key. */
export const insertApiKey = (k: ApiKeyRecord) => stmt(INSERT_API_KEY, k.id, k.issuerId, k.partnerId, k.secretHash, k.label, k.createdAt, k.revokedAt);

type IssuerMethods =
  | 'getSetting'
  | 'putSettingIfAbsent'
  | 'putSetting'
  | 'createIssuer'
  | 'getIssuer'
  | 'listIssuers'
  | 'countIssuers'
  | 'listIssuerKeys'
  | 'rotateIssuerKey'
  | 'markKeyCompromised'
  | 'compromiseKey'
  | 'findKeyByRef'
  | 'createApiKey'
  | 'getApiKey'
  | 'revokeApiKey';

/** The settings, issuer, key and API-key methods of the Store. */
export function issuerMethods(db: Driver): Pick<Store, IssuerMethods> {
  return {
    async getSetting(key) {
      const row = await db.one(SELECT_SETTING, [key]);
      return row ? text(row.value) : null;
    },
    async putSettingIfAbsent(key, value) {
      return (await db.run(INSERT_SETTING_IF_ABSENT, [key, value])).changes === 1;
    },
    async putSetting(key, value) {
      await db.run(PUT_SETTING, [key, value]);
    },

    async createIssuer(issuer, key, apiKey) {
      await db.batch([stmt(INSERT_ISSUER, ...issuerParams(issuer)), insertKey(key), ...(apiKey ? [insertApiKey(apiKey)] : [])]);
    },
    async getIssuer(by) {
      const [column, value] = 'id' in by ? (['id', by.id] as const) : 'slug' in by ? (['slug', by.slug] as const) : (['did', by.did] as const);
      const row = await db.one(SELECT_ISSUER_BY[column], [value]);
      return row ? issuerFromRow(row) : null;
    },
    async listIssuers() {
      return (await db.all(LIST_ISSUERS)).map(issuerFromRow);
    },
    async countIssuers() {
      return num((await db.one(COUNT_ISSUERS))!.n);
    },

    async listIssuerKeys(issuerId) {
      return (await db.all(LIST_ISSUER_KEYS, [issuerId])).map(keyFromRow);
    },
    async rotateIssuerKey(issuerId, key, at) {
      await db.batch([stmt(RETIRE_CURRENT_KEY, at, issuerId), insertKey(key)]);
    },
    async markKeyCompromised(keyId, at) {
      return (await db.run(MARK_KEY_COMPROMISED, [at, keyId])).changes === 1;
    },
    async compromiseKey(keyId, at, retiredAt) {
      return (await db.run(COMPROMISE_KEY, [at, retiredAt, keyId])).changes === 1;
    },
    async findKeyByRef(ref) {
      const row = await db.one(SELECT_KEY_BY_REF, [ref]);
      return row ? keyFromRow(row) : null;
    },

    async createApiKey(key) {
      await db.batch([insertApiKey(key)]);
    },
    async getApiKey(id) {
      const row = await db.one(SELECT_API_KEY, [id]);
      return row ? apiKeyFromRow(row) : null;
    },
    async revokeApiKey(id, at) {
      return (await db.run(REVOKE_API_KEY, [at, id])).changes === 1;
    },
  };
}

import type { StatusEntryState, StatusListRecord } from './store.js';
import type { AccreditationRecord, ExitRecord } from '../domain/accreditation.js';
import type { PartnerRecord, RecognitionRecord } from '../domain/partner.js';
import type { ApiKeyRecord, IssuerKeyRecord, IssuerRecord } from '../domain/issuer.js';
import { closeAtFor, type AuditEntry, type StatusPurpose } from '../domain/status.js';
import type { CredentialRecord } from '../domain/credential-record.js';

// Row shapes and mappers shared by the SQLite and D1 adapters, so both read the schema alike.

type Row = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

export function issuerFromRow(r: Row): IssuerRecord {
  return {
    id: String(r.id),
    slug: String(r.slug),
    did: String(r.did),
    didMethod: r.did_method as 'web' | 'key',
    names: {
      'zh-Hans': String(r.name_zh_hans),
      ...(r.name_zh_hant ? { 'zh-Hant': String(r.name_zh_hant) } : {}),
      ...(r.name_en ? { en: String(r.name_en) } : {}),
    },
    orgKind: r.org_kind as 'Y' | 'S',
    filingCode: String(r.filing_code),
    suspensionByDefault: Number(r.suspension_by_default) === 1,
    createdAt: String(r.created_at),
  };
}

export function issuerParams(i: IssuerRecord): unknown[] {
  return [
    i.id,
    i.slug,
    i.did,
    i.didMethod,
    i.names['zh-Hans'],
    i.names['zh-Hant'] ?? null,
    i.names.en ?? null,
    i.orgKind,
    i.filingCode,
    i.suspensionByDefault ? 1 : 0,
    i.createdAt,
  ];
}
export const INSERT_ISSUER = `INSERT INTO issuers (id, slug, did, did_method, name_zh_hans, name_zh_hant, name_en,
  org_kind, filing_code, suspension_by_default, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`;

export function keyFromRow(r: Row): IssuerKeyRecord {
  return {
    id: String(r.id),
    issuerId: String(r.issuer_id),
    publicKeyMultibase: String(r.public_key_multibase),
    privateKeyRef: String(r.private_key_ref),
    createdAt: String(r.created_at),
    retiredAt: str(r.retired_at),
    compromisedAt: str(r.compromised_at),
  };
}
export const INSERT_KEY = `INSERT INTO issuer_keys (id, issuer_id, public_key_multibase, private_key_ref, created_at,
  retired_at, compromised_at) VALUES (?,?,?,?,?,?,?)`;
export function keyParams(k: IssuerKeyRecord): unknown[] {
  return [k.id, k.issuerId, k.publicKeyMultibase, k.privateKeyRef, k.createdAt, k.retiredAt, k.compromisedAt];
}

export function apiKeyFromRow(r: Row): ApiKeyRecord {
  return {
    id: String(r.id),
    issuerId: str(r.issuer_id),
    partnerId: str(r.partner_id),
    secretHash: String(r.secret_hash),
    label: str(r.label),
    createdAt: String(r.created_at),
    revokedAt: str(r.revoked_at),
  };
}
export const INSERT_API_KEY = `INSERT INTO api_keys (id, issuer_id, partner_id, secret_hash, label, created_at, revoked_at)
  VALUES (?,?,?,?,?,?,?)`;
export function apiKeyParams(k: ApiKeyRecord): unknown[] {
  return [k.id, k.issuerId, k.partnerId, k.secretHash, k.label, k.createdAt, k.revokedAt];
}

export function credentialFromRow(r: Row): CredentialRecord {
  return {
    id: String(r.id),
    issuerId: String(r.issuer_id),
    kind: String(r.kind),
    holderHash: str(r.holder_hash),
    certificateNumber: str(r.certificate_number),
    assessmentId: str(r.assessment_id),
    issuedAt: String(r.issued_at),
    validFrom: str(r.valid_from),
    format: String(r.format),
    document: String(r.document),
  };
}
export const INSERT_CREDENTIAL = `INSERT INTO credentials (id, issuer_id, kind, holder_hash, certificate_number,
  assessment_id, issued_at, valid_from, format, document) VALUES (?,?,?,?,?,?,?,?,?,?)`;
export function credentialParams(c: CredentialRecord): unknown[] {
  return [
    c.id,
    c.issuerId,
    c.kind,
    c.holderHash,
    c.certificateNumber,
    c.assessmentId,
    c.issuedAt,
    c.validFrom,
    c.format,
    c.document,
  ];
}

export function statusListFromRow(r: Row): StatusListRecord {
  return {
    id: Number(r.id),
    issuerId: String(r.issuer_id),
    purpose: r.purpose as StatusPurpose,
    seq: Number(r.seq),
    size: Number(r.size),
    allocated: Number(r.allocated),
    closeAt: Number(r.close_at),
    state: r.state as 'open' | 'closed',
    version: Number(r.version),
    signedVersion: Number(r.signed_version),
    signedJson: str(r.signed_json),
    signedEtag: str(r.signed_etag),
    signedValidUntil: str(r.signed_valid_until),
  };
}

export function auditFromRow(r: Row): AuditEntry {
  return {
    id: Number(r.id),
    credentialId: String(r.credential_id),
    issuerId: String(r.issuer_id),
    purpose: r.purpose as StatusPurpose,
    oldValue: Number(r.old_value) === 1,
    newValue: Number(r.new_value) === 1,
    actor: String(r.actor),
    reason: String(r.reason),
    requestId: String(r.request_id),
    at: String(r.at),
  };
}
export const INSERT_AUDIT = `INSERT INTO status_audit (credential_id, issuer_id, purpose, old_value, new_value, actor,
  reason, request_id, at) VALUES (?,?,?,?,?,?,?,?,?)`;

/** A uniformly random integer in [0, n), without modulo bias. */
export function randomBelow(n: number): number {
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  const buf = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(buf);
    const v = buf[0]!;
    if (v < limit) return v % n;
  }
}

/** Which unique-constraint a failed insert hit, from the SQLite/D1 error message. */
export function uniqueViolation(error: unknown): 'idempotency' | 'slot' | 'credential' | 'assessment' | 'other' | null {
  const message = error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? '')}` : String(error);
  if (!/UNIQUE constraint failed|PRIMARY KEY/i.test(message)) return null;
  if (message.includes('idempotency_keys')) return 'idempotency';
  if (message.includes('status_entries')) return 'slot';
  if (message.includes('credentials.id')) return 'credential';
  if (message.includes('credentials.issuer_id, credentials.assessment_id')) return 'assessment';
  return 'other';
}

/** The duplicate outcome for a unique violation on the credentials table, if it was one. */
export function duplicateOf(error: unknown): { outcome: 'duplicate'; detail: string } | null {
  const kind = uniqueViolation(error);
  if (kind === 'credential') return { outcome: 'duplicate', detail: 'a credential with this id was already issued' };
  if (kind === 'assessment') {
    return { outcome: 'duplicate', detail: 'this assessment already has a certificate of this kind from this issuer' };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// SQL text both adapters run, so the two cannot drift apart. Portable SQLite: D1 runs it too.

export const SELECT_SETTING = 'SELECT value FROM settings WHERE key = ?';
export const INSERT_SETTING_IF_ABSENT = 'INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)';

/** The issuer lookup for one of its unique columns. */
export function selectIssuerBy(by: { id: string } | { slug: string } | { did: string }): [string, string] {
  const [col, val] = 'id' in by ? ['id', by.id] : 'slug' in by ? ['slug', by.slug] : ['did', by.did];
  return [`SELECT * FROM issuers WHERE ${col} = ?`, val];
}
export const LIST_ISSUERS = 'SELECT * FROM issuers ORDER BY created_at, slug';
export const COUNT_ISSUERS = 'SELECT COUNT(*) AS n FROM issuers';
export const LIST_ISSUER_KEYS = 'SELECT * FROM issuer_keys WHERE issuer_id = ? ORDER BY created_at, rowid';
export const RETIRE_CURRENT_KEY = 'UPDATE issuer_keys SET retired_at = ? WHERE issuer_id = ? AND retired_at IS NULL';
export const MARK_KEY_COMPROMISED = 'UPDATE issuer_keys SET compromised_at = ? WHERE id = ?';
export const SELECT_API_KEY = 'SELECT * FROM api_keys WHERE id = ?';
export const REVOKE_API_KEY = 'UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL';

export const SELECT_OPEN_LIST =
  "SELECT id, seq, size FROM status_lists WHERE issuer_id = ? AND purpose = ? AND state = 'open' ORDER BY seq DESC LIMIT 1";
/**
 * Opens list n+1 unless a list is open: one statement, so openers racing (D1 requests, or two
 * processes on one SQLite file) open one list between them, never one each. One that computed
 * the same seq loses on UNIQUE (issuer_id, purpose, seq) and is ignored.
 */
export const INSERT_NEXT_LIST = `INSERT OR IGNORE INTO status_lists (issuer_id, purpose, seq, size, close_at, created_at)
  SELECT ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM status_lists WHERE issuer_id = ? AND purpose = ?), ?, ?, ?
  WHERE NOT EXISTS (SELECT 1 FROM status_lists WHERE issuer_id = ? AND purpose = ? AND state = 'open')`;
/** Parameters of INSERT_NEXT_LIST. */
export function nextListParams(issuerId: string, purpose: StatusPurpose, opts: { size: number; threshold: number }, now: string): unknown[] {
  return [issuerId, purpose, issuerId, purpose, opts.size, closeAtFor(opts.size, opts.threshold), now, issuerId, purpose];
}
export const SELECT_SLOT_TAKEN = 'SELECT 1 FROM status_entries WHERE list_id = ? AND idx = ?';

export const INSERT_IDEMPOTENCY = 'INSERT INTO idempotency_keys (issuer_id, key, request_hash, response, created_at) VALUES (?,?,?,?,?)';
export const INSERT_STATUS_ENTRY = 'INSERT INTO status_entries (list_id, idx, credential_id, purpose, value) VALUES (?,?,?,?,0)';
export const COUNT_ALLOCATION = `UPDATE status_lists SET allocated = allocated + 1,
  state = CASE WHEN allocated + 1 >= close_at THEN 'closed' ELSE state END WHERE id = ?`;
export const SELECT_IDEMPOTENT = 'SELECT request_hash, response FROM idempotency_keys WHERE issuer_id = ? AND key = ?';

export const SELECT_CREDENTIAL = 'SELECT * FROM credentials WHERE id = ?';
export const LIST_CREDENTIALS_OF_ASSESSMENT =
  'SELECT * FROM credentials WHERE issuer_id = ? AND assessment_id = ? ORDER BY issued_at, id';
export const LIST_CREDENTIALS_ISSUED_BETWEEN =
  'SELECT * FROM credentials WHERE issuer_id = ? AND issued_at >= ? AND issued_at < ? ORDER BY issued_at, id';
export const COUNT_CREDENTIALS = 'SELECT COUNT(*) AS n FROM credentials';
export const COUNT_CREDENTIALS_OF_ISSUER = 'SELECT COUNT(*) AS n FROM credentials WHERE issuer_id = ?';

export const SELECT_STATUS_LIST = 'SELECT * FROM status_lists WHERE issuer_id = ? AND purpose = ? AND seq = ?';
export const LIST_STATUS_LISTS = 'SELECT * FROM status_lists WHERE issuer_id = ? ORDER BY purpose, seq';
/** A covering partial index (list_id, idx) WHERE value = 1 answers this without table lookups. */
export const LIST_SET_BITS = 'SELECT idx FROM status_entries WHERE list_id = ? AND value = 1';
export const SAVE_SIGNED_LIST = `UPDATE status_lists SET signed_version = ?, signed_json = ?, signed_etag = ?, signed_valid_until = ?
  WHERE id = ? AND (signed_version < ? OR (signed_version = ? AND (signed_valid_until IS NULL OR signed_valid_until < ?)))`;
/** Parameters of SAVE_SIGNED_LIST. */
export function saveSignedParams(listId: number, s: { version: number; json: string; etag: string; validUntil: string }): unknown[] {
  return [s.version, s.json, s.etag, s.validUntil, listId, s.version, s.version, s.validUntil];
}
export const SELECT_STATUS_ENTRIES = `SELECT se.credential_id, se.purpose, se.list_id, sl.seq, se.idx, se.value
  FROM status_entries se JOIN status_lists sl ON sl.id = se.list_id WHERE se.credential_id = ? ORDER BY se.purpose`;
export function entryStateFromRow(r: Row): StatusEntryState {
  return {
    credentialId: String(r.credential_id),
    purpose: r.purpose as StatusPurpose,
    listId: Number(r.list_id),
    seq: Number(r.seq),
    index: Number(r.idx),
    value: Number(r.value) === 1,
  };
}
/** The entries a status change decides on, with the issuer the audit log files them under. */
export const SELECT_ENTRIES_FOR_CHANGE = `SELECT se.purpose, se.list_id, se.idx, se.value, c.issuer_id FROM status_entries se
  JOIN credentials c ON c.id = se.credential_id WHERE se.credential_id = ?`;
/** A status entry as a status change decides on it. */
export interface ChangeEntry {
  purpose: StatusPurpose;
  value: boolean;
  listId: number;
  index: number;
  issuerId: string;
}
export function changeEntryFromRow(r: Row): ChangeEntry {
  return {
    purpose: r.purpose as StatusPurpose,
    value: Number(r.value) === 1,
    listId: Number(r.list_id),
    index: Number(r.idx),
    issuerId: String(r.issuer_id),
  };
}
export const SET_BIT = 'UPDATE status_entries SET value = ? WHERE list_id = ? AND idx = ?';
export const BUMP_LIST_VERSION = 'UPDATE status_lists SET version = version + 1 WHERE id = ?';
export const LIST_AUDIT_OF_CREDENTIAL = 'SELECT * FROM status_audit WHERE credential_id = ? ORDER BY id LIMIT ?';
export const LIST_AUDIT_OF_ISSUER = 'SELECT * FROM status_audit WHERE issuer_id = ? ORDER BY id LIMIT ?';

/** Whether to report progress after change i of total (every 1,000 and the last). */
export function progressDue(i: number, total: number): boolean {
  return i % 1000 === 999 || i === total - 1;
}

export const INSERT_ACCREDITATION = `INSERT INTO accreditations (id, issuer_id, kinds, occupations, ranks, valid_from,
  valid_until, chain, chain_master, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)`;
export function accreditationParams(a: AccreditationRecord): unknown[] {
  return [a.id, a.issuerId, JSON.stringify(a.kinds), JSON.stringify(a.occupations), JSON.stringify(a.ranks), a.validFrom, a.validUntil, a.chain, a.chainMaster, a.createdAt];
}
export function accreditationFromRow(r: Row): AccreditationRecord {
  return {
    id: String(r.id),
    issuerId: String(r.issuer_id),
    kinds: JSON.parse(String(r.kinds)) as AccreditationRecord['kinds'],
    occupations: JSON.parse(String(r.occupations)) as string[],
    ranks: JSON.parse(String(r.ranks)) as number[],
    validFrom: String(r.valid_from),
    validUntil: str(r.valid_until),
    chain: str(r.chain),
    chainMaster: str(r.chain_master),
    createdAt: String(r.created_at),
  };
}

export const INSERT_EXIT = `INSERT INTO issuer_exits (id, issuer_id, exited_at, reason, note, created_at) VALUES (?,?,?,?,?,?)`;
/** Ends the open accreditations of an issuer at its exit date (run with INSERT_EXIT, atomically). */
export const CLOSE_ACCREDITATIONS = `UPDATE accreditations SET valid_until = ?
  WHERE issuer_id = ? AND (valid_until IS NULL OR valid_until > ?)`;
export function exitParams(e: ExitRecord): unknown[] {
  return [e.id, e.issuerId, e.exitedAt, e.reason, e.note, e.createdAt];
}
export function exitFromRow(r: Row): ExitRecord {
  return {
    id: String(r.id),
    issuerId: String(r.issuer_id),
    exitedAt: String(r.exited_at),
    reason: r.reason as ExitRecord['reason'],
    note: str(r.note),
    createdAt: String(r.created_at),
  };
}

export const INSERT_PARTNER = `INSERT INTO partners (id, slug, name_zh_hans, name_zh_hant, name_en, region, did,
  rate_limit_per_minute, created_at) VALUES (?,?,?,?,?,?,?,?,?)`;
export function partnerParams(p: PartnerRecord): unknown[] {
  return [p.id, p.slug, p.names['zh-Hans'] ?? null, p.names['zh-Hant'] ?? null, p.names.en, p.region, p.did, p.rateLimitPerMinute, p.createdAt];
}
export function partnerFromRow(r: Row): PartnerRecord {
  return {
    id: String(r.id),
    slug: String(r.slug),
    names: {
      ...(r.name_zh_hans ? { 'zh-Hans': String(r.name_zh_hans) } : {}),
      ...(r.name_zh_hant ? { 'zh-Hant': String(r.name_zh_hant) } : {}),
      en: String(r.name_en),
    },
    region: String(r.region),
    did: str(r.did),
    rateLimitPerMinute: Number(r.rate_limit_per_minute),
    createdAt: String(r.created_at),
  };
}

export const INSERT_RECOGNITION = `INSERT INTO recognition_statements (id, partner_id, certificate_kind, ladder_rank,
  occupation_code, framework, level, document, created_at, withdrawn_at) VALUES (?,?,?,?,?,?,?,?,?,?)`;
export function recognitionParams(r: RecognitionRecord): unknown[] {
  return [r.id, r.partnerId, r.certificateKind, r.ladderRank, r.occupationCode, r.framework, r.level, r.document, r.createdAt, r.withdrawnAt];
}
export function recognitionFromRow(r: Row): RecognitionRecord {
  return {
    id: String(r.id),
    partnerId: String(r.partner_id),
    certificateKind: String(r.certificate_kind),
    ladderRank: r.ladder_rank === null || r.ladder_rank === undefined ? null : Number(r.ladder_rank),
    occupationCode: str(r.occupation_code),
    framework: String(r.framework),
    level: String(r.level),
    document: String(r.document),
    createdAt: String(r.created_at),
    withdrawnAt: str(r.withdrawn_at),
  };
}

// Trust registry and partners: the reads both adapters run.
export const PUT_SETTING = 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value';
export const LIST_ACCREDITATIONS_OF_ISSUER = 'SELECT * FROM accreditations WHERE issuer_id = ? ORDER BY valid_from, id';
export const LIST_ACCREDITATIONS = 'SELECT * FROM accreditations ORDER BY issuer_id, valid_from, id';
export const LIST_EXITS_OF_ISSUER = 'SELECT * FROM issuer_exits WHERE issuer_id = ? ORDER BY exited_at, id';
export const LIST_EXITS = 'SELECT * FROM issuer_exits ORDER BY issuer_id, exited_at, id';
export const SELECT_PARTNER_BY_ID = 'SELECT * FROM partners WHERE id = ?';
export const SELECT_PARTNER_BY_SLUG = 'SELECT * FROM partners WHERE slug = ?';
export const LIST_PARTNERS = 'SELECT * FROM partners ORDER BY created_at, slug';
/** Recognition statements not withdrawn; each filter is bound twice (null matches all). */
export const LIST_RECOGNITIONS = `SELECT * FROM recognition_statements WHERE withdrawn_at IS NULL
  AND (? IS NULL OR partner_id = ?) AND (? IS NULL OR certificate_kind = ?) ORDER BY created_at, id`;
/** Parameters of LIST_RECOGNITIONS. */
export function recognitionFilterParams(filter: { partnerId?: string; certificateKind?: string }): unknown[] {
  return [filter.partnerId ?? null, filter.partnerId ?? null, filter.certificateKind ?? null, filter.certificateKind ?? null];
}

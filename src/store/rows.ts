import type {
  ApiKeyRecord,
  AuditEntry,
  CredentialRecord,
  IssuerKeyRecord,
  IssuerRecord,
  StatusListRecord,
  StatusPurpose,
} from './store.js';

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

/** The number of allocations after which a list closes (at least one, at most size). */
export function closeAtFor(size: number, threshold: number): number {
  return Math.min(size, Math.max(1, Math.ceil(size * threshold)));
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

/** Names in the three languages the service speaks; zh-Hans is always present. */
export interface LocalizedNames {
  'zh-Hans': string;
  'zh-Hant'?: string;
  en?: string;
}

export type OrgKind = 'Y' | 'S';
export type StatusPurpose = 'revocation' | 'suspension';
export const STATUS_PURPOSES: readonly StatusPurpose[] = ['revocation', 'suspension'];

export interface IssuerRecord {
  id: string;
  slug: string;
  did: string;
  didMethod: 'web' | 'key';
  names: LocalizedNames;
  orgKind: OrgKind;
  filingCode: string;
  suspensionByDefault: boolean;
  createdAt: string;
}

export interface IssuerKeyRecord {
  /** The full verification method id, e.g. `did:web:host:issuers:x#key-1`. */
  id: string;
  issuerId: string;
  publicKeyMultibase: string;
  /** Name of the private key in the KeyStore. */
  privateKeyRef: string;
  createdAt: string;
  retiredAt: string | null;
  compromisedAt: string | null;
}

export interface ApiKeyRecord {
  id: string;
  issuerId: string | null;
  partnerId: string | null;
  secretHash: string;
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export interface CredentialRecord {
  id: string;
  issuerId: string;
  kind: string;
  holderHash: string | null;
  certificateNumber: string | null;
  assessmentId: string | null;
  issuedAt: string;
  validFrom: string | null;
  format: string;
  /** The signed credential exactly as returned to the issuer (JSON text). */
  document: string;
}

export interface StatusListRecord {
  id: number;
  issuerId: string;
  purpose: StatusPurpose;
  seq: number;
  size: number;
  allocated: number;
  closeAt: number;
  state: 'open' | 'closed';
  version: number;
  signedVersion: number;
  signedJson: string | null;
  signedEtag: string | null;
  signedValidUntil: string | null;
}

/** A status-list position chosen for a credential about to be signed. */
export interface StatusSlot {
  listId: number;
  seq: number;
  purpose: StatusPurpose;
  index: number;
}

/** One credential to record, with the status positions it claims. */
export interface IssuedEntry {
  record: CredentialRecord;
  slots: StatusSlot[];
}

export interface IdempotencyClaim {
  issuerId: string;
  key: string;
  requestHash: string;
  /** The response to replay for a retry (JSON text). */
  response: string;
}

export type RecordIssuedResult =
  | { outcome: 'recorded' }
  | { outcome: 'replay'; requestHash: string; response: string }
  | { outcome: 'slot-taken' }
  | { outcome: 'duplicate'; detail: string };

export interface StatusEntryState {
  credentialId: string;
  purpose: StatusPurpose;
  listId: number;
  seq: number;
  index: number;
  value: boolean;
}

export interface StatusChange {
  credentialId: string;
  purpose: StatusPurpose;
  value: boolean;
}

export interface AuditContext {
  actor: string;
  reason: string;
  requestId: string;
  at: string;
}

export interface AuditEntry {
  id: number;
  credentialId: string;
  issuerId: string;
  purpose: StatusPurpose;
  oldValue: boolean;
  newValue: boolean;
  actor: string;
  reason: string;
  requestId: string;
  at: string;
}

export type SetStatusResult =
  | { outcome: 'applied'; changed: number; unchanged: number; skipped: number }
  | { outcome: 'refused'; credentialId: string; reason: 'revoked-final' | 'no-entry' };

/** Which credentials a bulk status change selects. */
export type CredentialSelector =
  | { by: 'assessment'; issuerId: string; assessmentId: string }
  | { by: 'issued-between'; issuerId: string; from: string; to: string };

/** Certificate kinds an accreditation may cover; `other` is any credential without a certificate kind. */
export type AccreditedKind = 'skill-level' | 'specialized-ability' | 'enterprise' | 'other';

/** Why an issuer left its chain (Guangdong names six; these are our proposed set). */
export const EXIT_REASONS = ['voluntary-withdrawal', 'failed-review', 'misconduct', 'dissolution-or-merger', 'filing-revoked', 'term-expired'] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

/** What an issuer may certify, and when. */
export interface AccreditationRecord {
  id: string;
  issuerId: string;
  kinds: AccreditedKind[];
  /** Exact codes ("4-04-05-05"), prefixes ("4-04-*") or "*". */
  occupations: string[];
  /** Ladder ranks; empty means any. */
  ranks: number[];
  validFrom: string;
  validUntil: string | null;
  chain: string | null;
  chainMaster: string | null;
  createdAt: string;
}

export interface ExitRecord {
  id: string;
  issuerId: string;
  exitedAt: string;
  reason: ExitReason;
  note: string | null;
  createdAt: string;
}

export interface PartnerRecord {
  id: string;
  slug: string;
  names: { 'zh-Hans'?: string; 'zh-Hant'?: string; en: string };
  /** e.g. HK, MO. */
  region: string;
  did: string | null;
  rateLimitPerMinute: number;
  createdAt: string;
}

export interface RecognitionRecord {
  id: string;
  partnerId: string;
  certificateKind: string;
  ladderRank: number | null;
  occupationCode: string | null;
  framework: string;
  level: string;
  /** The signed statement (JSON text). */
  document: string;
  createdAt: string;
  withdrawnAt: string | null;
}

/**
 * The persistence port. Methods are named by intent; each is atomic on its own, inside the
 * adapter (a transaction on SQLite, a batch on D1).
 */
export interface Store {
  /** Applies pending migrations. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  getSetting(key: string): Promise<string | null>;
  /** Stores a setting if absent; true if this call stored it. */
  putSettingIfAbsent(key: string, value: string): Promise<boolean>;
  /** Stores or replaces a setting. */
  putSetting(key: string, value: string): Promise<void>;

  /** Creates an issuer with its first key and first API key, all or nothing. */
  createIssuer(issuer: IssuerRecord, key: IssuerKeyRecord, apiKey: ApiKeyRecord | null): Promise<void>;
  getIssuer(by: { id: string } | { slug: string } | { did: string }): Promise<IssuerRecord | null>;
  listIssuers(): Promise<IssuerRecord[]>;
  countIssuers(): Promise<number>;
  listIssuerKeys(issuerId: string): Promise<IssuerKeyRecord[]>;
  /** Retires the issuer's current key at `at` and adds `key` as the current one. */
  rotateIssuerKey(issuerId: string, key: IssuerKeyRecord, at: string): Promise<void>;
  /** Marks a key compromised as of `at`; false if there is no such key. */
  markKeyCompromised(keyId: string, at: string): Promise<boolean>;

  createApiKey(key: ApiKeyRecord): Promise<void>;
  getApiKey(id: string): Promise<ApiKeyRecord | null>;
  /** Revokes an API key; false if unknown or already revoked. */
  revokeApiKey(id: string, at: string): Promise<boolean>;

  /**
   * Picks a uniformly random free index on the issuer's open list for `purpose`, opening a list
   * when none is open. Claims nothing: the claim commits with the credential in recordIssued.
   */
  pickStatusSlot(issuerId: string, purpose: StatusPurpose, opts: { size: number; threshold: number }): Promise<StatusSlot>;
  /**
   * Records signed credentials, their status slots and the idempotency claim in one atomic step:
   * all or nothing. `slot-taken` when a concurrent issuance claimed a slot first (retry with new
   * slots); `replay` when the idempotency key was already used; `duplicate` when a credential id,
   * or a certificate of the same kind for the same assessment, already exists.
   */
  recordIssued(entries: IssuedEntry[], idempotency: IdempotencyClaim | null): Promise<RecordIssuedResult>;
  getIdempotent(issuerId: string, key: string): Promise<{ requestHash: string; response: string } | null>;

  getCredential(id: string): Promise<CredentialRecord | null>;
  listCredentials(selector: CredentialSelector): Promise<CredentialRecord[]>;
  countCredentials(issuerId?: string): Promise<number>;

  getStatusList(issuerId: string, purpose: StatusPurpose, seq: number): Promise<StatusListRecord | null>;
  listStatusLists(issuerId: string): Promise<StatusListRecord[]>;
  /** Indexes whose bit is set on a list. */
  listSetBits(listId: number): Promise<number[]>;
  /** Keeps a signed list credential, unless a newer version was saved meanwhile. */
  saveSignedStatusList(listId: number, signed: { version: number; json: string; etag: string; validUntil: string }): Promise<void>;
  getStatusEntries(credentialId: string): Promise<StatusEntryState[]>;
  /**
   * Sets status bits and appends one audit entry per changed bit, atomically. Refuses the whole
   * change when it would alter a revoked credential (revocation is final) or touch a purpose a
   * credential has no entry for (unless `skipMissing`, which counts it as skipped).
   */
  setStatus(
    changes: StatusChange[],
    audit: AuditContext,
    options?: { skipMissing?: boolean; onProgress?: (done: number, total: number) => void },
  ): Promise<SetStatusResult>;
  listAudit(by: { credentialId: string } | { issuerId: string }, limit?: number): Promise<AuditEntry[]>;

  // Trust registry, partners and recognition statements (issue 6).
  addAccreditation(record: AccreditationRecord): Promise<void>;
  listAccreditations(issuerId?: string): Promise<AccreditationRecord[]>;
  /** Records an exit and ends every open accreditation of the issuer at its date, atomically. */
  recordExit(exit: ExitRecord): Promise<void>;
  listExits(issuerId?: string): Promise<ExitRecord[]>;
  createPartner(partner: PartnerRecord, apiKey: ApiKeyRecord): Promise<void>;
  getPartner(by: { id: string } | { slug: string }): Promise<PartnerRecord | null>;
  listPartners(): Promise<PartnerRecord[]>;
  addRecognition(record: RecognitionRecord): Promise<void>;
  listRecognitions(filter?: { partnerId?: string; certificateKind?: string }): Promise<RecognitionRecord[]>;
}

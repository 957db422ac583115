import type { AccreditationRecord, ExitRecord } from '../domain/accreditation.js';
import type { CredentialRecord } from '../domain/credential-record.js';
import type { HolderCheckRecord, PepperRecord } from '../domain/holder.js';
import type { ApiKeyRecord, IssuerKeyRecord, IssuerRecord } from '../domain/issuer.js';
import type { PartnerRecord, RecognitionRecord } from '../domain/partner.js';
import type { AuditEntry, StatusChange, StatusPurpose, StatusSlot } from '../domain/status.js';

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

export interface AuditContext {
  actor: string;
  reason: string;
  /** Our id of the request that made the change. */
  requestId: string;
  /** The X-Request-Id the client sent, kept as the client's. */
  clientRequestId?: string | null;
  at: string;
}

export type SetStatusResult =
  | { outcome: 'applied'; changed: number; unchanged: number; skipped: number }
  | { outcome: 'refused'; credentialId: string; reason: 'revoked-final' | 'no-entry' };

/** Which credentials a bulk status change selects. */
export type CredentialSelector =
  | { by: 'assessment'; issuerId: string; assessmentId: string }
  | { by: 'issued-between'; issuerId: string; from: string; to: string }
  | { by: 'batch'; issuerId: string; batchId: string };

/** An exam-session batch: its counts and the lease of the job that issues it. */
export interface BatchRecord {
  id: string;
  issuerId: string;
  source: 'json' | 'csv';
  headers: string[];
  total: number;
  issued: number;
  failed: number;
  state: 'queued' | 'running' | 'completed';
  leaseOwner: string | null;
  leaseUntil: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

/** One checked row of a new batch: the id its credential will have, its draft (JSON) and signing settings (JSON). */
export interface BatchRowInput {
  rowNo: number;
  sheetRow: number;
  certificateNumber: string;
  holderName: string;
  credentialId: string;
  draft: string;
  settings: string;
}

/** A row still to issue. */
export interface PendingBatchRow {
  rowNo: number;
  draft: string;
  settings: string;
}

/** A row as its batch reports it, with the issued credential's document and status when there is one. */
export interface BatchRowRecord {
  rowNo: number;
  sheetRow: number;
  certificateNumber: string;
  holderName: string;
  credentialId: string | null;
  error: string | null;
  document: string | null;
  revoked: boolean;
  suspended: boolean;
}

/** What committing a chunk of rows did (see recordIssued for the refusals). */
type CommitRowsResult = { outcome: 'recorded' } | { outcome: 'replay' } | { outcome: 'slot-taken' } | { outcome: 'duplicate'; detail: string };

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
  /**
   * Marks a key compromised as of `at` and retires it as of `retiredAt` unless it was retired
   * already, in one statement; false if there is no such key.
   */
  compromiseKey(keyId: string, at: string, retiredAt: string): Promise<boolean>;
  /** The issuer key whose private key is stored under `ref`, if any. */
  findKeyByRef(ref: string): Promise<IssuerKeyRecord | null>;

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
  /**
   * The credentials carrying exactly this certificate number, latest issued first, at most `limit`
   * (and never more than 20): what a look-up by number and holder name reads.
   */
  credentialsByNumber(number: string, limit?: number): Promise<CredentialRecord[]>;
  /** How many credentials (of an issuer; issued in [from, to) when given). */
  countCredentials(issuerId?: string, issued?: { from: string; to: string }): Promise<number>;

  /** Up to `count` distinct free indexes of the open list, no more than it has left before it closes (at least one). */
  pickStatusSlots(issuerId: string, purpose: StatusPurpose, count: number, opts: { size: number; threshold: number }): Promise<StatusSlot[]>;

  // Exam-session batches (issue 15).
  /** Stores a checked batch and its rows, all or nothing; false when a batch with its id exists. */
  createBatch(batch: BatchRecord, rows: BatchRowInput[]): Promise<boolean>;
  getBatch(id: string): Promise<BatchRecord | null>;
  /** Unfinished batches, oldest first. */
  listUnfinishedBatches(limit: number): Promise<BatchRecord[]>;
  /** Takes (or renews) the job's lease until `until`, unless another owner holds one past `now`. */
  claimBatch(id: string, owner: string, until: string, now: string): Promise<boolean>;
  /** Gives up the lease, so the next reader resumes the job at once. */
  releaseBatch(id: string, owner: string): Promise<void>;
  pendingBatchRows(batchId: string, limit: number): Promise<PendingBatchRow[]>;
  /**
   * Records a chunk of issued rows in one atomic step: per row its credential (under the id the
   * row (batch, row) was given: its idempotency key) and status entries; the lists' and the
   * batch's counts. `replay` when a row of the chunk was committed before.
   */
  commitBatchRows(batchId: string, rows: { rowNo: number; entry: IssuedEntry }[], now: string): Promise<CommitRowsResult>;
  /** Marks a pending row as not issued, with why. */
  failBatchRow(batchId: string, rowNo: number, error: string, now: string): Promise<void>;
  /** Completes the batch when no row is pending; the batch as it is then. */
  finishBatch(batchId: string, now: string): Promise<BatchRecord | null>;
  listBatchRows(batchId: string, offset: number, limit: number): Promise<BatchRowRecord[]>;
  /** Of these certificate numbers and (assessment id, kind) pairs, those the issuer already issued. */
  issuedAmong(issuerId: string, numbers: string[], assessments: [string, string][]): Promise<{ numbers: string[]; assessments: [string, string][] }>;

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

  // Holder bindings: peppers (references to KeyStore secrets) and the audit of holder checks.
  /** An issuer's peppers, oldest first; the current one has no retiredAt. */
  listPeppers(issuerId: string): Promise<PepperRecord[]>;
  /** Adds a pepper as the issuer's current one, retiring the previous, atomically. */
  addPepper(pepper: PepperRecord): Promise<void>;
  /** Appends one holder check to the (append-only) audit. */
  recordHolderCheck(check: HolderCheckRecord): Promise<void>;
  listHolderChecks(credentialKey: string, limit?: number): Promise<(HolderCheckRecord & { id: number })[]>;
  /** An issuer's credentials that still carry the legacy, unkeyed holder binding. */
  listLegacyHolderBindings(issuerId: string, limit?: number): Promise<CredentialRecord[]>;
}

import { SkillcredError } from '../errors.js';
import {
  CLOSE_ACCREDITATIONS,
  PUT_SETTING,
  LIST_ACCREDITATIONS_OF_ISSUER,
  LIST_ACCREDITATIONS,
  LIST_EXITS_OF_ISSUER,
  LIST_EXITS,
  SELECT_PARTNER_BY_ID,
  SELECT_PARTNER_BY_SLUG,
  LIST_PARTNERS,
  LIST_RECOGNITIONS,
  recognitionFilterParams,
  INSERT_ACCREDITATION,
  INSERT_EXIT,
  INSERT_PARTNER,
  INSERT_RECOGNITION,
  accreditationFromRow,
  accreditationParams,
  exitFromRow,
  exitParams,
  partnerFromRow,
  partnerParams,
  recognitionFromRow,
  recognitionParams,
  COUNT_ALLOCATION,
  COUNT_CREDENTIALS,
  COUNT_CREDENTIALS_OF_ISSUER,
  COUNT_ISSUERS,
  INSERT_API_KEY,
  INSERT_CREDENTIAL,
  INSERT_IDEMPOTENCY,
  INSERT_ISSUER,
  INSERT_KEY,
  INSERT_NEXT_LIST,
  INSERT_SETTING_IF_ABSENT,
  INSERT_STATUS_ENTRY,
  LIST_AUDIT_OF_CREDENTIAL,
  LIST_AUDIT_OF_ISSUER,
  LIST_CREDENTIALS_ISSUED_BETWEEN,
  LIST_CREDENTIALS_OF_ASSESSMENT,
  LIST_ISSUERS,
  LIST_ISSUER_KEYS,
  LIST_SET_BITS,
  LIST_STATUS_LISTS,
  MARK_KEY_COMPROMISED,
  RETIRE_CURRENT_KEY,
  REVOKE_API_KEY,
  SAVE_SIGNED_LIST,
  SELECT_API_KEY,
  SELECT_CREDENTIAL,
  SELECT_IDEMPOTENT,
  SELECT_SETTING,
  SELECT_STATUS_ENTRIES,
  SELECT_STATUS_LIST,
  apiKeyFromRow,
  apiKeyParams,
  auditFromRow,
  changeEntryFromRow,
  credentialFromRow,
  credentialParams,
  duplicateOf,
  entryStateFromRow,
  issuerFromRow,
  issuerParams,
  keyFromRow,
  keyParams,
  nextListParams,
  randomBelow,
  saveSignedParams,
  selectIssuerBy,
  statusListFromRow,
  uniqueViolation,
  type ChangeEntry,
} from './rows.js';
import type { AuditContext, CredentialSelector, IdempotencyClaim, IssuedEntry, RecordIssuedResult, SetStatusResult, StatusEntryState, StatusListRecord, Store } from './store.js';
import type { AccreditationRecord, ExitRecord } from '../domain/accreditation.js';
import type { PartnerRecord, RecognitionRecord } from '../domain/partner.js';
import type { ApiKeyRecord, IssuerKeyRecord, IssuerRecord } from '../domain/issuer.js';
import { decideChange } from '../domain/status.js';
import type { AuditEntry, StatusChange, StatusPurpose, StatusSlot } from '../domain/status.js';
import type { CredentialRecord } from '../domain/credential-record.js';

type Row = Record<string, unknown>;

/** The part of a D1 query result the adapter reads. */
export interface D1ResultLike<T = Row> {
  results: T[];
  meta: { changes?: number };
}

/** The part of D1's prepared statement the adapter uses. */
export interface D1StatementLike {
  bind(...values: unknown[]): D1StatementLike;
  first<T = Row>(): Promise<T | null>;
  all<T = Row>(): Promise<D1ResultLike<T>>;
  run(): Promise<D1ResultLike>;
}

/** The part of a D1 binding the adapter uses (structurally a `D1Database`). */
export interface D1Like {
  prepare(sql: string): D1StatementLike;
  batch(statements: D1StatementLike[]): Promise<D1ResultLike[]>;
}

// D1 takes at most 100 bound parameters a statement, so sets travel as one JSON array parameter
// read with json_each; a chunk keeps each such parameter far below D1's 2 MB value limit.
const CHUNK = 1000;
// Random candidates tested per round trip when picking a status index.
const CANDIDATES = 16;
// A status change replanned this many times after losing races gives up with a 409.
const STATUS_ATTEMPTS = 12;

// The open list and which of the candidate indexes it has given already, in one round trip.
const OPEN_LIST_TAKEN_AMONG = `SELECT l.id, l.seq, l.size, (SELECT json_group_array(se.idx) FROM status_entries se
    WHERE se.list_id = l.id AND se.idx IN (SELECT value FROM json_each(?))) AS taken
  FROM status_lists l WHERE l.issuer_id = ? AND l.purpose = ? AND l.state = 'open' ORDER BY l.seq DESC LIMIT 1`;
const ENTRIES_FOR_CHANGES = `SELECT se.credential_id, se.purpose, se.list_id, se.idx, se.value, c.issuer_id FROM status_entries se
  JOIN credentials c ON c.id = se.credential_id WHERE se.credential_id IN (SELECT value FROM json_each(?))`;
// Fails the batch (CHECK store_guard_lost_race) when any [list_id, idx, value] read before no longer holds.
const GUARD_UNCHANGED = `INSERT INTO store_guard (lost_race) SELECT 'status entries changed since they were read'
  WHERE EXISTS (SELECT 1 FROM json_each(?) AS j JOIN status_entries se
    ON se.list_id = json_extract(j.value, '$[0]') AND se.idx = json_extract(j.value, '$[1]')
    WHERE se.value <> json_extract(j.value, '$[2]'))`;
const SET_BITS = `UPDATE status_entries SET value = ? WHERE value <> ? AND (list_id, idx) IN
  (SELECT json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]') FROM json_each(?) AS j)`;
const APPEND_AUDITS = `INSERT INTO status_audit (credential_id, issuer_id, purpose, old_value, new_value, actor, reason, request_id, at)
  SELECT json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'), json_extract(j.value, '$[2]'),
    json_extract(j.value, '$[3]'), json_extract(j.value, '$[4]'), ?, ?, ?, ? FROM json_each(?) AS j ORDER BY j.key`;
const BUMP_LISTS = 'UPDATE status_lists SET version = version + 1 WHERE id IN (SELECT value FROM json_each(?))';

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Whether a batch failed on its store_guard check: rows it was planned on changed meanwhile. */
function lostRace(error: unknown): boolean {
  const message = error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? '')}` : String(error);
  return message.includes('store_guard_lost_race') || /CHECK constraint failed: lost_race/.test(message);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A status change planned on entries read earlier: the batch that applies it, or its refusal. */
type StatusPlan =
  | { outcome: 'refused'; credentialId: string; reason: 'revoked-final' | 'no-entry' }
  | { outcome: 'applied'; changed: number; unchanged: number; skipped: number; statements: D1StatementLike[] };

/**
 * The Store on Cloudflare D1. D1 has no interactive transactions, only atomic `batch()`: every
 * multi-statement method writes through one batch, and a method that must decide on what it
 * read (setStatus) guards its batch so it fails, and is replanned, if that changed meanwhile.
 */
export class D1Store implements Store {
  constructor(private readonly db: D1Like) {}

  /** Migrations are applied by wrangler (`d1 migrations apply`) from the same files. */
  async migrate(): Promise<void> {}
  async close(): Promise<void> {}

  private q(sql: string, ...params: unknown[]): D1StatementLike {
    return this.db.prepare(sql).bind(...params);
  }
  private async one(sql: string, ...params: unknown[]): Promise<Row | null> {
    return this.q(sql, ...params).first<Row>();
  }
  private async all(sql: string, ...params: unknown[]): Promise<Row[]> {
    return (await this.q(sql, ...params).all<Row>()).results;
  }
  private async changes(sql: string, ...params: unknown[]): Promise<number> {
    return (await this.q(sql, ...params).run()).meta.changes ?? 0;
  }

  async getSetting(key: string): Promise<string | null> {
    const row = await this.one(SELECT_SETTING, key);
    return row ? String(row.value) : null;
  }

  async putSettingIfAbsent(key: string, value: string): Promise<boolean> {
    return (await this.changes(INSERT_SETTING_IF_ABSENT, key, value)) === 1;
  }

  async createIssuer(issuer: IssuerRecord, key: IssuerKeyRecord, apiKey: ApiKeyRecord | null): Promise<void> {
    const statements = [this.q(INSERT_ISSUER, ...issuerParams(issuer)), this.q(INSERT_KEY, ...keyParams(key))];
    if (apiKey) statements.push(this.q(INSERT_API_KEY, ...apiKeyParams(apiKey)));
    await this.db.batch(statements);
  }

  async getIssuer(by: { id: string } | { slug: string } | { did: string }): Promise<IssuerRecord | null> {
    const row = await this.one(...selectIssuerBy(by));
    return row ? issuerFromRow(row) : null;
  }

  async listIssuers(): Promise<IssuerRecord[]> {
    return (await this.all(LIST_ISSUERS)).map(issuerFromRow);
  }

  async countIssuers(): Promise<number> {
    return Number((await this.one(COUNT_ISSUERS))!.n);
  }

  async listIssuerKeys(issuerId: string): Promise<IssuerKeyRecord[]> {
    return (await this.all(LIST_ISSUER_KEYS, issuerId)).map(keyFromRow);
  }

  async rotateIssuerKey(issuerId: string, key: IssuerKeyRecord, at: string): Promise<void> {
    await this.db.batch([this.q(RETIRE_CURRENT_KEY, at, issuerId), this.q(INSERT_KEY, ...keyParams(key))]);
  }

  async markKeyCompromised(keyId: string, at: string): Promise<boolean> {
    return (await this.changes(MARK_KEY_COMPROMISED, at, keyId)) === 1;
  }

  async createApiKey(key: ApiKeyRecord): Promise<void> {
    await this.q(INSERT_API_KEY, ...apiKeyParams(key)).run();
  }

  async getApiKey(id: string): Promise<ApiKeyRecord | null> {
    const row = await this.one(SELECT_API_KEY, id);
    return row ? apiKeyFromRow(row) : null;
  }

  async revokeApiKey(id: string, at: string): Promise<boolean> {
    return (await this.changes(REVOKE_API_KEY, at, id)) === 1;
  }

  async pickStatusSlot(issuerId: string, purpose: StatusPurpose, opts: { size: number; threshold: number }): Promise<StatusSlot> {
    // Each round tests a handful of uniformly drawn indexes against the open list in one query;
    // the first free one is uniform over the free indexes, as one draw at a time would be.
    let size = opts.size; // a list opened under another configuration may differ: learnt below
    for (let round = 0; round < 10_000; round++) {
      const candidates = new Set<number>();
      while (candidates.size < Math.min(CANDIDATES, size)) candidates.add(randomBelow(size));
      const row = await this.one(OPEN_LIST_TAKEN_AMONG, JSON.stringify([...candidates]), issuerId, purpose);
      if (!row) {
        await this.q(INSERT_NEXT_LIST, ...nextListParams(issuerId, purpose, opts, new Date().toISOString())).run();
        continue;
      }
      size = Number(row.size);
      const taken = new Set(JSON.parse(String(row.taken)) as number[]);
      for (const index of candidates) {
        if (index < size && !taken.has(index)) return { listId: Number(row.id), seq: Number(row.seq), purpose, index };
      }
    }
    throw new Error(`the open ${purpose} list of issuer ${issuerId} has no free index`);
  }

  async recordIssued(entries: IssuedEntry[], idempotency: IdempotencyClaim | null): Promise<RecordIssuedResult> {
    // One batch in the order the SQLite adapter writes, so the first constraint to fail (and so
    // the outcome) is the same on both: idempotency key, then per credential its row and slots.
    const statements: D1StatementLike[] = [];
    if (idempotency) {
      statements.push(
        this.q(INSERT_IDEMPOTENCY, idempotency.issuerId, idempotency.key, idempotency.requestHash, idempotency.response, new Date().toISOString()),
      );
    }
    for (const { record, slots } of entries) {
      statements.push(this.q(INSERT_CREDENTIAL, ...credentialParams(record)));
      for (const slot of slots) {
        statements.push(this.q(INSERT_STATUS_ENTRY, slot.listId, slot.index, record.id, slot.purpose));
        statements.push(this.q(COUNT_ALLOCATION, slot.listId));
      }
    }
    if (statements.length === 0) return { outcome: 'recorded' };
    try {
      await this.db.batch(statements);
      return { outcome: 'recorded' };
    } catch (error) {
      if (uniqueViolation(error) === 'slot') return { outcome: 'slot-taken' };
      const duplicate = duplicateOf(error);
      if (duplicate) return duplicate;
      if (idempotency && uniqueViolation(error) === 'idempotency') {
        const prior = await this.getIdempotent(idempotency.issuerId, idempotency.key);
        if (prior) return { outcome: 'replay', ...prior };
      }
      throw error;
    }
  }

  async getIdempotent(issuerId: string, key: string): Promise<{ requestHash: string; response: string } | null> {
    const row = await this.one(SELECT_IDEMPOTENT, issuerId, key);
    return row ? { requestHash: String(row.request_hash), response: String(row.response) } : null;
  }

  async getCredential(id: string): Promise<CredentialRecord | null> {
    const row = await this.one(SELECT_CREDENTIAL, id);
    return row ? credentialFromRow(row) : null;
  }

  async listCredentials(selector: CredentialSelector): Promise<CredentialRecord[]> {
    const rows =
      selector.by === 'assessment'
        ? await this.all(LIST_CREDENTIALS_OF_ASSESSMENT, selector.issuerId, selector.assessmentId)
        : await this.all(LIST_CREDENTIALS_ISSUED_BETWEEN, selector.issuerId, selector.from, selector.to);
    return rows.map(credentialFromRow);
  }

  async countCredentials(issuerId?: string): Promise<number> {
    const row = issuerId ? await this.one(COUNT_CREDENTIALS_OF_ISSUER, issuerId) : await this.one(COUNT_CREDENTIALS);
    return Number(row!.n);
  }

  async getStatusList(issuerId: string, purpose: StatusPurpose, seq: number): Promise<StatusListRecord | null> {
    const row = await this.one(SELECT_STATUS_LIST, issuerId, purpose, seq);
    return row ? statusListFromRow(row) : null;
  }

  async listStatusLists(issuerId: string): Promise<StatusListRecord[]> {
    return (await this.all(LIST_STATUS_LISTS, issuerId)).map(statusListFromRow);
  }

  async listSetBits(listId: number): Promise<number[]> {
    return (await this.all(LIST_SET_BITS, listId)).map((r) => Number(r.idx));
  }

  async saveSignedStatusList(listId: number, signed: { version: number; json: string; etag: string; validUntil: string }): Promise<void> {
    await this.q(SAVE_SIGNED_LIST, ...saveSignedParams(listId, signed)).run();
  }

  async getStatusEntries(credentialId: string): Promise<StatusEntryState[]> {
    return (await this.all(SELECT_STATUS_ENTRIES, credentialId)).map(entryStateFromRow);
  }

  async setStatus(
    changes: StatusChange[],
    audit: AuditContext,
    options: { skipMissing?: boolean; onProgress?: (done: number, total: number) => void } = {},
  ): Promise<SetStatusResult> {
    for (let attempt = 1; ; attempt++) {
      const plan = await this.planStatus(changes, audit, options.skipMissing ?? false);
      if (plan.outcome === 'refused') return plan;
      try {
        if (plan.statements.length > 0) await this.db.batch(plan.statements);
      } catch (error) {
        if (!lostRace(error)) throw error;
        if (attempt >= STATUS_ATTEMPTS) {
          throw new SkillcredError('CONFLICT', 'the status of these credentials kept changing concurrently; retry the request');
        }
        await sleep(Math.random() * 10 * attempt); // jitter, so racing writers stop colliding
        continue;
      }
      if (options.onProgress && changes.length > 0) options.onProgress(changes.length, changes.length);
      const { changed, unchanged, skipped } = plan;
      return { outcome: 'applied', changed, unchanged, skipped };
    }
  }

  /**
   * Reads the entries of every credential the changes touch, applies the shared rule to them in
   * order (in memory, so a later change sees an earlier one, as inside a transaction), and
   * builds the batch: a guard that every entry read still holds its value, the bit writes, the
   * audit rows (in change order) and the version bumps of the touched lists.
   */
  private async planStatus(changes: StatusChange[], audit: AuditContext, skipMissing: boolean): Promise<StatusPlan> {
    const ids = [...new Set(changes.map((c) => c.credentialId))];
    const state = new Map<string, (ChangeEntry & { original: boolean })[]>();
    for (const part of chunks(ids)) {
      for (const row of await this.all(ENTRIES_FOR_CHANGES, JSON.stringify(part))) {
        const entry = { ...changeEntryFromRow(row), original: Number(row.value) === 1 };
        const id = String(row.credential_id);
        state.set(id, [...(state.get(id) ?? []), entry]);
      }
    }
    let changed = 0;
    let unchanged = 0;
    let skipped = 0;
    const audits: unknown[][] = [];
    const touched = new Set<number>();
    const written = new Set<ChangeEntry & { original: boolean }>();
    for (const change of changes) {
      const decision = decideChange(change, state.get(change.credentialId) ?? [], skipMissing);
      if (decision.kind === 'refuse') return { outcome: 'refused', credentialId: change.credentialId, reason: decision.reason };
      if (decision.kind === 'skip') skipped++;
      else if (decision.kind === 'unchanged') unchanged++;
      else {
        decision.entry.value = change.value;
        written.add(decision.entry);
        touched.add(decision.entry.listId);
        audits.push([change.credentialId, decision.entry.issuerId, change.purpose, decision.old ? 1 : 0, change.value ? 1 : 0]);
        changed++;
      }
    }
    const statements: D1StatementLike[] = [];
    if (changed > 0) {
      const read = [...state.values()].flat().map((e) => [e.listId, e.index, e.original ? 1 : 0]);
      for (const part of chunks(read)) statements.push(this.q(GUARD_UNCHANGED, JSON.stringify(part)));
      for (const value of [1, 0]) {
        const targets = [...written].filter((e) => (e.value ? 1 : 0) === value && e.value !== e.original).map((e) => [e.listId, e.index]);
        for (const part of chunks(targets)) statements.push(this.q(SET_BITS, value, value, JSON.stringify(part)));
      }
      for (const part of chunks(audits)) {
        statements.push(this.q(APPEND_AUDITS, audit.actor, audit.reason, audit.requestId, audit.at, JSON.stringify(part)));
      }
      statements.push(this.q(BUMP_LISTS, JSON.stringify([...touched])));
    }
    return { outcome: 'applied', changed, unchanged, skipped, statements };
  }

  async listAudit(by: { credentialId: string } | { issuerId: string }, limit = 1000): Promise<AuditEntry[]> {
    const rows =
      'credentialId' in by
        ? await this.all(LIST_AUDIT_OF_CREDENTIAL, by.credentialId, limit)
        : await this.all(LIST_AUDIT_OF_ISSUER, by.issuerId, limit);
    return rows.map(auditFromRow);
  }

  async putSetting(key: string, value: string): Promise<void> {
    await this.q(PUT_SETTING, key, value).run();
  }

  async addAccreditation(record: AccreditationRecord): Promise<void> {
    await this.q(INSERT_ACCREDITATION, ...accreditationParams(record)).run();
  }

  async listAccreditations(issuerId?: string): Promise<AccreditationRecord[]> {
    const rows = issuerId
      ? await this.all(LIST_ACCREDITATIONS_OF_ISSUER, issuerId)
      : await this.all(LIST_ACCREDITATIONS);
    return rows.map(accreditationFromRow);
  }

  async recordExit(exit: ExitRecord): Promise<void> {
    await this.db.batch([this.q(INSERT_EXIT, ...exitParams(exit)), this.q(CLOSE_ACCREDITATIONS, exit.exitedAt, exit.issuerId, exit.exitedAt)]);
  }

  async listExits(issuerId?: string): Promise<ExitRecord[]> {
    const rows = issuerId
      ? await this.all(LIST_EXITS_OF_ISSUER, issuerId)
      : await this.all(LIST_EXITS);
    return rows.map(exitFromRow);
  }

  async createPartner(partner: PartnerRecord, apiKey: ApiKeyRecord): Promise<void> {
    await this.db.batch([this.q(INSERT_PARTNER, ...partnerParams(partner)), this.q(INSERT_API_KEY, ...apiKeyParams(apiKey))]);
  }

  async getPartner(by: { id: string } | { slug: string }): Promise<PartnerRecord | null> {
    const row = 'id' in by ? await this.one(SELECT_PARTNER_BY_ID, by.id) : await this.one(SELECT_PARTNER_BY_SLUG, by.slug);
    return row ? partnerFromRow(row) : null;
  }

  async listPartners(): Promise<PartnerRecord[]> {
    return (await this.all(LIST_PARTNERS)).map(partnerFromRow);
  }

  async addRecognition(record: RecognitionRecord): Promise<void> {
    await this.q(INSERT_RECOGNITION, ...recognitionParams(record)).run();
  }

  async listRecognitions(filter: { partnerId?: string; certificateKind?: string } = {}): Promise<RecognitionRecord[]> {
    const rows = await this.all(LIST_RECOGNITIONS, ...recognitionFilterParams(filter));
    return rows.map(recognitionFromRow);
  }
}

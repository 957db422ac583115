import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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
  BUMP_LIST_VERSION,
  COUNT_ALLOCATION,
  COUNT_CREDENTIALS,
  COUNT_CREDENTIALS_OF_ISSUER,
  COUNT_ISSUERS,
  INSERT_API_KEY,
  INSERT_AUDIT,
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
  SELECT_ENTRIES_FOR_CHANGE,
  SELECT_IDEMPOTENT,
  SELECT_OPEN_LIST,
  SELECT_SETTING,
  SELECT_SLOT_TAKEN,
  SELECT_STATUS_ENTRIES,
  SELECT_STATUS_LIST,
  SET_BIT,
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
  progressDue,
  randomBelow,
  saveSignedParams,
  selectIssuerBy,
  statusListFromRow,
  uniqueViolation,
} from './rows.js';
import { decideChange } from '../domain/status.js';
import type { AuditContext, CredentialSelector, IdempotencyClaim, IssuedEntry, RecordIssuedResult, SetStatusResult, StatusEntryState, Store } from './store.js';
import type { AccreditationRecord, ExitRecord } from '../domain/accreditation.js';
import type { PartnerRecord, RecognitionRecord } from '../domain/partner.js';
import type { ApiKeyRecord, IssuerKeyRecord, IssuerRecord } from '../domain/issuer.js';
import type { StatusChange, StatusPurpose, StatusSlot } from '../domain/status.js';

type Row = Record<string, unknown>;

/** The directory holding the numbered *.sql migrations both adapters apply. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

class SlotTaken extends Error {}
class Refused extends Error {
  constructor(
    readonly credentialId: string,
    readonly reason: 'revoked-final' | 'no-entry',
  ) {
    super(reason);
  }
}

export interface SqliteStoreOptions {
  /** `FULL` fsyncs every commit (power-loss safe); `NORMAL` (default) is crash safe under WAL. */
  synchronous?: 'NORMAL' | 'FULL';
}

/** The embedded default Store: one SQLite file through better-sqlite3. */
export class SqliteStore implements Store {
  readonly db: Database.Database;

  constructor(filename: string, options: SqliteStoreOptions = {}) {
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
  }

  async migrate(): Promise<void> {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
    const applied = new Set(
      (this.db.prepare('SELECT name FROM schema_migrations').all() as Row[]).map((r) => String(r.name)),
    );
    const files = readdirSync(MIGRATIONS_DIR)
      .filter((f) => /^\d+_.*\.sql$/.test(f))
      .sort();
    for (const file of files) {
      if (applied.has(file)) continue;
      const sql = readFileSync(MIGRATIONS_DIR + file, 'utf8');
      this.db.transaction(() => {
        this.db.exec(sql);
        this.db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)').run(file, new Date().toISOString());
      })();
    }
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private readonly statements = new Map<string, Database.Statement>();

  /** A prepared statement, prepared once per SQL text. */
  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }
  private one(sql: string, ...params: unknown[]): Row | undefined {
    return this.stmt(sql).get(...params) as Row | undefined;
  }
  private all(sql: string, ...params: unknown[]): Row[] {
    return this.stmt(sql).all(...params) as Row[];
  }
  private run(sql: string, ...params: unknown[]): Database.RunResult {
    return this.stmt(sql).run(...params);
  }

  async getSetting(key: string): Promise<string | null> {
    const row = this.one(SELECT_SETTING, key);
    return row ? String(row.value) : null;
  }

  async putSettingIfAbsent(key: string, value: string): Promise<boolean> {
    return this.run(INSERT_SETTING_IF_ABSENT, key, value).changes === 1;
  }

  async createIssuer(issuer: IssuerRecord, key: IssuerKeyRecord, apiKey: ApiKeyRecord | null): Promise<void> {
    this.db.transaction(() => {
      this.run(INSERT_ISSUER, ...issuerParams(issuer));
      this.run(INSERT_KEY, ...keyParams(key));
      if (apiKey) this.run(INSERT_API_KEY, ...apiKeyParams(apiKey));
    })();
  }

  async getIssuer(by: { id: string } | { slug: string } | { did: string }): Promise<IssuerRecord | null> {
    const [sql, val] = selectIssuerBy(by);
    const row = this.one(sql, val);
    return row ? issuerFromRow(row) : null;
  }

  async listIssuers(): Promise<IssuerRecord[]> {
    return this.all(LIST_ISSUERS).map(issuerFromRow);
  }

  async countIssuers(): Promise<number> {
    return Number(this.one(COUNT_ISSUERS)!.n);
  }

  async listIssuerKeys(issuerId: string): Promise<IssuerKeyRecord[]> {
    return this.all(LIST_ISSUER_KEYS, issuerId).map(keyFromRow);
  }

  async rotateIssuerKey(issuerId: string, key: IssuerKeyRecord, at: string): Promise<void> {
    this.db.transaction(() => {
      this.run(RETIRE_CURRENT_KEY, at, issuerId);
      this.run(INSERT_KEY, ...keyParams(key));
    })();
  }

  async markKeyCompromised(keyId: string, at: string): Promise<boolean> {
    return this.run(MARK_KEY_COMPROMISED, at, keyId).changes === 1;
  }

  async createApiKey(key: ApiKeyRecord): Promise<void> {
    this.run(INSERT_API_KEY, ...apiKeyParams(key));
  }

  async getApiKey(id: string): Promise<ApiKeyRecord | null> {
    const row = this.one(SELECT_API_KEY, id);
    return row ? apiKeyFromRow(row) : null;
  }

  async revokeApiKey(id: string, at: string): Promise<boolean> {
    return this.run(REVOKE_API_KEY, at, id).changes === 1;
  }

  async pickStatusSlot(
    issuerId: string,
    purpose: StatusPurpose,
    opts: { size: number; threshold: number },
  ): Promise<StatusSlot> {
    const list = this.openList(issuerId, purpose, opts);
    const taken = this.stmt(SELECT_SLOT_TAKEN);
    for (let attempt = 0; attempt < 100_000; attempt++) {
      const index = randomBelow(list.size);
      if (!taken.get(list.id, index)) return { listId: list.id, seq: list.seq, purpose, index };
    }
    throw new Error(`status list ${list.id} has no free index`);
  }

  private openList(issuerId: string, purpose: StatusPurpose, opts: { size: number; threshold: number }) {
    const select = () => this.one(SELECT_OPEN_LIST, issuerId, purpose);
    let row = select();
    if (!row) {
      this.run(INSERT_NEXT_LIST, ...nextListParams(issuerId, purpose, opts, new Date().toISOString()));
      row = select()!;
    }
    return { id: Number(row.id), seq: Number(row.seq), size: Number(row.size) };
  }

  async recordIssued(entries: IssuedEntry[], idempotency: IdempotencyClaim | null): Promise<RecordIssuedResult> {
    try {
      this.db.transaction(() => {
        if (idempotency) {
          this.run(
            INSERT_IDEMPOTENCY,
            idempotency.issuerId,
            idempotency.key,
            idempotency.requestHash,
            idempotency.response,
            new Date().toISOString(),
          );
        }
        for (const { record, slots } of entries) {
          this.run(INSERT_CREDENTIAL, ...credentialParams(record));
          for (const slot of slots) {
            try {
              this.run(INSERT_STATUS_ENTRY, slot.listId, slot.index, record.id, slot.purpose);
            } catch (error) {
              if (uniqueViolation(error) === 'slot') throw new SlotTaken();
              throw error;
            }
            this.run(COUNT_ALLOCATION, slot.listId);
          }
        }
      })();
      return { outcome: 'recorded' };
    } catch (error) {
      if (error instanceof SlotTaken) return { outcome: 'slot-taken' };
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
    const row = this.one(SELECT_IDEMPOTENT, issuerId, key);
    return row ? { requestHash: String(row.request_hash), response: String(row.response) } : null;
  }

  async getCredential(id: string) {
    const row = this.one(SELECT_CREDENTIAL, id);
    return row ? credentialFromRow(row) : null;
  }

  async listCredentials(selector: CredentialSelector) {
    const rows =
      selector.by === 'assessment'
        ? this.all(LIST_CREDENTIALS_OF_ASSESSMENT, selector.issuerId, selector.assessmentId)
        : this.all(LIST_CREDENTIALS_ISSUED_BETWEEN, selector.issuerId, selector.from, selector.to);
    return rows.map(credentialFromRow);
  }

  async countCredentials(issuerId?: string): Promise<number> {
    const row = issuerId ? this.one(COUNT_CREDENTIALS_OF_ISSUER, issuerId) : this.one(COUNT_CREDENTIALS);
    return Number(row!.n);
  }

  async getStatusList(issuerId: string, purpose: StatusPurpose, seq: number) {
    const row = this.one(SELECT_STATUS_LIST, issuerId, purpose, seq);
    return row ? statusListFromRow(row) : null;
  }

  async listStatusLists(issuerId: string) {
    return this.all(LIST_STATUS_LISTS, issuerId).map(statusListFromRow);
  }

  async listSetBits(listId: number): Promise<number[]> {
    return this.stmt(LIST_SET_BITS).pluck().all(listId) as number[];
  }

  async saveSignedStatusList(listId: number, signed: { version: number; json: string; etag: string; validUntil: string }) {
    this.run(SAVE_SIGNED_LIST, ...saveSignedParams(listId, signed));
  }

  async getStatusEntries(credentialId: string): Promise<StatusEntryState[]> {
    return this.all(SELECT_STATUS_ENTRIES, credentialId).map(entryStateFromRow);
  }

  async setStatus(
    changes: StatusChange[],
    audit: AuditContext,
    options: { skipMissing?: boolean; onProgress?: (done: number, total: number) => void } = {},
  ): Promise<SetStatusResult> {
    const entriesOf = this.stmt(SELECT_ENTRIES_FOR_CHANGE);
    const setBit = this.stmt(SET_BIT);
    const bump = this.stmt(BUMP_LIST_VERSION);
    const append = this.stmt(INSERT_AUDIT);
    try {
      return this.db.transaction((): SetStatusResult => {
        let changed = 0;
        let unchanged = 0;
        let skipped = 0;
        const touched = new Set<number>();
        changes.forEach((change, i) => {
          // Read inside the transaction, so an earlier change of this call is seen by a later one.
          const rows = (entriesOf.all(change.credentialId) as Row[]).map(changeEntryFromRow);
          const decision = decideChange(change, rows, options.skipMissing ?? false);
          if (decision.kind === 'refuse') throw new Refused(change.credentialId, decision.reason);
          if (decision.kind === 'skip') skipped++;
          else if (decision.kind === 'unchanged') unchanged++;
          else {
            const target = decision.entry;
            setBit.run(change.value ? 1 : 0, target.listId, target.index);
            touched.add(target.listId);
            append.run(
              change.credentialId,
              target.issuerId,
              change.purpose,
              decision.old ? 1 : 0,
              change.value ? 1 : 0,
              audit.actor,
              audit.reason,
              audit.requestId,
              audit.at,
            );
            changed++;
          }
          if (options.onProgress && progressDue(i, changes.length)) options.onProgress(i + 1, changes.length);
        });
        for (const listId of touched) bump.run(listId);
        return { outcome: 'applied', changed, unchanged, skipped };
      })();
    } catch (error) {
      if (error instanceof Refused) return { outcome: 'refused', credentialId: error.credentialId, reason: error.reason };
      throw error;
    }
  }

  async listAudit(by: { credentialId: string } | { issuerId: string }, limit = 1000) {
    const rows =
      'credentialId' in by
        ? this.all(LIST_AUDIT_OF_CREDENTIAL, by.credentialId, limit)
        : this.all(LIST_AUDIT_OF_ISSUER, by.issuerId, limit);
    return rows.map(auditFromRow);
  }

  async putSetting(key: string, value: string): Promise<void> {
    this.run(PUT_SETTING, key, value);
  }

  async addAccreditation(record: AccreditationRecord): Promise<void> {
    this.run(INSERT_ACCREDITATION, ...accreditationParams(record));
  }

  async listAccreditations(issuerId?: string): Promise<AccreditationRecord[]> {
    const rows = issuerId
      ? this.all(LIST_ACCREDITATIONS_OF_ISSUER, issuerId)
      : this.all(LIST_ACCREDITATIONS);
    return rows.map(accreditationFromRow);
  }

  async recordExit(exit: ExitRecord): Promise<void> {
    this.db.transaction(() => {
      this.run(INSERT_EXIT, ...exitParams(exit));
      this.run(CLOSE_ACCREDITATIONS, exit.exitedAt, exit.issuerId, exit.exitedAt);
    })();
  }

  async listExits(issuerId?: string): Promise<ExitRecord[]> {
    const rows = issuerId
      ? this.all(LIST_EXITS_OF_ISSUER, issuerId)
      : this.all(LIST_EXITS);
    return rows.map(exitFromRow);
  }

  async createPartner(partner: PartnerRecord, apiKey: ApiKeyRecord): Promise<void> {
    this.db.transaction(() => {
      this.run(INSERT_PARTNER, ...partnerParams(partner));
      this.run(INSERT_API_KEY, ...apiKeyParams(apiKey));
    })();
  }

  async getPartner(by: { id: string } | { slug: string }): Promise<PartnerRecord | null> {
    const row = 'id' in by ? this.one(SELECT_PARTNER_BY_ID, by.id) : this.one(SELECT_PARTNER_BY_SLUG, by.slug);
    return row ? partnerFromRow(row) : null;
  }

  async listPartners(): Promise<PartnerRecord[]> {
    return this.all(LIST_PARTNERS).map(partnerFromRow);
  }

  async addRecognition(record: RecognitionRecord): Promise<void> {
    this.run(INSERT_RECOGNITION, ...recognitionParams(record));
  }

  async listRecognitions(filter: { partnerId?: string; certificateKind?: string } = {}): Promise<RecognitionRecord[]> {
    const rows = this.all(LIST_RECOGNITIONS, ...recognitionFilterParams(filter));
    return rows.map(recognitionFromRow);
  }
}

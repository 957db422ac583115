import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  INSERT_API_KEY,
  INSERT_AUDIT,
  INSERT_CREDENTIAL,
  INSERT_ISSUER,
  INSERT_KEY,
  apiKeyFromRow,
  apiKeyParams,
  auditFromRow,
  closeAtFor,
  credentialFromRow,
  credentialParams,
  duplicateOf,
  issuerFromRow,
  issuerParams,
  keyFromRow,
  keyParams,
  randomBelow,
  statusListFromRow,
  uniqueViolation,
} from './rows.js';
import type {
  ApiKeyRecord,
  AuditContext,
  CredentialSelector,
  IdempotencyClaim,
  IssuedEntry,
  IssuerKeyRecord,
  IssuerRecord,
  RecordIssuedResult,
  SetStatusResult,
  StatusChange,
  StatusEntryState,
  StatusPurpose,
  StatusSlot,
  Store,
} from './store.js';

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
    const row = this.one('SELECT value FROM settings WHERE key = ?', key);
    return row ? String(row.value) : null;
  }

  async putSettingIfAbsent(key: string, value: string): Promise<boolean> {
    return this.run('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)', key, value).changes === 1;
  }

  async createIssuer(issuer: IssuerRecord, key: IssuerKeyRecord, apiKey: ApiKeyRecord | null): Promise<void> {
    this.db.transaction(() => {
      this.run(INSERT_ISSUER, ...issuerParams(issuer));
      this.run(INSERT_KEY, ...keyParams(key));
      if (apiKey) this.run(INSERT_API_KEY, ...apiKeyParams(apiKey));
    })();
  }

  async getIssuer(by: { id: string } | { slug: string } | { did: string }): Promise<IssuerRecord | null> {
    const [col, val] = 'id' in by ? ['id', by.id] : 'slug' in by ? ['slug', by.slug] : ['did', by.did];
    const row = this.one(`SELECT * FROM issuers WHERE ${col} = ?`, val);
    return row ? issuerFromRow(row) : null;
  }

  async listIssuers(): Promise<IssuerRecord[]> {
    return this.all('SELECT * FROM issuers ORDER BY created_at, slug').map(issuerFromRow);
  }

  async countIssuers(): Promise<number> {
    return Number(this.one('SELECT COUNT(*) AS n FROM issuers')!.n);
  }

  async listIssuerKeys(issuerId: string): Promise<IssuerKeyRecord[]> {
    return this.all('SELECT * FROM issuer_keys WHERE issuer_id = ? ORDER BY created_at, rowid', issuerId).map(keyFromRow);
  }

  async rotateIssuerKey(issuerId: string, key: IssuerKeyRecord, at: string): Promise<void> {
    this.db.transaction(() => {
      this.run('UPDATE issuer_keys SET retired_at = ? WHERE issuer_id = ? AND retired_at IS NULL', at, issuerId);
      this.run(INSERT_KEY, ...keyParams(key));
    })();
  }

  async markKeyCompromised(keyId: string, at: string): Promise<boolean> {
    return this.run('UPDATE issuer_keys SET compromised_at = ? WHERE id = ?', at, keyId).changes === 1;
  }

  async createApiKey(key: ApiKeyRecord): Promise<void> {
    this.run(INSERT_API_KEY, ...apiKeyParams(key));
  }

  async getApiKey(id: string): Promise<ApiKeyRecord | null> {
    const row = this.one('SELECT * FROM api_keys WHERE id = ?', id);
    return row ? apiKeyFromRow(row) : null;
  }

  async revokeApiKey(id: string, at: string): Promise<boolean> {
    return this.run('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', at, id).changes === 1;
  }

  async pickStatusSlot(
    issuerId: string,
    purpose: StatusPurpose,
    opts: { size: number; threshold: number },
  ): Promise<StatusSlot> {
    const list = this.openList(issuerId, purpose, opts);
    const taken = this.stmt('SELECT 1 FROM status_entries WHERE list_id = ? AND idx = ?');
    for (let attempt = 0; attempt < 100_000; attempt++) {
      const index = randomBelow(list.size);
      if (!taken.get(list.id, index)) return { listId: list.id, seq: list.seq, purpose, index };
    }
    throw new Error(`status list ${list.id} has no free index`);
  }

  private openList(issuerId: string, purpose: StatusPurpose, opts: { size: number; threshold: number }) {
    const select = () =>
      this.one(
        "SELECT id, seq, size FROM status_lists WHERE issuer_id = ? AND purpose = ? AND state = 'open' ORDER BY seq DESC LIMIT 1",
        issuerId,
        purpose,
      );
    let row = select();
    if (!row) {
      this.run(
        `INSERT OR IGNORE INTO status_lists (issuer_id, purpose, seq, size, close_at, created_at)
         VALUES (?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM status_lists WHERE issuer_id = ? AND purpose = ?), ?, ?, ?)`,
        issuerId,
        purpose,
        issuerId,
        purpose,
        opts.size,
        closeAtFor(opts.size, opts.threshold),
        new Date().toISOString(),
      );
      row = select()!;
    }
    return { id: Number(row.id), seq: Number(row.seq), size: Number(row.size) };
  }

  async recordIssued(entries: IssuedEntry[], idempotency: IdempotencyClaim | null): Promise<RecordIssuedResult> {
    try {
      this.db.transaction(() => {
        if (idempotency) {
          this.run(
            'INSERT INTO idempotency_keys (issuer_id, key, request_hash, response, created_at) VALUES (?,?,?,?,?)',
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
              this.run(
                'INSERT INTO status_entries (list_id, idx, credential_id, purpose, value) VALUES (?,?,?,?,0)',
                slot.listId,
                slot.index,
                record.id,
                slot.purpose,
              );
            } catch (error) {
              if (uniqueViolation(error) === 'slot') throw new SlotTaken();
              throw error;
            }
            this.run(
              `UPDATE status_lists SET allocated = allocated + 1,
                 state = CASE WHEN allocated + 1 >= close_at THEN 'closed' ELSE state END WHERE id = ?`,
              slot.listId,
            );
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
    const row = this.one('SELECT request_hash, response FROM idempotency_keys WHERE issuer_id = ? AND key = ?', issuerId, key);
    return row ? { requestHash: String(row.request_hash), response: String(row.response) } : null;
  }

  async getCredential(id: string) {
    const row = this.one('SELECT * FROM credentials WHERE id = ?', id);
    return row ? credentialFromRow(row) : null;
  }

  async listCredentials(selector: CredentialSelector) {
    const rows =
      selector.by === 'assessment'
        ? this.all(
            'SELECT * FROM credentials WHERE issuer_id = ? AND assessment_id = ? ORDER BY issued_at, id',
            selector.issuerId,
            selector.assessmentId,
          )
        : this.all(
            'SELECT * FROM credentials WHERE issuer_id = ? AND issued_at >= ? AND issued_at < ? ORDER BY issued_at, id',
            selector.issuerId,
            selector.from,
            selector.to,
          );
    return rows.map(credentialFromRow);
  }

  async countCredentials(issuerId?: string): Promise<number> {
    const row = issuerId
      ? this.one('SELECT COUNT(*) AS n FROM credentials WHERE issuer_id = ?', issuerId)
      : this.one('SELECT COUNT(*) AS n FROM credentials');
    return Number(row!.n);
  }

  async getStatusList(issuerId: string, purpose: StatusPurpose, seq: number) {
    const row = this.one('SELECT * FROM status_lists WHERE issuer_id = ? AND purpose = ? AND seq = ?', issuerId, purpose, seq);
    return row ? statusListFromRow(row) : null;
  }

  async listStatusLists(issuerId: string) {
    return this.all('SELECT * FROM status_lists WHERE issuer_id = ? ORDER BY purpose, seq', issuerId).map(statusListFromRow);
  }

  async listSetBits(listId: number): Promise<number[]> {
    // A covering partial index (list_id, idx) WHERE value = 1 answers this without table lookups.
    return this.stmt('SELECT idx FROM status_entries WHERE list_id = ? AND value = 1').pluck().all(listId) as number[];
  }

  async saveSignedStatusList(listId: number, signed: { version: number; json: string; etag: string; validUntil: string }) {
    this.run(
      `UPDATE status_lists SET signed_version = ?, signed_json = ?, signed_etag = ?, signed_valid_until = ?
       WHERE id = ? AND (signed_version < ? OR (signed_version = ? AND (signed_valid_until IS NULL OR signed_valid_until < ?)))`,
      signed.version,
      signed.json,
      signed.etag,
      signed.validUntil,
      listId,
      signed.version,
      signed.version,
      signed.validUntil,
    );
  }

  async getStatusEntries(credentialId: string): Promise<StatusEntryState[]> {
    return this.all(
      `SELECT se.credential_id, se.purpose, se.list_id, sl.seq, se.idx, se.value
       FROM status_entries se JOIN status_lists sl ON sl.id = se.list_id WHERE se.credential_id = ? ORDER BY se.purpose`,
      credentialId,
    ).map((r) => ({
      credentialId: String(r.credential_id),
      purpose: r.purpose as StatusPurpose,
      listId: Number(r.list_id),
      seq: Number(r.seq),
      index: Number(r.idx),
      value: Number(r.value) === 1,
    }));
  }

  async setStatus(
    changes: StatusChange[],
    audit: AuditContext,
    options: { skipMissing?: boolean; onProgress?: (done: number, total: number) => void } = {},
  ): Promise<SetStatusResult> {
    const entriesOf = this.stmt(
      `SELECT se.purpose, se.list_id, se.idx, se.value, c.issuer_id FROM status_entries se
       JOIN credentials c ON c.id = se.credential_id WHERE se.credential_id = ?`,
    );
    const setBit = this.stmt('UPDATE status_entries SET value = ? WHERE list_id = ? AND idx = ?');
    const bump = this.stmt('UPDATE status_lists SET version = version + 1 WHERE id = ?');
    const append = this.stmt(INSERT_AUDIT);
    try {
      return this.db.transaction((): SetStatusResult => {
        let changed = 0;
        let unchanged = 0;
        let skipped = 0;
        const touched = new Set<number>();
        changes.forEach((change, i) => {
          const rows = entriesOf.all(change.credentialId) as Row[];
          const revoked = rows.some((r) => r.purpose === 'revocation' && Number(r.value) === 1);
          const target = rows.find((r) => r.purpose === change.purpose);
          const noop = change.purpose === 'revocation' && change.value;
          if (!target || (revoked && !noop)) {
            if (options.skipMissing) {
              skipped++;
              return;
            }
            throw new Refused(change.credentialId, revoked && !noop ? 'revoked-final' : 'no-entry');
          }
          const old = Number(target.value) === 1;
          if (old === change.value) {
            unchanged++;
          } else {
            setBit.run(change.value ? 1 : 0, target.list_id, target.idx);
            touched.add(Number(target.list_id));
            append.run(
              change.credentialId,
              target.issuer_id,
              change.purpose,
              old ? 1 : 0,
              change.value ? 1 : 0,
              audit.actor,
              audit.reason,
              audit.requestId,
              audit.at,
            );
            changed++;
          }
          if (options.onProgress && (i % 1000 === 999 || i === changes.length - 1)) options.onProgress(i + 1, changes.length);
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
        ? this.all('SELECT * FROM status_audit WHERE credential_id = ? ORDER BY id LIMIT ?', by.credentialId, limit)
        : this.all('SELECT * FROM status_audit WHERE issuer_id = ? ORDER BY id LIMIT ?', by.issuerId, limit);
    return rows.map(auditFromRow);
  }
}

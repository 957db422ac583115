// Issuance: picking status indexes, recording issued credentials with their slots and idempotency
// claim in one atomic batch, and reading credentials back.
import type { CredentialRecord } from '../../domain/credential-record.js';
import { closeAtFor, type StatusSlot } from '../../domain/status.js';
import { distinctRandomBelow } from '../../util/random.js';
import { SkillcredError } from '../../errors.js';
import { stmt, type Driver, type Row, type Statement } from '../driver.js';
import type { IdempotencyClaim, IssuedEntry, RecordIssuedResult, Store } from '../store.js';
import { num, text, textOrNull } from './columns.js';
import { SET_STATEMENTS } from './sets.js';

/**
 * Opens list n+1 unless a list is open: one statement, so openers racing (D1 requests, or two
 * processes on one SQLite file) open one list between them, never one each. One that computed
 * the same seq loses on UNIQUE (issuer_id, purpose, seq) and does nothing.
 */
const INSERT_NEXT_LIST = `INSERT INTO status_lists (issuer_id, purpose, seq, size, close_at, created_at)
  SELECT ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM status_lists WHERE issuer_id = ? AND purpose = ?), ?, ?, ?
  WHERE NOT EXISTS (SELECT 1 FROM status_lists WHERE issuer_id = ? AND purpose = ? AND state = 'open')
  ON CONFLICT DO NOTHING`;
const INSERT_IDEMPOTENCY = 'INSERT INTO idempotency_keys (issuer_id, key, request_hash, response, created_at) VALUES (?,?,?,?,?)';
const INSERT_CREDENTIAL = `INSERT INTO credentials (id, issuer_id, kind, holder_hash, certificate_number,
  assessment_id, issued_at, valid_from, format, document) VALUES (?,?,?,?,?,?,?,?,?,?)`;
const INSERT_STATUS_ENTRY = 'INSERT INTO status_entries (list_id, idx, credential_id, purpose, value) VALUES (?,?,?,?,0)';
const COUNT_ALLOCATION = `UPDATE status_lists SET allocated = allocated + 1,
  state = CASE WHEN allocated + 1 >= close_at THEN 'closed' ELSE state END WHERE id = ?`;
const COUNT_ALLOCATIONS = `UPDATE status_lists SET allocated = allocated + ?,
  state = CASE WHEN allocated + ? >= close_at THEN 'closed' ELSE state END WHERE id = ?`;
const SELECT_IDEMPOTENT = 'SELECT request_hash, response FROM idempotency_keys WHERE issuer_id = ? AND key = ?';

const SELECT_CREDENTIAL = 'SELECT * FROM credentials WHERE id = ?';
const LIST_CREDENTIALS_OF_ASSESSMENT = 'SELECT * FROM credentials WHERE issuer_id = ? AND assessment_id = ? ORDER BY issued_at, id';
const LIST_CREDENTIALS_ISSUED_BETWEEN = 'SELECT * FROM credentials WHERE issuer_id = ? AND issued_at >= ? AND issued_at < ? ORDER BY issued_at, id';
const LIST_CREDENTIALS_OF_BATCH = `SELECT c.* FROM batch_rows br JOIN batches b ON b.id = br.batch_id JOIN credentials c ON c.id = br.credential_id
  WHERE b.issuer_id = ? AND br.batch_id = ? ORDER BY br.row_no`;
const COUNT_CREDENTIALS = 'SELECT COUNT(*) AS n FROM credentials';
const COUNT_CREDENTIALS_OF_ISSUER = 'SELECT COUNT(*) AS n FROM credentials WHERE issuer_id = ?';
const COUNT_CREDENTIALS_ISSUED_BETWEEN = 'SELECT COUNT(*) AS n FROM credentials WHERE issuer_id = ? AND issued_at >= ? AND issued_at < ?';

/**
 * Candidates to test in one round trip, given how full the list was last seen: enough that all are
 * taken with probability ≤ 1% (each costs an index lookup; a second round costs a round trip).
 */
function candidatesFor(fill: number): number {
  const wanted = fill > 0 ? Math.ceil(Math.log(0.01) / Math.log(fill)) : 0;
  return Math.min(64, Math.max(3, wanted));
}

type Refusal = Extract<RecordIssuedResult, { outcome: 'slot-taken' | 'duplicate' }>;

/** What a failed recordIssued batch means, by the unique constraint it broke (names as in driver.ts). */
const REFUSAL_BY_CONSTRAINT: Record<string, Refusal | 'replay'> = {
  'idempotency_keys(issuer_id,key)': 'replay',
  'status_entries(list_id,idx)': { outcome: 'slot-taken' },
  'credentials(id)': { outcome: 'duplicate', detail: 'a credential with this id was already issued' },
  'credentials(issuer_id,assessment_id,kind)': {
    outcome: 'duplicate',
    detail: 'this assessment already has a certificate of this kind from this issuer',
  },
};

/** What the failure of a batch recording credentials means (a copy: the table is shared); undefined for any other failure. */
export function refusalOf(db: Driver, error: unknown): Refusal | 'replay' | undefined {
  const violation = db.constraintOf(error);
  const refusal = violation?.kind === 'unique' ? REFUSAL_BY_CONSTRAINT[violation.name] : undefined;
  return refusal === undefined || refusal === 'replay' ? refusal : { ...refusal };
}

/** A credentials row as a record. */
export function credentialFromRow(r: Row): CredentialRecord {
  return {
    id: text(r.id),
    issuerId: text(r.issuer_id),
    kind: text(r.kind),
    holderHash: textOrNull(r.holder_hash),
    certificateNumber: textOrNull(r.certificate_number),
    assessmentId: textOrNull(r.assessment_id),
    issuedAt: text(r.issued_at),
    validFrom: textOrNull(r.valid_from),
    format: text(r.format),
    document: text(r.document),
  };
}

const insertCredential = (c: CredentialRecord): Statement =>
  stmt(INSERT_CREDENTIAL, c.id, c.issuerId, c.kind, c.holderHash, c.certificateNumber, c.assessmentId, c.issuedAt, c.validFrom, c.format, c.document);

/** The statements that record one credential: its row, its status entries and (unless the caller counts them) their lists' counts. */
export function issuedStatements({ record, slots }: IssuedEntry, countAllocations = true): Statement[] {
  const out = [insertCredential(record)];
  for (const slot of slots) {
    out.push(stmt(INSERT_STATUS_ENTRY, slot.listId, slot.index, record.id, slot.purpose));
    if (countAllocations) out.push(stmt(COUNT_ALLOCATION, slot.listId));
  }
  return out;
}

/** Counts `n` more indexes given on a list at once (closing it at its threshold): one statement for a chunk. */
export const allocationStatement = (listId: number, n: number): Statement => stmt(COUNT_ALLOCATIONS, n, n, listId);

/** The statement of an idempotency claim. */
const idempotencyStatement = (c: IdempotencyClaim, at: string): Statement => stmt(INSERT_IDEMPOTENCY, c.issuerId, c.key, c.requestHash, c.response, at);

type IssuanceMethods = 'pickStatusSlot' | 'pickStatusSlots' | 'recordIssued' | 'getIdempotent' | 'getCredential' | 'listCredentials' | 'countCredentials';

/** The issuance methods of the Store. */
export function issuanceMethods(db: Driver): Pick<Store, IssuanceMethods> {
  const sets = SET_STATEMENTS[db.dialect];
  // The fill of each issuer's open list as last seen, per purpose: a hint for candidatesFor only.
  const lastFill = new Map<string, number>();
  const getIdempotent: Store['getIdempotent'] = async (issuerId, key) => {
    const row = await db.one(SELECT_IDEMPOTENT, [issuerId, key]);
    return row ? { requestHash: text(row.request_hash), response: text(row.response) } : null;
  };
  return {
    async pickStatusSlot(issuerId, purpose, opts) {
      // Each round draws distinct uniform candidates and asks the open list which it has given, in
      // one query; the first free candidate is uniform over the free indexes, as one draw at a time
      // would be. Nothing is claimed: a concurrent pick of the same index loses in recordIssued.
      const hint = `${issuerId} ${purpose}`;
      let size = opts.size; // a list opened under another configuration has its own size: learnt below
      for (let round = 0; round < 10_000; round++) {
        const candidates = distinctRandomBelow(size, Math.min(size, candidatesFor(lastFill.get(hint) ?? 0)));
        const row = await db.one(sets.openListTakenAmong, [JSON.stringify(candidates), issuerId, purpose]);
        if (!row) {
          const now = new Date().toISOString();
          const closeAt = closeAtFor(opts.size, opts.threshold);
          await db.run(INSERT_NEXT_LIST, [issuerId, purpose, issuerId, purpose, opts.size, closeAt, now, issuerId, purpose]);
          continue;
        }
        lastFill.set(hint, num(row.allocated) / num(row.size));
        if (num(row.size) !== size) {
          size = num(row.size); // candidates drawn from another range would not be uniform: draw again
          continue;
        }
        const taken = new Set(JSON.parse(text(row.taken)) as number[]);
        const index = candidates.find((c) => !taken.has(c));
        if (index !== undefined) return { listId: num(row.id), seq: num(row.seq), purpose, index };
      }
      throw new SkillcredError('CONFLICT', `no free index found on the open ${purpose} list of issuer ${issuerId}; retry the request`);
    },

    async pickStatusSlots(issuerId, purpose, count, opts) {
      // pickStatusSlot for a chunk: the free candidates of each round are kept in draw order, each
      // uniform over the free indexes not kept yet. No more than the list has left before it
      // closes, so a chunk never carries a list past its threshold; the next chunk opens a new one.
      const hint = `${issuerId} ${purpose}`;
      const out: StatusSlot[] = [];
      let size = opts.size;
      for (let round = 0; round < 10_000; round++) {
        const want = count - out.length;
        const free = Math.max(0.05, 1 - (lastFill.get(hint) ?? 0));
        const kept = new Set(out.map((s) => s.index));
        const draw = Math.min(size, Math.ceil((want + kept.size) / free) + 16);
        const candidates = distinctRandomBelow(size, draw).filter((c) => !kept.has(c));
        const row = await db.one(sets.openListTakenAmong, [JSON.stringify(candidates), issuerId, purpose]);
        if (!row) {
          const closeAt = closeAtFor(opts.size, opts.threshold);
          await db.run(INSERT_NEXT_LIST, [issuerId, purpose, issuerId, purpose, opts.size, closeAt, new Date().toISOString(), issuerId, purpose]);
          continue;
        }
        if (out.length > 0 && num(row.id) !== out[0]!.listId) return out; // the list closed meanwhile
        lastFill.set(hint, num(row.allocated) / num(row.size));
        if (num(row.size) !== size) {
          size = num(row.size);
          continue;
        }
        const room = Math.max(1, Math.min(count, num(row.close_at) - num(row.allocated)));
        const taken = new Set(JSON.parse(text(row.taken)) as number[]);
        for (const index of candidates) {
          if (out.length >= room) break;
          if (!taken.has(index)) out.push({ listId: num(row.id), seq: num(row.seq), purpose, index });
        }
        if (out.length >= room) return out;
      }
      throw new Error(`the open ${purpose} list of issuer ${issuerId} has no free index`);
    },

    async recordIssued(entries, idempotency) {
      // The idempotency claim goes first, so a retry racing its original replays even when a slot
      // clashed too; then per credential its row, its entries and their lists' counts.
      const statements: Statement[] = idempotency ? [idempotencyStatement(idempotency, new Date().toISOString())] : [];
      for (const entry of entries) statements.push(...issuedStatements(entry));
      try {
        await db.batch(statements);
        return { outcome: 'recorded' };
      } catch (error) {
        const refusal = refusalOf(db, error);
        if (refusal === undefined) throw error;
        if (refusal !== 'replay') return refusal;
        const prior = idempotency && (await getIdempotent(idempotency.issuerId, idempotency.key));
        if (!prior) throw error;
        return { outcome: 'replay', ...prior };
      }
    },
    getIdempotent,

    async getCredential(id) {
      const row = await db.one(SELECT_CREDENTIAL, [id]);
      return row ? credentialFromRow(row) : null;
    },
    async listCredentials(selector) {
      const rows =
        selector.by === 'assessment'
          ? await db.all(LIST_CREDENTIALS_OF_ASSESSMENT, [selector.issuerId, selector.assessmentId])
          : selector.by === 'batch'
            ? await db.all(LIST_CREDENTIALS_OF_BATCH, [selector.issuerId, selector.batchId])
            : await db.all(LIST_CREDENTIALS_ISSUED_BETWEEN, [selector.issuerId, selector.from, selector.to]);
      return rows.map(credentialFromRow);
    },
    async countCredentials(issuerId, issued) {
      const row =
        issued && issuerId
          ? await db.one(COUNT_CREDENTIALS_ISSUED_BETWEEN, [issuerId, issued.from, issued.to])
          : issuerId
            ? await db.one(COUNT_CREDENTIALS_OF_ISSUER, [issuerId])
            : await db.one(COUNT_CREDENTIALS);
      return num(row!.n);
    },
  };
}

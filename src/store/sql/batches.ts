// Exam-session batches: the checked rows of a sheet, the job's lease, and chunks of issued rows
// committed with their credentials (under ids fixed per row) and status entries in one step.
import { stmt, type Driver, type Row, type Statement } from '../driver.js';
import type { BatchRecord, BatchRowRecord, Store } from '../store.js';
import { flag, num, text, textOrNull } from './columns.js';
import { allocationStatement, issuedStatements, refusalOf } from './issuance.js';
import { chunks, SET_STATEMENTS } from './sets.js';

const INSERT_BATCH = `INSERT INTO batches (id, issuer_id, source, headers, total, issued, failed, state, created_at, updated_at)
  VALUES (?,?,?,?,?,0,0,'queued',?,?)`;
const SELECT_BATCH = 'SELECT * FROM batches WHERE id = ?';
const LIST_UNFINISHED = "SELECT * FROM batches WHERE state <> 'completed' ORDER BY created_at, id LIMIT ?";
const CLAIM = `UPDATE batches SET state = 'running', lease_owner = ?, lease_until = ?, updated_at = ?
  WHERE id = ? AND state <> 'completed' AND (lease_until IS NULL OR lease_until < ? OR lease_owner = ?)`;
const RELEASE = 'UPDATE batches SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?';
const ISSUED = 'EXISTS (SELECT 1 FROM credentials c WHERE c.id = br.credential_id)';
const PENDING = `SELECT d.row_no, d.draft, d.settings FROM batch_drafts d
  JOIN batch_rows br ON br.batch_id = d.batch_id AND br.row_no = d.row_no
  WHERE d.batch_id = ? AND br.error IS NULL AND NOT ${ISSUED} ORDER BY d.row_no LIMIT ?`;
const CREDENTIAL_EXISTS = 'SELECT 1 AS found FROM credentials WHERE id = ?';
const COUNT_ISSUED = 'UPDATE batches SET issued = issued + ?, updated_at = ? WHERE id = ?';
const MARK_FAILED =
  'UPDATE batch_rows SET error = ? WHERE batch_id = ? AND row_no = ? AND error IS NULL AND NOT EXISTS (SELECT 1 FROM credentials c WHERE c.id = batch_rows.credential_id)';
const COUNT_FAILED = 'UPDATE batches SET failed = (SELECT COUNT(*) FROM batch_rows WHERE batch_id = ? AND error IS NOT NULL), updated_at = ? WHERE id = ?';
const FINISH = `UPDATE batches SET state = 'completed', finished_at = ?, updated_at = ?, lease_owner = NULL, lease_until = NULL
  WHERE id = ? AND state <> 'completed' AND NOT EXISTS (SELECT 1 FROM batch_rows br WHERE br.batch_id = ? AND br.error IS NULL AND NOT ${ISSUED})`;
// Drafts are kept only while they may still be signed.
const DROP_DRAFTS = "DELETE FROM batch_drafts WHERE batch_id = ? AND (SELECT state FROM batches WHERE id = ?) = 'completed'";
// The status of each issued row rides along, so a print run or a results sheet reads its batch in one query.
const LIST_ROWS = `SELECT br.row_no, br.sheet_row, br.certificate_number, br.holder_name, c.id AS credential_id, br.error, c.document,
    EXISTS (SELECT 1 FROM status_entries se WHERE se.credential_id = c.id AND se.purpose = 'revocation' AND se.value = 1) AS revoked,
    EXISTS (SELECT 1 FROM status_entries se WHERE se.credential_id = c.id AND se.purpose = 'suspension' AND se.value = 1) AS suspended
  FROM batch_rows br LEFT JOIN credentials c ON c.id = br.credential_id
  WHERE br.batch_id = ? ORDER BY br.row_no LIMIT ? OFFSET ?`;

/** Rows per statement of a new batch: a draft is ~2 KB, so a statement stays far below D1's limits. */
const ROWS_PER_STATEMENT = 100;

function batchFromRow(r: Row): BatchRecord {
  return {
    id: text(r.id),
    issuerId: text(r.issuer_id),
    source: text(r.source) as BatchRecord['source'],
    headers: JSON.parse(text(r.headers)) as string[],
    total: num(r.total),
    issued: num(r.issued),
    failed: num(r.failed),
    state: text(r.state) as BatchRecord['state'],
    leaseOwner: textOrNull(r.lease_owner),
    leaseUntil: textOrNull(r.lease_until),
    createdAt: text(r.created_at),
    updatedAt: text(r.updated_at),
    finishedAt: textOrNull(r.finished_at),
  };
}

function rowFromRow(r: Row): BatchRowRecord {
  return {
    rowNo: num(r.row_no),
    sheetRow: num(r.sheet_row),
    certificateNumber: text(r.certificate_number),
    holderName: text(r.holder_name),
    credentialId: textOrNull(r.credential_id),
    error: textOrNull(r.error),
    document: textOrNull(r.document),
    revoked: flag(r.revoked),
    suspended: flag(r.suspended),
  };
}

type BatchMethods =
  | 'createBatch'
  | 'getBatch'
  | 'listUnfinishedBatches'
  | 'claimBatch'
  | 'releaseBatch'
  | 'pendingBatchRows'
  | 'commitBatchRows'
  | 'failBatchRow'
  | 'finishBatch'
  | 'listBatchRows'
  | 'issuedAmong';

/** The batch methods of the Store. */
export function batchMethods(db: Driver): Pick<Store, BatchMethods> {
  const sets = SET_STATEMENTS[db.dialect];
  const getBatch: Store['getBatch'] = async (id) => {
    const row = await db.one(SELECT_BATCH, [id]);
    return row ? batchFromRow(row) : null;
  };
  return {
    async createBatch(b, rows) {
      const statements: Statement[] = [stmt(INSERT_BATCH, b.id, b.issuerId, b.source, JSON.stringify(b.headers), b.total, b.createdAt, b.updatedAt)];
      for (const part of chunks(rows, ROWS_PER_STATEMENT)) {
        statements.push(
          stmt(sets.insertBatchRows, b.id, JSON.stringify(part.map((r) => [r.rowNo, r.sheetRow, r.certificateNumber, r.holderName, r.credentialId]))),
          stmt(sets.insertBatchDrafts, b.id, JSON.stringify(part.map((r) => [r.rowNo, r.draft, r.settings]))),
        );
      }
      try {
        await db.batch(statements);
        return true;
      } catch (error) {
        if (db.constraintOf(error)?.name === 'batches(id)') return false;
        throw error;
      }
    },
    getBatch,
    async listUnfinishedBatches(limit) {
      return (await db.all(LIST_UNFINISHED, [limit])).map(batchFromRow);
    },
    async claimBatch(id, owner, until, now) {
      return (await db.run(CLAIM, [owner, until, now, id, now, owner])).changes === 1;
    },
    async releaseBatch(id, owner) {
      await db.run(RELEASE, [id, owner]);
    },
    async pendingBatchRows(batchId, limit) {
      const rows = await db.all(PENDING, [batchId, limit]);
      return rows.map((r) => ({ rowNo: num(r.row_no), draft: text(r.draft), settings: text(r.settings) }));
    },
    async commitBatchRows(batchId, rows, now) {
      // A row's credential id was fixed when the batch was stored, and credential ids are unique:
      // a chunk another worker committed (a lapsed lease) is refused whole as a replay, and
      // nothing of it is written twice. Lists are counted once per chunk.
      const statements: Statement[] = [];
      const allocated = new Map<number, number>();
      for (const { entry } of rows) {
        statements.push(...issuedStatements(entry, false));
        for (const slot of entry.slots) allocated.set(slot.listId, (allocated.get(slot.listId) ?? 0) + 1);
      }
      for (const [listId, n] of allocated) statements.push(allocationStatement(listId, n));
      statements.push(stmt(COUNT_ISSUED, rows.length, now, batchId));
      try {
        await db.batch(statements);
        return { outcome: 'recorded' };
      } catch (error) {
        const refusal = refusalOf(db, error);
        if (refusal === undefined || refusal === 'replay') throw error;
        // SQLite names one broken constraint, not always the id's: a row already issued is a replay.
        if (refusal.outcome === 'duplicate') {
          for (const { entry } of rows) if (await db.one(CREDENTIAL_EXISTS, [entry.record.id])) return { outcome: 'replay' };
        }
        return refusal;
      }
    },
    async failBatchRow(batchId, rowNo, error, now) {
      await db.batch([stmt(MARK_FAILED, error, batchId, rowNo), stmt(COUNT_FAILED, batchId, now, batchId)]);
    },
    async finishBatch(batchId, now) {
      await db.batch([stmt(FINISH, now, now, batchId, batchId), stmt(DROP_DRAFTS, batchId, batchId)]);
      return getBatch(batchId);
    },
    async listBatchRows(batchId, offset, limit) {
      return (await db.all(LIST_ROWS, [batchId, limit, offset])).map(rowFromRow);
    },
    async issuedAmong(issuerId, numbers, assessments) {
      const out: { numbers: string[]; assessments: [string, string][] } = { numbers: [], assessments: [] };
      for (const part of chunks(numbers)) {
        for (const r of await db.all(sets.issuedNumbersAmong, [issuerId, JSON.stringify(part)])) out.numbers.push(text(r.certificate_number));
      }
      for (const part of chunks(assessments)) {
        for (const r of await db.all(sets.issuedAssessmentsAmong, [issuerId, JSON.stringify(part)]))
          out.assessments.push([text(r.assessment_id), text(r.kind)]);
      }
      return out;
    },
  };
}

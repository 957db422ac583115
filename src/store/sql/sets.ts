// The only dialect-specific SQL of the store: statements that take a whole set as one JSON array
// parameter, or answer one as a JSON array. D1 binds at most 100 parameters a statement, so sets
// travel as JSON text unpacked with json_each (SQLite and D1 alike); the PostgreSQL dialect swaps
// these statements for jsonb ones with the same parameters and columns, and nothing else changes.
import type { Dialect } from '../driver.js';

/** The set statements of one dialect; each one's parameters are listed in order. */
export interface SetStatements {
  /**
   * (candidates JSON [idx, …], issuer_id, purpose) → the open list (id, seq, size, allocated, close_at) and `taken`, a
   * JSON array of the candidates it has given already: one round trip per try.
   */
  openListTakenAmong: string;
  /** (credential ids JSON) → credential_id, purpose, list_id, idx, value, issuer_id of their entries. */
  entriesOfCredentials: string;
  /**
   * (JSON [[list_id, idx, value], …]) → inserts into store_guard, failing its CHECK and so the whole
   * batch, when any of those entries no longer holds that value.
   */
  guardUnchanged: string;
  /** (value, value, JSON [[list_id, idx], …]) → sets the bit of those entries. */
  setBits: string;
  /** (actor, reason, request_id, client_request_id, at, JSON [[credential_id, issuer_id, purpose, old, new], …]) → audit rows, in array order. */
  appendAudits: string;
  /** (JSON [list_id, …]) → bumps each list's version by one. */
  bumpLists: string;
  /**
   * (list_id) → `bits`, a JSON array of the indexes whose bit is set: one row, not one per bit (a
   * list with 10,000 revoked reads ~8× faster than as rows on SQLite, and crosses D1's wire once).
   */
  setBitsOfList: string;
  /** (batch_id, JSON [[row_no, sheet_row, certificate_number, holder_name, credential_id], …]) → inserts the rows. */
  insertBatchRows: string;
  /** (batch_id, JSON [[row_no, draft, settings], …]) → inserts the rows' drafts. */
  insertBatchDrafts: string;
  /** (issuer_id, JSON [certificate_number, …]) → `certificate_number` of each the issuer already issued. */
  issuedNumbersAmong: string;
  /** (issuer_id, JSON [[assessment_id, kind], …]) → `assessment_id`, `kind` of each pair already issued. */
  issuedAssessmentsAmong: string;
}

const JSON_EACH: SetStatements = {
  openListTakenAmong: `SELECT l.id, l.seq, l.size, l.allocated, l.close_at, (SELECT json_group_array(se.idx) FROM status_entries se
      WHERE se.list_id = l.id AND se.idx IN (SELECT value FROM json_each(?))) AS taken
    FROM status_lists l WHERE l.issuer_id = ? AND l.purpose = ? AND l.state = 'open' ORDER BY l.seq DESC LIMIT 1`,
  entriesOfCredentials: `SELECT se.credential_id, se.purpose, se.list_id, se.idx, se.value, c.issuer_id FROM status_entries se
    JOIN credentials c ON c.id = se.credential_id WHERE se.credential_id IN (SELECT value FROM json_each(?))`,
  guardUnchanged: `INSERT INTO store_guard (lost_race) SELECT 'status entries changed since they were read'
    WHERE EXISTS (SELECT 1 FROM json_each(?) AS j JOIN status_entries se
      ON se.list_id = json_extract(j.value, '$[0]') AND se.idx = json_extract(j.value, '$[1]')
      WHERE se.value <> json_extract(j.value, '$[2]'))`,
  setBits: `UPDATE status_entries SET value = ? WHERE value <> ? AND (list_id, idx) IN
    (SELECT json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]') FROM json_each(?) AS j)`,
  appendAudits: `INSERT INTO status_audit (credential_id, issuer_id, purpose, old_value, new_value, actor, reason, request_id, client_request_id, at)
    SELECT json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'), json_extract(j.value, '$[2]'),
      json_extract(j.value, '$[3]'), json_extract(j.value, '$[4]'), ?, ?, ?, ?, ? FROM json_each(?) AS j ORDER BY j.key`,
  bumpLists: 'UPDATE status_lists SET version = version + 1 WHERE id IN (SELECT value FROM json_each(?))',
  // The covering partial index (list_id, idx) WHERE value = 1 answers this without table lookups.
  setBitsOfList: 'SELECT json_group_array(idx) AS bits FROM status_entries WHERE list_id = ? AND value = 1',
  insertBatchRows: `INSERT INTO batch_rows (batch_id, row_no, sheet_row, certificate_number, holder_name, credential_id)
    SELECT ?, json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'), json_extract(j.value, '$[2]'),
      json_extract(j.value, '$[3]'), json_extract(j.value, '$[4]') FROM json_each(?) AS j`,
  insertBatchDrafts: `INSERT INTO batch_drafts (batch_id, row_no, draft, settings)
    SELECT ?, json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'), json_extract(j.value, '$[2]') FROM json_each(?) AS j`,
  issuedNumbersAmong: `SELECT DISTINCT certificate_number FROM credentials WHERE issuer_id = ?
    AND certificate_number IN (SELECT value FROM json_each(?))`,
  issuedAssessmentsAmong: `SELECT DISTINCT assessment_id, kind FROM credentials WHERE issuer_id = ? AND (assessment_id, kind) IN
    (SELECT json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]') FROM json_each(?) AS j)`,
};

// PostgreSQL: the same sets as jsonb arrays, answers as JSON text (a json column would arrive parsed).
// The guard also takes the row lock of every entry it checks (FOR UPDATE, in key order, all of them:
// the aggregate reads every row, where EXISTS would stop at the first). At READ COMMITTED a plain
// read could see a value a concurrent batch is about to change, and both batches would pass; locked,
// the checked values hold until this batch commits, and a concurrent writer waits or finds them changed.
const JSONB: SetStatements = {
  openListTakenAmong: `SELECT l.id, l.seq, l.size, l.allocated, l.close_at, (SELECT COALESCE(json_agg(se.idx)::text, '[]') FROM status_entries se
      WHERE se.list_id = l.id AND se.idx IN (SELECT value::bigint FROM jsonb_array_elements_text(?::jsonb))) AS taken
    FROM status_lists l WHERE l.issuer_id = ? AND l.purpose = ? AND l.state = 'open' ORDER BY l.seq DESC LIMIT 1`,
  entriesOfCredentials: `SELECT se.credential_id, se.purpose, se.list_id, se.idx, se.value, c.issuer_id FROM status_entries se
    JOIN credentials c ON c.id = se.credential_id WHERE se.credential_id IN (SELECT jsonb_array_elements_text(?::jsonb))`,
  guardUnchanged: `INSERT INTO store_guard (lost_race) SELECT 'status entries changed since they were read'
    FROM (SELECT se.value <> (j.e->>2)::bigint AS changed FROM jsonb_array_elements(?::jsonb) AS j(e)
      JOIN status_entries se ON se.list_id = (j.e->>0)::bigint AND se.idx = (j.e->>1)::bigint
      ORDER BY se.list_id, se.idx FOR UPDATE OF se) AS locked
    HAVING bool_or(changed)`,
  setBits: `UPDATE status_entries SET value = ? WHERE value <> ? AND (list_id, idx) IN
    (SELECT (j.e->>0)::bigint, (j.e->>1)::bigint FROM jsonb_array_elements(?::jsonb) AS j(e))`,
  appendAudits: `INSERT INTO status_audit (credential_id, issuer_id, purpose, old_value, new_value, actor, reason, request_id, client_request_id, at)
    SELECT j.e->>0, j.e->>1, j.e->>2, (j.e->>3)::bigint, (j.e->>4)::bigint, ?, ?, ?, ?, ?
    FROM jsonb_array_elements(?::jsonb) WITH ORDINALITY AS j(e, n) ORDER BY j.n`,
  bumpLists: 'UPDATE status_lists SET version = version + 1 WHERE id IN (SELECT value::bigint FROM jsonb_array_elements_text(?::jsonb))',
  // An index-only scan of the partial index (list_id, idx) WHERE value = 1.
  setBitsOfList: `SELECT COALESCE(json_agg(idx)::text, '[]') AS bits FROM status_entries WHERE list_id = ? AND value = 1`,
  insertBatchRows: `INSERT INTO batch_rows (batch_id, row_no, sheet_row, certificate_number, holder_name, credential_id)
    SELECT ?, (j.e->>0)::bigint, (j.e->>1)::bigint, j.e->>2, j.e->>3, j.e->>4 FROM jsonb_array_elements(?::jsonb) AS j(e)`,
  insertBatchDrafts: `INSERT INTO batch_drafts (batch_id, row_no, draft, settings)
    SELECT ?, (j.e->>0)::bigint, j.e->>1, j.e->>2 FROM jsonb_array_elements(?::jsonb) AS j(e)`,
  issuedNumbersAmong: `SELECT DISTINCT certificate_number FROM credentials WHERE issuer_id = ?
    AND certificate_number IN (SELECT jsonb_array_elements_text(?::jsonb))`,
  issuedAssessmentsAmong: `SELECT DISTINCT assessment_id, kind FROM credentials WHERE issuer_id = ? AND (assessment_id, kind) IN
    (SELECT j.e->>0, j.e->>1 FROM jsonb_array_elements(?::jsonb) AS j(e))`,
};

/** The set statements for each dialect. */
export const SET_STATEMENTS: Record<Dialect, SetStatements> = { sqlite: JSON_EACH, d1: JSON_EACH, postgres: JSONB };

/** Values a set parameter carries at most: keeps each far below D1's 2 MB value limit. */
export const SET_CHUNK = 1000;

/** `items` in runs of at most `size`. */
export function chunks<T>(items: readonly T[], size = SET_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

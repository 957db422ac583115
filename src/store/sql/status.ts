// Status lists, entries and the audit log as read back; status changes are in status-change.ts.
import type { AuditEntry, StatusPurpose } from '../../domain/status.js';
import type { Driver, Row } from '../driver.js';
import type { StatusEntryState, StatusListRecord, Store } from '../store.js';
import { flag, num, text, textOrNull } from './columns.js';
import { SET_STATEMENTS } from './sets.js';
import { setStatusMethod } from './status-change.js';

const SELECT_STATUS_LIST = 'SELECT * FROM status_lists WHERE issuer_id = ? AND purpose = ? AND seq = ?';
const LIST_STATUS_LISTS = 'SELECT * FROM status_lists WHERE issuer_id = ? ORDER BY purpose, seq';
const SAVE_SIGNED_LIST = `UPDATE status_lists SET signed_version = ?, signed_json = ?, signed_etag = ?, signed_valid_until = ?
  WHERE id = ? AND (signed_version < ? OR (signed_version = ? AND (signed_valid_until IS NULL OR signed_valid_until < ?)))`;
const SELECT_STATUS_ENTRIES = `SELECT se.credential_id, se.purpose, se.list_id, sl.seq, se.idx, se.value
  FROM status_entries se JOIN status_lists sl ON sl.id = se.list_id WHERE se.credential_id = ? ORDER BY se.purpose`;
const LIST_AUDIT_OF_CREDENTIAL = 'SELECT * FROM status_audit WHERE credential_id = ? ORDER BY id LIMIT ?';
const LIST_AUDIT_OF_ISSUER = 'SELECT * FROM status_audit WHERE issuer_id = ? ORDER BY id LIMIT ?';

function statusListFromRow(r: Row): StatusListRecord {
  return {
    id: num(r.id),
    issuerId: text(r.issuer_id),
    purpose: r.purpose as StatusPurpose,
    seq: num(r.seq),
    size: num(r.size),
    allocated: num(r.allocated),
    closeAt: num(r.close_at),
    state: r.state as StatusListRecord['state'],
    version: num(r.version),
    signedVersion: num(r.signed_version),
    signedJson: textOrNull(r.signed_json),
    signedEtag: textOrNull(r.signed_etag),
    signedValidUntil: textOrNull(r.signed_valid_until),
  };
}

function entryStateFromRow(r: Row): StatusEntryState {
  return {
    credentialId: text(r.credential_id),
    purpose: r.purpose as StatusPurpose,
    listId: num(r.list_id),
    seq: num(r.seq),
    index: num(r.idx),
    value: flag(r.value),
  };
}

function auditFromRow(r: Row): AuditEntry {
  return {
    id: num(r.id),
    credentialId: text(r.credential_id),
    issuerId: text(r.issuer_id),
    purpose: r.purpose as StatusPurpose,
    oldValue: flag(r.old_value),
    newValue: flag(r.new_value),
    actor: text(r.actor),
    reason: text(r.reason),
    requestId: text(r.request_id),
    clientRequestId: textOrNull(r.client_request_id),
    at: text(r.at),
  };
}

type StatusMethods = 'getStatusList' | 'listStatusLists' | 'listSetBits' | 'saveSignedStatusList' | 'getStatusEntries' | 'setStatus' | 'listAudit';

/** The status-list, status-change and audit methods of the Store. */
export function statusMethods(db: Driver): Pick<Store, StatusMethods> {
  const sets = SET_STATEMENTS[db.dialect];
  return {
    async getStatusList(issuerId, purpose, seq) {
      const row = await db.one(SELECT_STATUS_LIST, [issuerId, purpose, seq]);
      return row ? statusListFromRow(row) : null;
    },
    async listStatusLists(issuerId) {
      return (await db.all(LIST_STATUS_LISTS, [issuerId])).map(statusListFromRow);
    },
    async listSetBits(listId) {
      const row = await db.one(sets.setBitsOfList, [listId]);
      return row ? (JSON.parse(text(row.bits)) as number[]) : [];
    },
    async saveSignedStatusList(listId, s) {
      await db.run(SAVE_SIGNED_LIST, [s.version, s.json, s.etag, s.validUntil, listId, s.version, s.version, s.validUntil]);
    },
    async getStatusEntries(credentialId) {
      return (await db.all(SELECT_STATUS_ENTRIES, [credentialId])).map(entryStateFromRow);
    },
    setStatus: setStatusMethod(db),
    async listAudit(by, limit = 1000) {
      const rows =
        'credentialId' in by ? await db.all(LIST_AUDIT_OF_CREDENTIAL, [by.credentialId, limit]) : await db.all(LIST_AUDIT_OF_ISSUER, [by.issuerId, limit]);
      return rows.map(auditFromRow);
    },
  };
}

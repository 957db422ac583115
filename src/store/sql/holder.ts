// Holder bindings: the peppers of each issuer (references only: the secrets stay in the KeyStore),
// the audit of holder checks, and the certificates still carrying the legacy unkeyed binding.
import type { CredentialRecord } from '../../domain/credential-record.js';
import type { HolderCheckRecord, PepperRecord } from '../../domain/holder.js';
import { stmt, type Driver, type Row } from '../driver.js';
import type { Store } from '../store.js';
import { num, text, textOrNull } from './columns.js';
import { credentialFromRow } from './issuance.js';

const INSERT_PEPPER = 'INSERT INTO holder_peppers (id, issuer_id, key_ref, created_at, retired_at) VALUES (?,?,?,?,?)';
const RETIRE_CURRENT_PEPPER = 'UPDATE holder_peppers SET retired_at = ? WHERE issuer_id = ? AND retired_at IS NULL';
const LIST_PEPPERS = 'SELECT * FROM holder_peppers WHERE issuer_id = ? ORDER BY created_at, id';
const INSERT_CHECK = 'INSERT INTO holder_checks (credential_key, issuer_id, result, client_hash, at) VALUES (?,?,?,?,?)';
const LIST_CHECKS = 'SELECT * FROM holder_checks WHERE credential_key = ? ORDER BY id LIMIT ?';
const LIST_LEGACY = "SELECT * FROM credentials WHERE issuer_id = ? AND holder_hash LIKE 'sha256$%' ORDER BY issued_at, id LIMIT ?";

function pepperFromRow(r: Row): PepperRecord {
  return { id: text(r.id), issuerId: text(r.issuer_id), keyRef: text(r.key_ref), createdAt: text(r.created_at), retiredAt: textOrNull(r.retired_at) };
}

function checkFromRow(r: Row): HolderCheckRecord & { id: number } {
  return {
    id: num(r.id),
    credentialKey: text(r.credential_key),
    issuerId: textOrNull(r.issuer_id),
    result: text(r.result) as HolderCheckRecord['result'],
    clientHash: text(r.client_hash),
    at: text(r.at),
  };
}

type HolderMethods = 'listPeppers' | 'addPepper' | 'recordHolderCheck' | 'listHolderChecks' | 'listLegacyHolderBindings';

/** The holder-binding methods of the Store. */
export function holderMethods(db: Driver): Pick<Store, HolderMethods> {
  return {
    async listPeppers(issuerId) {
      return (await db.all(LIST_PEPPERS, [issuerId])).map(pepperFromRow);
    },
    async addPepper(pepper) {
      await db.batch([
        stmt(RETIRE_CURRENT_PEPPER, pepper.createdAt, pepper.issuerId),
        stmt(INSERT_PEPPER, pepper.id, pepper.issuerId, pepper.keyRef, pepper.createdAt, null),
      ]);
    },
    async recordHolderCheck(check) {
      await db.run(INSERT_CHECK, [check.credentialKey, check.issuerId, check.result, check.clientHash, check.at]);
    },
    async listHolderChecks(credentialKey, limit = 1000) {
      return (await db.all(LIST_CHECKS, [credentialKey, limit])).map(checkFromRow);
    },
    async listLegacyHolderBindings(issuerId, limit = 100_000): Promise<CredentialRecord[]> {
      return (await db.all(LIST_LEGACY, [issuerId, limit])).map(credentialFromRow);
    },
  };
}

// Look-up by certificate number (POST /v1/lookup): the few credentials that carry one number,
// through the index of migration 0006.
import type { Driver } from '../driver.js';
import type { Store } from '../store.js';
import { credentialFromRow } from './issuance.js';

/** At most this many credentials of one number are read (a number is one certificate, a reissue or two). */
const MAX_BY_NUMBER = 20;

/** The query (exported for the test that proves it searches the index). */
export const CREDENTIALS_BY_NUMBER = 'SELECT * FROM credentials WHERE certificate_number = ? ORDER BY issued_at DESC, id DESC LIMIT ?';

/** The look-up methods of the Store. */
export function lookupMethods(db: Driver): Pick<Store, 'credentialsByNumber'> {
  return {
    async credentialsByNumber(number, limit = MAX_BY_NUMBER) {
      const rows = await db.all(CREDENTIALS_BY_NUMBER, [number, Math.max(1, Math.min(limit, MAX_BY_NUMBER))]);
      return rows.map(credentialFromRow);
    },
  };
}

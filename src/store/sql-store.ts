// The Store, written once over a Driver: each area of the port is a file under sql/ holding its
// SQL, its row mappers and its methods. Only drivers differ per database.
import type { Driver } from './driver.js';
import { applyMigrations, type Migration } from './migrate.js';
import { holderMethods } from './sql/holder.js';
import { batchMethods } from './sql/batches.js';
import { issuanceMethods } from './sql/issuance.js';
import { issuerMethods } from './sql/issuers.js';
import { lookupMethods } from './sql/lookup.js';
import { statusMethods } from './sql/status.js';
import { trustMethods } from './sql/trust.js';
import type { Store } from './store.js';

export interface SqlStoreOptions {
  /** The migrations `migrate()` applies; absent where the platform applies them (D1: wrangler). */
  migrations?: () => Promise<readonly Migration[]>;
}

/** The Store over a driver. */
export function sqlStore(db: Driver, options: SqlStoreOptions = {}): Store {
  return {
    async migrate() {
      if (options.migrations) await applyMigrations(db, await options.migrations());
    },
    close: () => db.close(),
    ...issuerMethods(db),
    ...issuanceMethods(db),
    ...statusMethods(db),
    ...trustMethods(db),
    ...holderMethods(db),
    ...batchMethods(db),
    ...lookupMethods(db),
  };
}

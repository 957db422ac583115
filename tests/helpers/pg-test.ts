// For PostgreSQL test files: the run's cluster (tests/postgres/global-setup.ts) and a fresh
// database per call. When the binaries are absent the suites are skipped, saying so.
import { describe, inject } from 'vitest';
import { createDatabase } from './pg-cluster.js';

/** The cluster's maintenance URL, or '' when there is none. */
export const pgAdminUrl = (): string => inject('pgAdminUrl');

/** A describe that runs only when the run has a PostgreSQL cluster; otherwise skipped with the reason. */
export function describePg(name: string, body: () => void): void {
  const reason = inject('pgUnavailable');
  if (reason) console.warn(`skipping "${name}": ${reason}`);
  describe.skipIf(reason !== '')(reason ? `${name} (skipped: ${reason})` : name, body);
}

/** A fresh, empty database on the run's cluster. */
export const freshDatabase = (prefix = 't'): Promise<string> => createDatabase(pgAdminUrl(), prefix);

// Vitest global setup of the node project: one throwaway PostgreSQL cluster for the whole run,
// stopped at its end. Test files create a database each on it (tests/helpers/pg-test.ts).
import type { TestProject } from 'vitest/node';
import { pgUnavailable, startPgCluster } from '../helpers/pg-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The cluster's maintenance database URL, '' when no cluster could be started. */
    pgAdminUrl: string;
    /** Why there is no cluster ('' when there is one). */
    pgUnavailable: string;
  }
}

/** Starts the cluster (unless the binaries are absent) and returns its teardown. */
export default async function setup(project: TestProject): Promise<() => void> {
  const reason = pgUnavailable();
  project.provide('pgUnavailable', reason ?? '');
  if (reason) {
    project.provide('pgAdminUrl', '');
    console.warn(`skillcred: PostgreSQL tests skipped: ${reason}`);
    return () => {};
  }
  const cluster = await startPgCluster();
  project.provide('pgAdminUrl', cluster.url);
  return () => cluster.stop();
}

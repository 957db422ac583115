// The surface of the workerd test modules these tests use, typed against the project's own D1
// interface so the main tsconfig (Node + DOM libs) checks them without @cloudflare/workers-types.
declare module 'cloudflare:test' {
  import type { D1Like } from '../../src/runtime/workers/d1-driver.js';
  export interface D1Migration {
    name: string;
    queries: string[];
  }
  /** The bindings of wrangler.toml plus the test-only ones vitest.config.ts adds. */
  export const env: {
    DB: D1Like & { exec(sql: string): Promise<unknown> };
    TEST_MIGRATIONS: D1Migration[];
    ISSUER_KEYS: string;
    ADMIN_TOKEN: string;
    PUBLIC_URL: string;
    SERVICE_KEY_REF: string;
  };
  export function applyD1Migrations(db: D1Like, migrations: D1Migration[], migrationsTableName?: string): Promise<void>;
}

declare module 'cloudflare:workers' {
  /** The main Worker's exports (src/worker.ts), callable like a service binding. */
  export const exports: { default: { fetch(input: string | Request, init?: RequestInit): Promise<Response> } };
}

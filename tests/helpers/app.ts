import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app.js';
import { parseConfig, type Config } from '../../src/config.js';
import { nodeCrypto } from '../../src/runtime/node/crypto.js';
import { FileKeyStore } from '../../src/runtime/node/file-keystore.js';
import { noNetworkFetcher, silentLogger, systemClock, type Clock, type Fetcher, type Ports } from '../../src/ports.js';
import { bootstrap } from '../../src/services/bootstrap.js';
import { createServices, type Services } from '../../src/services/index.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { withReadCache } from '../../src/store/cached.js';
import { nodeCompression } from '../../src/runtime/node/compression.js';
import { bearer } from './requests.js';

// The request builders live in requests.ts (no Node imports: the Workers tests use them too).
export { assessmentRequest, bearer, skillLevelRequest, vc2 } from './requests.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

/** A real app on a real SQLite file and real key files in a temporary directory. */
export interface TestApp {
  app: ReturnType<typeof createApp>;
  services: Services;
  ports: Ports;
  /** The SQLite store under the read cache (for tests that look at the database itself). */
  sqlite: SqliteStore;
  dir: string;
  devKey: string;
  devDid: string;
  /** Calls the app with JSON in and out. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/** `fetcher` may be built from the parsed configuration, as the entries build theirs (FETCH_ALLOW_HOSTS). */
export async function createTestApp(
  opts: { env?: Record<string, string>; clock?: Clock; fetcher?: Fetcher | ((config: Config) => Fetcher) } = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'skillcred-test-'));
  const config = parseConfig({ PUBLIC_URL: 'https://certs.example.cn', ADMIN_TOKEN, DATA_DIR: dir, ...opts.env });
  const sqlite = new SqliteStore(join(dir, 'test.db'));
  // The same read cache the entries put in front of their stores.
  const store = withReadCache(sqlite);
  await store.migrate();
  const ports: Ports = {
    store,
    keys: new FileKeyStore(join(dir, 'keys')),
    crypto: nodeCrypto(),
    compression: nodeCompression,
    clock: opts.clock ?? systemClock,
    fetcher: typeof opts.fetcher === 'function' ? opts.fetcher(config) : (opts.fetcher ?? noNetworkFetcher),
    config,
    log: silentLogger,
  };
  const services = createServices(ports);
  const first = await bootstrap(services, { devIssuer: true });
  const app = createApp(ports, services);
  return {
    app,
    services,
    ports,
    sqlite,
    dir,
    devKey: first.devIssuer!.apiKey.token,
    devDid: first.devIssuer!.did,
    call(method, path, body, headers = {}) {
      const init: RequestInit = { method, headers: { ...headers } };
      if (body !== undefined) {
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
        (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
      }
      return Promise.resolve(app.request(path, init));
    },
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Accredits an issuer for every kind, occupation and rank from the start of 2020 (admin API). */
export async function accredit(t: TestApp, slug: string, extra: Record<string, unknown> = {}): Promise<void> {
  const res = await t.call(
    'POST',
    `/admin/issuers/${slug}/accreditations`,
    { kinds: ['skill-level', 'specialized-ability', 'enterprise', 'other'], occupations: ['*'], validFrom: '2020-01-01T00:00:00Z', ...extra },
    bearer(ADMIN_TOKEN),
  );
  if (res.status !== 201) throw new Error(`accreditation of ${slug} failed: ${await res.text()}`);
}

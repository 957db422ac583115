import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemble } from '../../src/app.js';
import { parseConfig, parseNodeSettings, type Config } from '../../src/config.js';
import { noAssets, noNetworkFetcher, silentLogger, type Clock, type Fetcher, type Ports } from '../../src/ports.js';
import { nodePorts } from '../../src/runtime/node/ports.js';
import type { Services } from '../../src/services/index.js';
import Database from 'better-sqlite3';
import { bearer } from './requests.js';

// The request builders live in requests.ts (no Node imports: the Workers tests use them too).
export { assessmentRequest, bearer, skillLevelRequest, vc2 } from './requests.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

/** A real app on a real SQLite file and real key files in a temporary directory. */
export interface TestApp {
  app: Awaited<ReturnType<typeof assemble>>['app'];
  services: Services;
  ports: Ports;
  /** A second, raw connection to the SQLite file (for tests that look at the database itself). */
  db(): Database.Database;
  dir: string;
  devKey: string;
  devDid: string;
  /** Calls the app with JSON in and out. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/**
 * Builds the app exactly as the Node entry does (nodePorts + assemble), in a temporary directory.
 * `fetcher` may be built from the parsed configuration, as the entries build theirs (FETCH_ALLOW_HOSTS).
 */
export async function createTestApp(
  opts: { env?: Record<string, string>; clock?: Clock; fetcher?: Fetcher | ((config: Config) => Fetcher); ports?: Partial<Ports> } = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'skillcred-test-'));
  const env = { PUBLIC_URL: 'https://certs.example.cn', ADMIN_TOKEN, DATA_DIR: dir, KEYS_DIR: join(dir, 'keys'), ...opts.env };
  const config = parseConfig(env);
  const ports = await nodePorts(config, parseNodeSettings(env), {
    fetcher: typeof opts.fetcher === 'function' ? opts.fetcher(config) : (opts.fetcher ?? noNetworkFetcher),
    log: silentLogger,
    assets: noAssets,
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...opts.ports,
  });
  const { app, services, firstStart } = await assemble(ports, { devIssuer: true });
  let raw: Database.Database | undefined;
  return {
    app,
    services,
    ports,
    db: () => (raw ??= new Database(join(dir, 'skillcred.db'))),
    dir,
    devKey: firstStart.devIssuer!.apiKey.token,
    devDid: firstStart.devIssuer!.did,
    call(method, path, body, headers = {}) {
      const init: RequestInit = { method, headers: { ...headers } };
      if (body !== undefined) {
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
        (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
      }
      return Promise.resolve(app.request(path, init));
    },
    async close() {
      raw?.close();
      await ports.store.close();
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

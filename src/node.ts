import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Hono } from 'hono';
import { createApp } from './app.js';
import { parseConfig, type Config } from './config.js';
import type { AppEnv } from './routes/env.js';
import { VERIFY_PAGE_FILE, VERIFY_PAGE_HEADERS, VERIFY_PAGE_PATHS } from './verify-page.js';
import { nodeCrypto } from './runtime/node/crypto.js';
import { SkillcredError } from './errors.js';
import { FileKeyStore } from './runtime/node/file-keystore.js';
import { createNodeFetcher } from './runtime/node/https-fetcher.js';
import { consoleLogger, systemClock, type Ports } from './ports.js';
import { bootstrap, type BootstrapResult } from './services/bootstrap.js';
import { createServices } from './services/index.js';
import { nodeCompression } from './runtime/node/compression.js';
import { SqliteStore } from './store/sqlite.js';
import { withReadCache } from './store/cached.js';

/** Builds the Node ports: SQLite under DATA_DIR, key files under KEYS_DIR, node:crypto. */
export async function nodePorts(config: Config, env: Record<string, string | undefined>): Promise<Ports> {
  mkdirSync(config.dataDir, { recursive: true });
  const store = new SqliteStore(join(config.dataDir, 'skillcred.db'), {
    synchronous: env.SQLITE_SYNCHRONOUS === 'FULL' ? 'FULL' : 'NORMAL',
  });
  await store.migrate();
  return {
    store: withReadCache(store),
    keys: new FileKeyStore(resolve(env.KEYS_DIR || './keys')),
    crypto: nodeCrypto(),
    compression: nodeCompression,
    clock: systemClock,
    fetcher: createNodeFetcher({ clock: systemClock, allowHosts: config.fetchAllowHosts }),
    config,
    log: consoleLogger(env.LOG_LEVEL === 'warn' || env.LOG_LEVEL === 'error' ? env.LOG_LEVEL : 'info'),
  };
}

function printFirstStart(result: BootstrapResult): void {
  if (!result.adminToken && !result.devIssuer) return;
  const lines = ['', 'First start: these secrets are shown once and stored only as hashes. Keep them now.'];
  if (result.adminToken) lines.push(`  admin token          ${result.adminToken}`);
  if (result.devIssuer) {
    lines.push(`  dev issuer           ${result.devIssuer.slug}`);
    lines.push(`  dev issuer DID       ${result.devIssuer.did}`);
    lines.push(`  dev issuer API key   ${result.devIssuer.apiKey.token}`);
  }
  lines.push('');
  console.log(lines.join('\n'));
}

async function main(): Promise<void> {
  const env = process.env;
  const config = configFromEnv(env);
  const ports = await nodePorts(config, env);
  const services = createServices(ports);
  const first = await bootstrap(services, { devIssuer: env.SKIP_DEV_ISSUER !== '1' });
  const app = createApp(ports, services);
  servePublic(app);
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    console.log(`skillcred listening on http://${config.host}:${info.port}  (public URL ${config.publicUrl})`);
    console.log(`  data ${resolve(config.dataDir, 'skillcred.db')}   keys ${resolve(env.KEYS_DIR || './keys')}`);
    printFirstStart(first);
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(`skillcred: cannot listen on ${config.host}:${config.port}: ${error.code ?? error.message}`);
    process.exit(1);
  });
  const stop = () => {
    server.close(() => {
      void ports.store.close().then(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/**
 * Serves public/ behind the API routes: the verify page at `/v` and `/V` (QR codes spell the URL
 * in upper case) and its assets, precompressed by `npm run build:page`. Workers serve the same
 * directory through the assets binding.
 */
export function servePublic(app: Hono<AppEnv>, root = fileURLToPath(new URL('../public', import.meta.url))): void {
  app.use('/assets/*', async (c, next) => {
    await next();
    // Chunk names carry a content hash; the entry script and styles keep their names.
    if (c.res.ok) c.res.headers.set('cache-control', c.req.path.startsWith('/assets/chunks/') ? 'public, max-age=31536000, immutable' : 'no-cache');
  });
  const page = serveStatic<AppEnv>({ path: join(root, VERIFY_PAGE_FILE) });
  for (const path of VERIFY_PAGE_PATHS) {
    app.get(path, async (c, next) => {
      const res = await page(c, next);
      if (!res) return; // no page built: the not-found problem answers
      for (const [name, value] of Object.entries(VERIFY_PAGE_HEADERS)) res.headers.set(name, value);
      return res;
    });
  }
  app.use('*', serveStatic<AppEnv>({ root, precompressed: true }));
}

/** Reads the configuration from the environment, or exits with one clear line. */
export function configFromEnv(env: Record<string, string | undefined>): Config {
  try {
    return parseConfig(env);
  } catch (error) {
    if (error instanceof SkillcredError) {
      console.error(`skillcred: invalid configuration: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(`skillcred: failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}

import { serve } from '@hono/node-server';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createApp } from './app.js';
import { parseConfig, type Config } from './config.js';
import { nodeCrypto } from './credentials/crypto-node.js';
import { SkillcredError } from './errors.js';
import { FileKeyStore } from './keys/file-keystore.js';
import { createHttpFetcher } from './credentials/http-fetcher.js';
import { consoleLogger, systemClock, type Ports } from './ports.js';
import { bootstrap, type BootstrapResult } from './services/bootstrap.js';
import { createServices } from './services/index.js';
import { nodeCompression } from './status/compression-node.js';
import { SqliteStore } from './store/sqlite.js';

/** Builds the Node ports: SQLite under DATA_DIR, key files under KEYS_DIR, node:crypto. */
export async function nodePorts(config: Config, env: Record<string, string | undefined>): Promise<Ports> {
  mkdirSync(config.dataDir, { recursive: true });
  const store = new SqliteStore(join(config.dataDir, 'skillcred.db'), {
    synchronous: env.SQLITE_SYNCHRONOUS === 'FULL' ? 'FULL' : 'NORMAL',
  });
  await store.migrate();
  return {
    store,
    keys: new FileKeyStore(resolve(env.KEYS_DIR || './keys')),
    crypto: nodeCrypto(),
    compression: nodeCompression,
    clock: systemClock,
    fetcher: createHttpFetcher({ clock: systemClock }),
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

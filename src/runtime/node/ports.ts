import { chmodSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config, NodeSettings } from '../../config.js';
import { documentLoader } from '../../credentials/document-loader.js';
import { inlineProofEngine } from '../../credentials/proof-engine.js';
import { consoleLogger, systemClock, type CryptoProvider, type ProofEngine, type Ports } from '../../ports.js';
import { withReadCache } from '../../store/read-cache.js';
import { memoryCounters } from '../memory-counters.js';
import { nodeAssets } from './assets.js';
import { nodeClientAddress } from './client-address.js';
import { nodeCompression } from './compression.js';
import { nodeCrypto } from './crypto.js';
import { postgresCounters } from './postgres-counters.js';
import { openPostgresStore } from './postgres-store.js';
import { openSqliteStore } from './sqlite-store.js';
import { FileKeyStore } from './file-keystore.js';
import { createNodeFetcher } from './https-fetcher.js';
import { defaultWorkerCount, proofPool } from './proof-pool.js';

/** public/ of this checkout: the verify page and its assets. */
const PUBLIC_DIR = fileURLToPath(new URL('../../../public', import.meta.url));

/** WORKERS=0: proofs on the main thread; otherwise a pool of WORKERS threads (one per core by default). */
function proofEngine(settings: Pick<NodeSettings, 'workers'>, crypto: CryptoProvider): ProofEngine {
  const threads = settings.workers ?? defaultWorkerCount();
  return threads === 0 ? inlineProofEngine({ crypto, documentLoader }) : proofPool(threads);
}

/**
 * The database: SQLite under DATA_DIR with counters in memory (one process), or, with DATABASE_URL,
 * PostgreSQL holding the store and the rate-limit counters, so several instances can share it.
 */
async function database(settings: NodeSettings): Promise<Pick<Ports, 'store' | 'counters'>> {
  if (settings.databaseUrl) {
    const { store, driver } = openPostgresStore(settings.databaseUrl, { max: settings.databasePoolSize });
    await store.migrate();
    return { store, counters: await postgresCounters(driver) };
  }
  mkdirSync(settings.dataDir, { recursive: true, mode: 0o700 });
  chmodSync(settings.dataDir, 0o700);
  const store = openSqliteStore(join(settings.dataDir, 'skillcred.db'), { synchronous: settings.sqliteSynchronous });
  await store.migrate();
  return { store, counters: memoryCounters() };
}

/**
 * The Node ports: the database (SQLite, or PostgreSQL with DATABASE_URL), key files under KEYS_DIR
 * (shared storage when several instances run: a key one writes, the others must read), node:crypto,
 * proofs on worker threads, public/ from disk. The read cache's TTL bounds how long another
 * instance's change to a cached record (an API key revoked, an exit) goes unseen here.
 */
export async function nodePorts(config: Config, settings: NodeSettings, overrides: Partial<Ports> = {}): Promise<Ports> {
  const { store, counters } = await database(settings);
  const crypto = overrides.crypto ?? nodeCrypto();
  return {
    store: withReadCache(store),
    keys: new FileKeyStore(resolve(settings.keysDir)),
    crypto,
    proofs: overrides.proofs ?? proofEngine(settings, crypto),
    compression: nodeCompression,
    clock: systemClock,
    fetcher: createNodeFetcher({ clock: systemClock, allowHosts: config.fetchAllowHosts }),
    config,
    log: consoleLogger(config.logLevel),
    assets: nodeAssets(PUBLIC_DIR),
    counters,
    clientAddress: nodeClientAddress(settings.trustProxy),
    ...overrides,
  };
}

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
import { openSqliteStore } from './sqlite-store.js';
import { FileKeyStore } from './file-keystore.js';
import { createNodeFetcher } from './https-fetcher.js';
import { defaultWorkerCount, proofPool } from './proof-pool.js';

/** public/ of this checkout: the verify page and its assets. */
export const PUBLIC_DIR = fileURLToPath(new URL('../../../public', import.meta.url));

/** WORKERS=0: proofs on the main thread; otherwise a pool of WORKERS threads (one per core by default). */
function proofEngine(settings: Pick<NodeSettings, 'workers'>, crypto: CryptoProvider): ProofEngine {
  const threads = settings.workers ?? defaultWorkerCount();
  return threads === 0 ? inlineProofEngine({ crypto, documentLoader }) : proofPool(threads);
}

/** The Node ports: SQLite under DATA_DIR, key files under KEYS_DIR, node:crypto, proofs on worker threads, public/ from disk. */
export async function nodePorts(config: Config, settings: NodeSettings, overrides: Partial<Ports> = {}): Promise<Ports> {
  mkdirSync(settings.dataDir, { recursive: true, mode: 0o700 });
  chmodSync(settings.dataDir, 0o700);
  const store = openSqliteStore(join(settings.dataDir, 'skillcred.db'), { synchronous: settings.sqliteSynchronous });
  await store.migrate();
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
    counters: memoryCounters(),
    clientAddress: nodeClientAddress(settings.trustProxy),
    ...overrides,
  };
}

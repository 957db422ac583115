import type { Config } from '../../config.js';
import { webCrypto } from '../../credentials/crypto.js';
import { documentLoader } from '../../credentials/document-loader.js';
import { inlineProofEngine } from '../../credentials/proof-engine.js';
import { consoleLogger, systemClock, type Ports } from '../../ports.js';
import { streamCompression } from '../../status/bitstring.js';
import { withReadCache } from '../../store/read-cache.js';
import { memoryCounters } from '../memory-counters.js';
import { workerAssets, type AssetsBinding } from './assets.js';
import { d1Store, type D1Like } from './d1-driver.js';
import { createWorkersFetcher } from './fetcher.js';
import { SecretKeyStore } from './secret-keystore.js';

/** The bindings, vars and secrets wrangler.toml and `wrangler secret put` give the Worker. */
export interface WorkerEnv {
  DB: D1Like;
  /** The static assets binding over public/. */
  ASSETS?: AssetsBinding;
  /** Secret: `{ "<keyRef>": <private Ed25519 JWK>, ... }`. */
  ISSUER_KEYS?: string;
  [name: string]: unknown;
}

/** The string vars and secrets of the env: what the config parser reads. */
export function stringVars(env: WorkerEnv): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (typeof value === 'string') vars[name] = value;
  return vars;
}

/** The Workers ports: D1, keys from the ISSUER_KEYS secret, WebCrypto, public/ through the assets binding. */
export function workerPorts(config: Config, env: WorkerEnv): Ports {
  const crypto = webCrypto();
  return {
    store: withReadCache(d1Store(env.DB)),
    keys: new SecretKeyStore(typeof env.ISSUER_KEYS === 'string' ? env.ISSUER_KEYS : undefined),
    crypto,
    // Inline: each request is its own isolate, with Cloudflare's own CPU limit per request.
    proofs: inlineProofEngine({ crypto, documentLoader }),
    compression: streamCompression,
    clock: systemClock,
    fetcher: createWorkersFetcher({ clock: systemClock, allowHosts: config.fetchAllowHosts }),
    config,
    log: consoleLogger(config.logLevel),
    assets: workerAssets(env.ASSETS),
    // Per isolate: Cloudflare's own rate limiting rules are the shared layer at the edge (README).
    counters: memoryCounters(),
    // Cloudflare sets CF-Connecting-IP on every request and clients cannot forge it.
    clientAddress: (request) => request.headers.get('cf-connecting-ip') ?? 'unknown',
  };
}

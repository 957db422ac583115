import { message, SkillcredError } from './errors.js';
import type { CryptoProvider } from './credentials/crypto.js';
import type { ProofEngine } from './credentials/proof-engine.js';
import type { Config } from './config.js';
import type { Compression } from './status/bitstring.js';
import type { Store } from './store/store.js';

export type { Config } from './config.js';
export type { Store } from './store/store.js';
export type { CryptoProvider } from './credentials/crypto.js';
export type { ProofEngine } from './credentials/proof-engine.js';

/** Where private keys live: files under keys/ on Node, a secret on Workers. */
export interface KeyStore {
  /** Keeps a new private key under `ref`; throws UNSUPPORTED where keys are provisioned elsewhere. */
  put(ref: string, privateJwk: JsonWebKey): Promise<void>;
  /** The private key stored under `ref`, or null. */
  get(ref: string): Promise<JsonWebKey | null>;
}

/** The time, injected so tests and verification can move it. */
export interface Clock {
  now(): Date;
}

/** A remote GET as the core needs it: https only, bounded in time and size, cached. */
export interface Fetcher {
  get(url: string, options?: { accept?: string }): Promise<FetchResult>;
}

export interface FetchResult {
  status: number;
  body: Uint8Array;
  contentType: string | null;
}

/** Structured server logs: ids, never personal data. */
export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

/** How many times something happened in the current fixed window, and when that window ends. */
export interface WindowCount {
  count: number;
  resetMs: number;
}

/** Counters in fixed time windows, for rate limits: per process here, shared where instances share a database. */
export interface Counters {
  /** Adds `cost` to `key` in its current `windowSec` window. */
  add(key: string, cost: number, windowSec: number): Promise<WindowCount>;
  /** The count of `key` in its current window (0 when none). */
  get(key: string, windowSec: number): Promise<WindowCount>;
}

/** The address a request came from, as the runtime knows it (`bindings` is what the runtime passed the app). */
export type ClientAddress = (request: Request, bindings: unknown) => string;

/** The static files under public/ (the verify page and its assets), as the runtime serves them. */
export interface Assets {
  /**
   * The file at `path` (e.g. `/verify.html`, `/assets/verify.js`) as a response to `request`
   * (honouring its conditional and Accept-Encoding headers), or null when there is none.
   */
  serve(path: string, request: Request): Promise<Response | null>;
}

/** Everything the app needs from its runtime. */
export interface Ports {
  store: Store;
  keys: KeyStore;
  crypto: CryptoProvider;
  /** Canonicalization and Data Integrity proofs: inline, or on worker threads (Node). */
  proofs: ProofEngine;
  compression: Compression;
  clock: Clock;
  fetcher: Fetcher;
  config: Config;
  log: Logger;
  assets: Assets;
  counters: Counters;
  clientAddress: ClientAddress;
}

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A logger writing one JSON line per event to the console. */
export function consoleLogger(minLevel: 'info' | 'warn' | 'error' = 'info'): Logger {
  const order = { info: 0, warn: 1, error: 2 };
  const emit =
    (level: 'info' | 'warn' | 'error') =>
    (event: string, fields: Record<string, unknown> = {}) => {
      if (order[level] < order[minLevel]) return;
      const line = JSON.stringify({ t: new Date().toISOString(), level, event, ...fields });
      if (level === 'error') console.error(line);
      else console.log(line);
    };
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** A logger that drops everything (tests). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** No static files (tests of the API alone). */
export const noAssets: Assets = { serve: async () => null };

/** A fetcher for deployments that must not reach out at all. */
export const noNetworkFetcher: Fetcher = {
  async get(url) {
    throw new SkillcredError('FETCH_FAILED', message('fetch.refused', { reason: `remote fetches are disabled here (${url})` }));
  },
};

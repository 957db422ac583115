import { SkillcredError } from './errors.js';
import { parseAllowHosts, type AllowedHost } from './fetch/allow-list.js';

/** The validated configuration both runtimes share. */
export interface Config {
  /** Base URL without a trailing slash, written into DIDs, status-list and verify URLs. */
  publicUrl: string;
  /** `did:web` host part of publicUrl (port percent-encoded). */
  didWebHost: string;
  /** Path prefix of publicUrl (for did:web path segments), '' at the root. */
  basePath: string;
  adminToken: string | undefined;
  statusListSize: number;
  statusListThreshold: number;
  statusCacheMaxAge: number;
  statusListValidity: number;
  maxBodyBytes: number;
  /** Body cap of the routes anyone may call without a key (verification, lookup). */
  maxAnonymousBodyBytes: number;
  logLevel: LogLevel;
  /** Failed authentications a minute, per client address and per API key, before 429. */
  authFailuresPerMinute: number;
  /** Requests a minute per client address to the anonymous routes (verification, lookup). */
  anonymousRequestsPerMinute: number;
  /** Wrong ID numbers per certificate, in HOLDER_WRONG_WINDOW_SECONDS, before its holder checks get 429. */
  holderWrongPerHour: number;
  /** The window of that count (an hour by default). */
  holderWrongWindowSeconds: number;
  /** Holder checks a minute per client address. */
  holderChecksPerMinute: number;
  /** Look-ups by certificate number and holder name (POST /v1/lookup) a minute per client address. */
  lookupsPerMinute: number;
  /** Look-ups of one certificate number an hour that matched nothing, before that number's look-ups get 429. */
  lookupWrongPerHour: number;
  /** FETCH_ALLOW_HOSTS: `host:port` keys (port 443 if none was written) the fetch policy lets
   * through though they are not public addresses: intranet issuers the operator trusts. */
  fetchAllowHosts: readonly AllowedHost[];
}

type LogLevel = 'info' | 'warn' | 'error';

/** What only the Node entry reads: where it listens and keeps its files. */
export interface NodeSettings {
  port: number;
  host: string;
  dataDir: string;
  keysDir: string;
  /** `FULL` fsyncs every commit (power-loss safe); `NORMAL` is crash safe under WAL. */
  sqliteSynchronous: 'NORMAL' | 'FULL';
  /** Create (and accredit) a development issuer on first start. */
  devIssuer: boolean;
  /** Behind a reverse proxy: read the client address from the last X-Forwarded-For hop it added. */
  trustProxy: boolean;
  /**
   * WORKERS: threads that canonicalize, sign and verify proofs off the event loop. 0 runs them on
   * the main thread (no pool); N ≥ 1 is a pool of N threads; undefined (unset) is one per core the
   * process may use (os.availableParallelism(), resolved by the Node runtime).
   */
  workers: number | undefined;
  /**
   * DATABASE_URL: `postgres://user:password@host:port/database` to keep everything in PostgreSQL,
   * shared by every instance pointed at it; unset, one SQLite file under dataDir (the default).
   */
  databaseUrl: string | undefined;
  /** DATABASE_POOL_SIZE: PostgreSQL connections this instance holds at most. */
  databasePoolSize: number;
}

/** What only the Workers entry reads. */
export interface WorkerSettings {
  /** The ISSUER_KEYS entry holding the service's own key. */
  serviceKeyRef: string;
}

const MIN_STATUS_LIST_SIZE = 131_072;

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw configError(`${name} must be a whole number, got ${JSON.stringify(raw)}`);
  const n = Number(raw);
  if (n < min || n > max) throw configError(`${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

function configError(message: string): SkillcredError {
  return new SkillcredError('CONFIG', message);
}

/** Parses configuration from environment strings; throws one clear CONFIG error per problem. */
export function parseConfig(env: Env): Config {
  const port = int(env, 'PORT', 8080, 0, 65535);
  const rawUrl = (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw configError(`PUBLIC_URL must be an absolute http(s) URL, got ${JSON.stringify(rawUrl)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw configError(`PUBLIC_URL must use http or https, got ${JSON.stringify(rawUrl)}`);
  }
  if (url.search || url.hash || url.username) {
    throw configError(`PUBLIC_URL must not carry a query, fragment or credentials: ${JSON.stringify(rawUrl)}`);
  }
  const basePath = url.pathname.replace(/\/+$/, '');
  const adminToken = env.ADMIN_TOKEN || undefined;
  if (adminToken !== undefined && adminToken.length < 16) {
    throw configError('ADMIN_TOKEN must be at least 16 characters');
  }
  const thresholdRaw = env.STATUS_LIST_THRESHOLD;
  let statusListThreshold = 0.8;
  if (thresholdRaw !== undefined && thresholdRaw !== '') {
    statusListThreshold = Number(thresholdRaw);
    if (!(statusListThreshold > 0 && statusListThreshold <= 0.95)) {
      throw configError(`STATUS_LIST_THRESHOLD must be a fraction in (0, 0.95], got ${JSON.stringify(thresholdRaw)}`);
    }
  }
  let fetchAllowHosts: AllowedHost[];
  try {
    fetchAllowHosts = parseAllowHosts(env.FETCH_ALLOW_HOSTS);
  } catch (error) {
    throw configError(`FETCH_ALLOW_HOSTS must be a comma-separated list of host[:port]: ${(error as Error).message}`);
  }
  return {
    publicUrl: `${url.origin}${basePath}`,
    didWebHost: url.port ? `${url.hostname}%3A${url.port}` : url.hostname,
    basePath,
    adminToken,
    statusListSize: int(env, 'STATUS_LIST_SIZE', MIN_STATUS_LIST_SIZE, MIN_STATUS_LIST_SIZE, 1 << 26),
    statusListThreshold,
    statusCacheMaxAge: int(env, 'STATUS_CACHE_MAX_AGE', 300, 0, 86_400),
    statusListValidity: int(env, 'STATUS_LIST_VALIDITY', 86_400, 600, 31 * 86_400),
    maxBodyBytes: int(env, 'MAX_BODY_BYTES', 1_048_576, 1024, 64 * 1_048_576),
    maxAnonymousBodyBytes: int(env, 'MAX_ANONYMOUS_BODY_BYTES', 262_144, 1024, 16 * 1_048_576),
    logLevel: oneOf(env, 'LOG_LEVEL', ['info', 'warn', 'error'] as const, 'info'),
    authFailuresPerMinute: int(env, 'AUTH_FAILURES_PER_MINUTE', 10, 1, 100_000),
    anonymousRequestsPerMinute: int(env, 'ANONYMOUS_REQUESTS_PER_MINUTE', 600, 1, 10_000_000),
    holderWrongPerHour: int(env, 'HOLDER_WRONG_PER_HOUR', 5, 1, 1000),
    holderWrongWindowSeconds: int(env, 'HOLDER_WRONG_WINDOW_SECONDS', 3600, 1, 86_400),
    holderChecksPerMinute: int(env, 'HOLDER_CHECKS_PER_MINUTE', 30, 1, 100_000),
    lookupsPerMinute: int(env, 'LOOKUPS_PER_MINUTE', 10, 1, 100_000),
    lookupWrongPerHour: int(env, 'LOOKUP_WRONG_PER_HOUR', 10, 1, 1000),
    fetchAllowHosts,
  };
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw configError(`${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(raw)}`);
  return raw as T;
}

/** Parses the Node entry's own settings (listening address, data and key directories). */
export function parseNodeSettings(env: Env): NodeSettings {
  return {
    port: int(env, 'PORT', 8080, 0, 65535),
    host: env.HOST || '127.0.0.1',
    dataDir: env.DATA_DIR || './data',
    keysDir: env.KEYS_DIR || './keys',
    sqliteSynchronous: oneOf(env, 'SQLITE_SYNCHRONOUS', ['NORMAL', 'FULL'] as const, 'NORMAL'),
    devIssuer: env.SKIP_DEV_ISSUER !== '1',
    trustProxy: oneOf(env, 'TRUST_PROXY', ['0', '1'] as const, '0') === '1',
    workers: env.WORKERS === undefined || env.WORKERS === '' ? undefined : int(env, 'WORKERS', 0, 0, 256),
    databaseUrl: databaseUrl(env.DATABASE_URL),
    databasePoolSize: int(env, 'DATABASE_POOL_SIZE', 10, 1, 1000),
  };
}

/** DATABASE_URL when set: a PostgreSQL URL, or a clear error (SQLite needs no URL: it is the default). */
function databaseUrl(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw configError('DATABASE_URL must be a URL like postgres://user:password@host:5432/skillcred');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw configError(`DATABASE_URL must use postgres:// (SQLite is the default when it is unset), got ${JSON.stringify(url.protocol)}`);
  }
  return raw;
}

/** Parses the Workers entry's own settings. */
export function parseWorkerSettings(env: Env): WorkerSettings {
  const serviceKeyRef = env.SERVICE_KEY_REF;
  if (!serviceKeyRef) throw configError('SERVICE_KEY_REF must name the ISSUER_KEYS entry holding the service key (see README, "Run at the edge")');
  return { serviceKeyRef };
}

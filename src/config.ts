import { SkillcredError } from './errors.js';
import { parseAllowHosts, type AllowedHost } from './fetch/allow-list.js';

/** The validated runtime configuration. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
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
  /** FETCH_ALLOW_HOSTS: `host:port` keys (port 443 if none was written) the fetch policy lets
   * through though they are not public addresses: intranet issuers the operator trusts. */
  fetchAllowHosts: readonly AllowedHost[];
}

export const MIN_STATUS_LIST_SIZE = 131_072;

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
  const host = env.HOST || '127.0.0.1';
  const dataDir = env.DATA_DIR || './data';
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
    port,
    host,
    dataDir,
    publicUrl: `${url.origin}${basePath}`,
    didWebHost: url.port ? `${url.hostname}%3A${url.port}` : url.hostname,
    basePath,
    adminToken,
    statusListSize: int(env, 'STATUS_LIST_SIZE', MIN_STATUS_LIST_SIZE, MIN_STATUS_LIST_SIZE, 1 << 26),
    statusListThreshold,
    statusCacheMaxAge: int(env, 'STATUS_CACHE_MAX_AGE', 300, 0, 86_400),
    statusListValidity: int(env, 'STATUS_LIST_VALIDITY', 86_400, 600, 31 * 86_400),
    maxBodyBytes: int(env, 'MAX_BODY_BYTES', 1_048_576, 1024, 64 * 1_048_576),
    fetchAllowHosts,
  };
}

// The shared half of both fetchers: the policy check before anything is sent, redirects, the
// overall timeout, the size cap, the cache and the error messages. A runtime supplies only a
// Transport (how one GET reaches one origin): Node's checks resolved addresses and pins them,
// Workers' is the platform fetch.
import { SkillcredError } from '../errors.js';
import type { Clock, FetchResult, Fetcher } from '../ports.js';
import { readCapped, type ByteSource } from '../util/read-capped.js';
import type { AllowedHost } from './allow-list.js';
import { fetchFailed, notFetched, TransportFailure } from './errors.js';
import { checkRedirect, checkUrl, type Target } from './policy.js';

/** One answer as a transport hands it over; nothing has been read from the body yet. */
export interface RawResponse {
  status: number;
  header(name: string): string | null;
  body: ByteSource | null;
  /** Drops the connection without reading the rest of the body. */
  discard(): void;
}

/** Sends one GET to a target the policy let through; never follows redirects itself. */
export type Transport = (target: Target, init: { headers: Record<string, string>; signal: AbortSignal }) => Promise<RawResponse>;

/** What both runtimes' fetchers take. */
export interface PolicyFetcherOptions {
  /** FETCH_ALLOW_HOSTS (config.fetchAllowHosts): hosts exempt from the public-address rule. */
  allowHosts?: readonly AllowedHost[];
  clock?: Clock;
  /** The whole fetch, redirects and body included. */
  timeoutMs?: number;
  maxBytes?: number;
  maxEntries?: number;
}

interface Entry {
  result: FetchResult;
  etag: string | null;
  freshUntil: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function maxAgeOf(cacheControl: string | null): number | 'no-store' {
  if (!cacheControl) return 0;
  const cc = cacheControl.toLowerCase();
  if (/\bno-store\b/.test(cc)) return 'no-store';
  if (/\bno-cache\b/.test(cc)) return 0;
  const m = /\b(?:s-maxage|max-age)\s*=\s*(\d+)/.exec(cc);
  return m ? Math.min(Number(m[1]), 86_400) : 0;
}

/**
 * The one way the service reaches out (other issuers' did:web documents and status lists),
 * with the outbound policy of src/fetch/policy.ts, a timeout, a size cap, and a bounded cache that
 * honours Cache-Control and revalidates with ETag. Every failure is a FETCH_FAILED error.
 */
export function createPolicyFetcher(transport: Transport, options: PolicyFetcherOptions = {}): Fetcher {
  const allow = new Set(options.allowHosts ?? []);
  const now = () => (options.clock ?? { now: () => new Date() }).now().getTime();
  const timeoutMs = options.timeoutMs ?? 5000;
  const maxBytes = options.maxBytes ?? 2 * 1024 * 1024;
  const maxEntries = options.maxEntries ?? 256;
  const cache = new Map<string, Entry>();

  const remember = (key: string, entry: Entry) => {
    cache.delete(key);
    if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
    cache.set(key, entry);
  };

  /** Sends the GET, following same-origin redirects; returns the final answer. */
  async function send(target: Target, headers: Record<string, string>, signal: AbortSignal): Promise<RawResponse> {
    for (let hops = 0; ; hops++) {
      const res = await transport(target, { headers, signal });
      if (!REDIRECTS.has(res.status)) return res;
      res.discard();
      const next = checkRedirect(target.url, res.header('location'), hops);
      if (!next.ok) throw notFetched(next.reason);
      // Same origin, so the same verdict; checked again anyway, as the next transport call is.
      const checked = checkUrl(next.url.href, allow);
      if (!checked.ok) throw notFetched(checked.reason);
      target = checked.target;
    }
  }

  async function readBody(res: RawResponse, url: URL): Promise<Uint8Array> {
    const tooLarge = (): never => {
      throw fetchFailed(url, `the answer exceeds the ${maxBytes}-byte limit`);
    };
    const declared = Number(res.header('content-length') ?? NaN);
    if (declared > maxBytes) {
      res.discard();
      tooLarge();
    }
    return res.body ? readCapped(res.body, maxBytes, tooLarge) : new Uint8Array();
  }

  return {
    async get(url, opts = {}) {
      const checked = checkUrl(url, allow);
      if (!checked.ok) throw notFetched(checked.reason);
      const { target } = checked;
      const key = target.url.href;
      const cached = cache.get(key);
      if (cached && cached.freshUntil > now()) return cached.result;
      const headers: Record<string, string> = { accept: opts.accept ?? 'application/json', 'accept-encoding': 'identity', 'user-agent': 'skillcred' };
      if (cached?.etag) headers['if-none-match'] = cached.etag;
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        const res = await send(target, headers, signal);
        const maxAge = maxAgeOf(res.header('cache-control'));
        if (res.status === 304 && cached) {
          res.discard();
          if (maxAge !== 'no-store') remember(key, { ...cached, freshUntil: now() + maxAge * 1000 });
          return cached.result;
        }
        if (res.status !== 200) {
          res.discard();
          // Never the status code: an answer must not tell the caller what is listening there.
          throw fetchFailed(target.url, 'the remote answered an error');
        }
        const result: FetchResult = { status: 200, body: await readBody(res, target.url), contentType: res.header('content-type') };
        if (maxAge !== 'no-store') remember(key, { result, etag: res.header('etag'), freshUntil: now() + maxAge * 1000 });
        return result;
      } catch (error) {
        if (signal.aborted) throw fetchFailed(target.url, `no answer within ${timeoutMs} ms`);
        if (error instanceof SkillcredError) throw error;
        if (error instanceof TransportFailure) throw fetchFailed(target.url, error.what);
        // Anything else (a socket error, a platform message) may name addresses: say only that.
        throw fetchFailed(target.url, 'the remote could not be reached');
      }
    },
  };
}

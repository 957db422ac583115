import { SkillcredError } from '../errors.js';
import type { Clock, FetchResult, Fetcher } from '../ports.js';
import { readCapped } from '../util/read-capped.js';

export interface HttpFetcherOptions {
  fetch?: typeof fetch;
  clock?: Clock;
  timeoutMs?: number;
  maxBytes?: number;
  maxEntries?: number;
}

interface Entry {
  result: FetchResult;
  etag: string | null;
  freshUntil: number;
}

function maxAgeOf(cacheControl: string | null): number | 'no-store' {
  if (!cacheControl) return 0;
  const cc = cacheControl.toLowerCase();
  if (/\bno-store\b/.test(cc)) return 'no-store';
  if (/\bno-cache\b/.test(cc)) return 0;
  const m = /\b(?:s-maxage|max-age)\s*=\s*(\d+)/.exec(cc);
  return m ? Math.min(Number(m[1]), 86_400) : 0;
}

async function readBody(res: Response, maxBytes: number, url: string): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) throw new SkillcredError('FETCH_FAILED', `GET ${url}: ${declared} bytes is over the ${maxBytes}-byte limit`);
  if (!res.body) return new Uint8Array();
  return readCapped(res.body, maxBytes, () => {
    throw new SkillcredError('FETCH_FAILED', `GET ${url}: the answer exceeds the ${maxBytes}-byte limit`);
  });
}

/**
 * The one way the service reaches out (other issuers' did:web documents and status lists):
 * https only, a timeout, a size cap, and a bounded cache that honours Cache-Control and
 * revalidates with ETag. Every failure is a FETCH_FAILED error that says what happened.
 */
export function createHttpFetcher(options: HttpFetcherOptions = {}): Fetcher {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const now = () => (options.clock ?? { now: () => new Date() }).now().getTime();
  const timeoutMs = options.timeoutMs ?? 5000;
  const maxBytes = options.maxBytes ?? 2 * 1024 * 1024;
  const maxEntries = options.maxEntries ?? 256;
  const cache = new Map<string, Entry>();

  const remember = (url: string, entry: Entry) => {
    cache.delete(url);
    if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
    cache.set(url, entry);
  };

  return {
    async get(url, opts = {}) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new SkillcredError('FETCH_FAILED', `${JSON.stringify(url)} is not a URL`);
      }
      if (parsed.protocol !== 'https:') throw new SkillcredError('FETCH_FAILED', `refusing to fetch ${url}: only https URLs are fetched`);
      const cached = cache.get(url);
      if (cached && cached.freshUntil > now()) return cached.result;
      const headers: Record<string, string> = { accept: opts.accept ?? 'application/json' };
      if (cached?.etag) headers['if-none-match'] = cached.etag;
      let res: Response;
      try {
        res = await doFetch(url, { headers, redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
      } catch (error) {
        const name = (error as Error)?.name;
        const reason = name === 'TimeoutError' || name === 'AbortError' ? `no answer within ${timeoutMs} ms` : String((error as Error)?.message ?? error);
        throw new SkillcredError('FETCH_FAILED', `GET ${url}: ${reason}`);
      }
      const maxAge = maxAgeOf(res.headers.get('cache-control'));
      if (res.status === 304 && cached) {
        if (maxAge !== 'no-store') remember(url, { ...cached, freshUntil: now() + maxAge * 1000 });
        await res.body?.cancel();
        return cached.result;
      }
      if (res.status !== 200) {
        await res.body?.cancel();
        throw new SkillcredError('FETCH_FAILED', `GET ${url}: HTTP ${res.status}`);
      }
      const result: FetchResult = { status: 200, body: await readBody(res, maxBytes, url), contentType: res.headers.get('content-type') };
      if (maxAge !== 'no-store') remember(url, { result, etag: res.headers.get('etag'), freshUntil: now() + maxAge * 1000 });
      return result;
    },
  };
}

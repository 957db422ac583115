// The Workers fetcher: the shared policy fetcher over the platform fetch. Workers cannot resolve
// names, so the URL-level policy (https, no credentials, no private or special IP literals, no
// local names, FETCH_ALLOW_HOSTS) is what is checked here; Cloudflare's egress does not reach
// the Worker's own or any private network. Redirects come back unfollowed ('manual') and are
// judged by the same rule as on Node.
import type { Fetcher } from '../../ports.js';
import { createPolicyFetcher, type PolicyFetcherOptions, type Transport } from '../../fetch/fetcher.js';

export interface WorkersFetcherOptions extends PolicyFetcherOptions {
  /** The platform fetch (tests pass a stand-in). */
  fetch?: typeof fetch;
}

function workersTransport(doFetch: typeof fetch): Transport {
  return async (target, { headers, signal }) => {
    const res = await doFetch(target.url.href, { headers, redirect: 'manual', signal });
    return {
      status: res.status,
      header: (name) => res.headers.get(name),
      body: res.body,
      discard: () => {
        res.body?.cancel().catch(() => {});
      },
    };
  };
}

/** The Workers fetcher: the one outbound policy over the platform fetch. */
export function createWorkersFetcher(options: WorkersFetcherOptions = {}): Fetcher {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  return createPolicyFetcher(workersTransport(doFetch), options);
}

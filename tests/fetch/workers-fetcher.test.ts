import { describe, expect, it } from 'vitest';
import { createWorkersFetcher } from '../../src/runtime/workers/fetcher.js';

// The Workers fetcher over a stand-in platform fetch that records every call: the policy must
// decide before the platform is asked, and redirects must come back to us unfollowed.
function platform(answer: (url: string) => Response = () => Response.json({ ok: true })) {
  const calls: { url: string; redirect: RequestRedirect | undefined }[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), redirect: init?.redirect });
    return answer(String(input));
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

describe('the Workers fetcher: the same policy without DNS', () => {
  it('refuses loopback, private and local hosts in every spelling without calling fetch', async () => {
    const p = platform();
    const f = createWorkersFetcher({ fetch: p.fetch });
    for (const url of [
      'https://127.0.0.1/x',
      'https://127.1/x',
      'https://2130706433/x',
      'https://0x7f.1/x',
      'https://[::1]/x',
      'https://[::ffff:127.0.0.1]/x',
      'https://10.0.0.1/x',
      'https://169.254.169.254/latest/meta-data',
      'https://localhost/x',
      'https://db.internal/x',
      'https://intranet/x',
      'http://example.com/x',
    ]) {
      await expect(f.get(url), url).rejects.toThrow(/^not fetched: /);
    }
    expect(p.calls).toEqual([]);
  });

  it('fetches a public host with redirect "manual", and an allow-listed one', async () => {
    const p = platform();
    const f = createWorkersFetcher({ fetch: p.fetch, allowHosts: ['10.1.2.3:8443'] });
    expect((await f.get('https://issuer.example/did.json')).status).toBe(200);
    expect((await f.get('https://10.1.2.3:8443/list')).status).toBe(200);
    expect(p.calls).toEqual([
      { url: 'https://issuer.example/did.json', redirect: 'manual' },
      { url: 'https://10.1.2.3:8443/list', redirect: 'manual' },
    ]);
  });

  it('follows same-origin redirects only, and never names where a refused one pointed', async () => {
    const p = platform((url) => {
      if (url.endsWith('/moved')) return new Response(null, { status: 301, headers: { location: '/here' } });
      if (url.endsWith('/away')) return new Response(null, { status: 302, headers: { location: 'https://10.0.0.9:8080/admin' } });
      if (url.endsWith('/down')) return new Response(null, { status: 307, headers: { location: 'http://issuer.example/here' } });
      return Response.json({ ok: true });
    });
    const f = createWorkersFetcher({ fetch: p.fetch });
    expect((await f.get('https://issuer.example/moved')).status).toBe(200);
    for (const path of ['/away', '/down']) {
      const error = await f.get(`https://issuer.example${path}`).catch((e: Error) => e);
      expect((error as Error).message).toBe('not fetched: the remote redirected to another origin (only same-origin https redirects are followed)');
    }
    expect(p.calls.map((c) => c.url)).toEqual([
      'https://issuer.example/moved',
      'https://issuer.example/here',
      'https://issuer.example/away',
      'https://issuer.example/down',
    ]);
  });

  it('an error answer is "the remote answered an error", a large one is cut off', async () => {
    const p = platform((url) => (url.endsWith('/big') ? new Response(new Uint8Array(100_000)) : new Response('internal secret', { status: 503 })));
    const f = createWorkersFetcher({ fetch: p.fetch, maxBytes: 10_000 });
    await expect(f.get('https://issuer.example/x')).rejects.toThrow(/^GET https:\/\/issuer\.example\/x: the remote answered an error$/);
    await expect(f.get('https://issuer.example/big')).rejects.toThrow(/exceeds the 10000-byte limit/);
  });

  it('a platform error is reported without its message', async () => {
    const f = createWorkersFetcher({
      fetch: (async () => {
        throw new TypeError('connect ECONNREFUSED 10.0.0.5:443');
      }) as typeof fetch,
    });
    await expect(f.get('https://issuer.example/x')).rejects.toThrow(/^GET https:\/\/issuer\.example\/x: the remote could not be reached$/);
  });
});

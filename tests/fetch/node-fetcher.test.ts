import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SkillcredError } from '../../src/errors.js';
import { createNodeFetcher, type NodeFetcherOptions, type Resolver } from '../../src/runtime/node/https-fetcher.js';
import { resolverFor as table, startPeer, type Peer } from './peer.js';
import { testTls } from './tls.js';

// Real local HTTPS peers with a self-signed certificate. Every refusal is checked at the peer:
// it must not even see a TCP connection. Each refused case has a twin that does reach the same
// peer (allow-listed), so a refusal is the policy's doing, not an unreachable peer.
let peer: Peer;
let other: Peer;
let plain: Server;
let plainHits = 0;
let plainPort = 0;

const fetcher = (opts: NodeFetcherOptions = {}) => createNodeFetcher({ ca: testTls().cert, timeoutMs: 2000, connectTimeoutMs: 500, ...opts });

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SkillcredError);
  expect((error as SkillcredError).code).toBe('FETCH_FAILED');
  return (error as SkillcredError).message;
}

beforeAll(async () => {
  peer = await startPeer();
  other = await startPeer();
  plain = createHttpServer((_req, res) => {
    plainHits++;
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"leaked":true}');
  });
  await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
  plainPort = (plain.address() as AddressInfo).port;
});
afterAll(async () => {
  await peer.close();
  await other.close();
  plain.closeAllConnections();
  await new Promise((r) => plain.close(r));
});
beforeEach(() => {
  peer.reset();
  other.reset();
  plainHits = 0;
  peer.json('/ok', { ok: true });
});

describe('loopback and numeric forms are refused before any connection', () => {
  const forms = (port: number) =>
    [
      [`https://127.0.0.1:${port}/ok`, /not fetched: 127\.0\.0\.1 is a loopback address/],
      [`https://localhost:${port}/ok`, /not fetched: localhost is a local or special-use name/],
      [`https://127.1:${port}/ok`, /not fetched: 127\.0\.0\.1 is a loopback address/],
      [`https://2130706433:${port}/ok`, /not fetched: 127\.0\.0\.1 is a loopback address/],
      [`https://0x7f.1:${port}/ok`, /not fetched: 127\.0\.0\.1 is a loopback address/],
      [`https://0177.0.0.1:${port}/ok`, /not fetched: 127\.0\.0\.1 is a loopback address/],
      [`https://[::1]:${port}/ok`, /not fetched: ::1 is a loopback address/],
      [`https://[::ffff:127.0.0.1]:${port}/ok`, /not fetched: ::ffff:7f00:1 is a form of 127\.0\.0\.1, a loopback address/],
      [`https://[0:0:0:0:0:ffff:7f00:1]:${port}/ok`, /not fetched: ::ffff:7f00:1 is a form of 127\.0\.0\.1, a loopback address/],
      [`https://[::127.0.0.1]:${port}/ok`, /not fetched: ::7f00:1 is not a global unicast address/],
      [`https://[64:ff9b::127.0.0.1]:${port}/ok`, /not fetched: 64:ff9b::7f00:1 is a form of 127\.0\.0\.1, a loopback address/],
      [`https://[2002:7f00:1::]:${port}/ok`, /not fetched: 2002:7f00:1:: is a form of 127\.0\.0\.1, a loopback address/],
      [`https://[fe80::1]:${port}/ok`, /not fetched: fe80::1 is a link-local address/],
      [`https://sub.localhost:${port}/ok`, /not fetched: sub\.localhost is a local or special-use name/],
    ] as const;

  it('each form: refused, the peer sees no connection', async () => {
    const f = fetcher();
    for (const [url, reason] of forms(peer.port)) {
      expect(await refusal(f.get(url)), url).toMatch(reason);
    }
    expect([peer.connections, peer.requests]).toEqual([0, 0]);
  });

  it('the same URLs reach the same peer when the host is named in FETCH_ALLOW_HOSTS', async () => {
    const allowHosts = ['127.0.0.1', 'localhost', '[::1]'].map((h) => `${h}:${peer.port}`);
    const f = fetcher({ allowHosts });
    const hosts = ['127.0.0.1', '127.1', '2130706433', 'localhost', ...(peer.v6 ? ['[::1]'] : [])];
    for (const host of hosts) {
      const res = await f.get(`https://${host}:${peer.port}/ok`);
      expect(JSON.parse(new TextDecoder().decode(res.body))).toEqual({ ok: true });
    }
    expect(peer.requests).toBe(hosts.length);
  });

  it('an allow-list entry opens one port only, and never plain http', async () => {
    const f = fetcher({ allowHosts: [`127.0.0.1:${peer.port + 1}`, `127.0.0.1:${plainPort}`] });
    expect(await refusal(f.get(`https://127.0.0.1:${peer.port}/ok`))).toMatch(/loopback/);
    expect(await refusal(f.get(`http://127.0.0.1:${plainPort}/ok`))).toMatch(/not fetched: only https URLs are fetched/);
    expect([peer.connections, plainHits]).toEqual([0, 0]);
  });
});

describe('names are judged by every address they resolve to', () => {
  it('a name resolving to a private or loopback address is refused; the peer sees nothing', async () => {
    for (const addresses of [
      ['10.0.0.7'],
      ['192.168.1.20'],
      ['172.16.5.5'],
      ['169.254.169.254'],
      ['100.64.0.1'],
      ['fd00::1'],
      ['127.0.0.1'],
      ['::1'],
      ['::ffff:127.0.0.1'],
      ['93.184.216.34', '127.0.0.1'],
    ]) {
      const resolve = table({ 'peer.example': addresses });
      const message = await refusal(fetcher({ resolve }).get(`https://peer.example:${peer.port}/ok`));
      expect(message).toBe('not fetched: peer.example does not resolve to public addresses only');
      // No address in the answer: it would map internal DNS for whoever asks.
      for (const a of addresses) expect(message).not.toContain(a);
    }
    expect([peer.connections, peer.requests]).toEqual([0, 0]);
  });

  it('a name that does not resolve reads exactly like one that resolves inside', async () => {
    const message = await refusal(fetcher({ resolve: table({}) }).get(`https://db.corp-inside.example:${peer.port}/ok`));
    expect(message).toBe('not fetched: db.corp-inside.example does not resolve to public addresses only');
  });

  it('an allow-listed name resolving to the peer is fetched, over TLS checked against that name', async () => {
    const resolve = table({ 'intranet.example': ['127.0.0.1'] });
    const res = await fetcher({ resolve, allowHosts: [`intranet.example:${peer.port}`] }).get(`https://intranet.example:${peer.port}/ok`);
    expect(res.status).toBe(200);
    expect(peer.sni).toEqual(['intranet.example']);
  });

  it('a certificate that does not name the host, or is not trusted, is refused', async () => {
    const resolve = table({ 'wrong-name.example': ['127.0.0.1'], 'intranet.example': ['127.0.0.1'] });
    const allowHosts = [`wrong-name.example:${peer.port}`, `intranet.example:${peer.port}`];
    expect(await refusal(fetcher({ resolve, allowHosts }).get(`https://wrong-name.example:${peer.port}/ok`))).toMatch(/its TLS certificate was not accepted$/);
    expect(await refusal(createNodeFetcher({ resolve, allowHosts }).get(`https://intranet.example:${peer.port}/ok`))).toMatch(
      /its TLS certificate was not accepted$/,
    );
    expect(peer.requests).toBe(0);
  });

  it('DNS rebinding: the connection goes to the checked address, never to a later answer', async () => {
    // Public on the first question, loopback (the peer) on every later one.
    let n = 0;
    const rebinding: Resolver = async () => [{ address: n++ === 0 ? '93.184.216.34' : '127.0.0.1', family: 4 }];
    const message = await refusal(fetcher({ resolve: rebinding, connectTimeoutMs: 300 }).get(`https://public.example:${peer.port}/ok`));
    expect(message).toMatch(/^GET https:\/\/public\.example:\d+\/ok: (could not connect|no answer)/);
    expect(n).toBe(1); // asked once: the socket's lookup answered from the pin
    expect([peer.connections, peer.requests]).toEqual([0, 0]);
  });

  it('the pin holds for an allow-listed name too: one question, one address', async () => {
    let n = 0;
    const flipping: Resolver = async () => [{ address: n++ === 0 ? '127.0.0.1' : '10.9.9.9', family: 4 }];
    await fetcher({ resolve: flipping, allowHosts: [`intranet.example:${peer.port}`] }).get(`https://intranet.example:${peer.port}/ok`);
    expect([n, peer.requests]).toEqual([1, 1]);
  });
});

describe('redirects', () => {
  const resolve = () => table({ 'peer.example': ['127.0.0.1'], 'other.example': ['127.0.0.1'] });
  const allowed = () => [`peer.example:${peer.port}`, `other.example:${other.port}`];
  const redirect = (path: string, location: string) =>
    peer.route(path, (_req, res) => {
      res.writeHead(302, { location }).end();
    });

  it('to plain http, to another host, to an internal address: refused; the target sees nothing', async () => {
    redirect('/to-http', `http://127.0.0.1:${plainPort}/ok`);
    redirect('/to-other', `https://other.example:${other.port}/ok`);
    redirect('/to-loopback', `https://127.0.0.1:${other.port}/ok`);
    redirect('/to-internal-name', `https://admin.secret-inside.corp/ok`);
    other.json('/ok', { other: true });
    const f = fetcher({ resolve: resolve(), allowHosts: allowed() });
    for (const path of ['/to-http', '/to-other', '/to-loopback', '/to-internal-name']) {
      const message = await refusal(f.get(`https://peer.example:${peer.port}${path}`));
      expect(message).toBe('not fetched: the remote redirected to another origin (only same-origin https redirects are followed)');
    }
    expect([other.connections, plainHits]).toEqual([0, 0]);
    // The target is reachable and allow-listed: it is the redirect rule that refused.
    expect((await f.get(`https://other.example:${other.port}/ok`)).status).toBe(200);
  });

  it('same-origin https redirects are followed, at most 3', async () => {
    redirect('/a', '/b');
    redirect('/b', `https://peer.example:${peer.port}/ok`);
    const f = fetcher({ resolve: resolve(), allowHosts: allowed() });
    expect(JSON.parse(new TextDecoder().decode((await f.get(`https://peer.example:${peer.port}/a`)).body))).toEqual({ ok: true });
    for (const [from, to] of [
      ['/l1', '/l2'],
      ['/l2', '/l3'],
      ['/l3', '/l4'],
      ['/l4', '/ok'],
    ])
      redirect(from!, to!);
    peer.reset();
    expect(await refusal(f.get(`https://peer.example:${peer.port}/l1`))).toBe('not fetched: the remote redirected more than 3 times');
    expect(peer.hits.get('/ok')).toBeUndefined();
    expect(peer.hits.get('/l4')).toBe(1);
  });
});

describe('answers are never echoed', () => {
  it('no status code, body or header of an error answer reaches the message', async () => {
    const f = fetcher({ allowHosts: [`127.0.0.1:${peer.port}`] });
    for (const status of [401, 403, 404, 418, 500, 502, 503]) {
      peer.route('/err', (_req, res) => {
        res.writeHead(status, { 'content-type': 'text/plain', 'x-internal': 'db01.secret' }).end(`internal secret ${status}`);
      });
      const message = await refusal(f.get(`https://127.0.0.1:${peer.port}/err`));
      expect(message).toBe(`GET https://127.0.0.1:${peer.port}/err: the remote answered an error`);
    }
    const missing = await refusal(f.get(`https://127.0.0.1:${peer.port}/missing`));
    expect(missing).not.toMatch(/404|secret/);
  });

  it('a port that speaks no TLS reads as a failed handshake, without the system error', async () => {
    const message = await refusal(fetcher({ allowHosts: [`127.0.0.1:${plainPort}`] }).get(`https://127.0.0.1:${plainPort}/ok`));
    expect(message).toBe(`GET https://127.0.0.1:${plainPort}/ok: the TLS handshake failed`);
  });

  it('a closed port reads as "could not connect", without the address or the system error', async () => {
    const resolve = table({ 'intranet.example': ['127.0.0.1'] });
    const message = await refusal(fetcher({ resolve, allowHosts: ['intranet.example:1'] }).get('https://intranet.example:1/ok'));
    expect(message).toBe('GET https://intranet.example:1/ok: could not connect');
  });
});

describe('the cache', () => {
  it('keeps what Cache-Control allows, revalidates with the ETag, and honours no-store', async () => {
    const seen: (string | undefined)[] = [];
    let body = '{"v":1}';
    peer.route('/etag', (req, res) => {
      seen.push(req.headers['if-none-match'] as string | undefined);
      if (req.headers['if-none-match'] === '"e1"') res.writeHead(304, { etag: '"e1"', 'cache-control': 'max-age=0' }).end();
      else res.writeHead(200, { 'content-type': 'application/json', etag: '"e1"', 'cache-control': 'max-age=0' }).end(body);
    });
    peer.json('/fresh', { fresh: true }, { 'cache-control': 'max-age=600' });
    peer.json('/nostore', { n: 1 }, { 'cache-control': 'no-store', etag: '"n"' });
    const f = fetcher({ allowHosts: [`127.0.0.1:${peer.port}`] });
    const url = `https://127.0.0.1:${peer.port}`;
    const first = await f.get(`${url}/etag`);
    body = '{"v":2}'; // not served: the 304 says the cached copy stands
    const second = await f.get(`${url}/etag`);
    expect(second).toBe(first);
    expect(seen).toEqual([undefined, '"e1"']);
    await f.get(`${url}/fresh`);
    await f.get(`${url}/fresh`);
    await f.get(`${url}/nostore`);
    await f.get(`${url}/nostore`);
    expect([peer.hits.get('/fresh'), peer.hits.get('/nostore')]).toEqual([1, 2]);
  });
});

describe('caps', () => {
  it('an answer over the size cap is cut off while reading', async () => {
    let written = 0;
    peer.route('/big', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (written < 64 * 1024 * 1024 && res.write(chunk)) written += chunk.length;
        if (written < 64 * 1024 * 1024) res.once('drain', pump);
        else res.end();
      };
      pump();
      res.on('close', () => res.removeAllListeners('drain'));
    });
    const f = fetcher({ allowHosts: [`127.0.0.1:${peer.port}`], maxBytes: 256 * 1024 });
    expect(await refusal(f.get(`https://127.0.0.1:${peer.port}/big`))).toMatch(/the answer exceeds the 262144-byte limit/);
    expect(written).toBeLessThan(16 * 1024 * 1024);
    peer.json('/declared', 'x'.repeat(300 * 1024));
    expect(await refusal(f.get(`https://127.0.0.1:${peer.port}/declared`))).toMatch(/exceeds the 262144-byte limit/);
  });

  it('a peer that never answers is given up after the timeout', async () => {
    peer.route('/hang', () => {});
    const started = Date.now();
    const f = fetcher({ allowHosts: [`127.0.0.1:${peer.port}`], timeoutMs: 300 });
    expect(await refusal(f.get(`https://127.0.0.1:${peer.port}/hang`))).toBe(`GET https://127.0.0.1:${peer.port}/hang: no answer within 300 ms`);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

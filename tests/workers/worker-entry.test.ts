// The Worker entry itself: configuration failures answer a problem (and are retried), unrouted
// GETs fall through to the static assets binding, and the app never sees the env.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker, { type WorkerEnv } from '../../src/worker.js';

const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as Parameters<typeof worker.fetch>[2];
const get = (path: string, e: WorkerEnv, method = 'GET') => worker.fetch(new Request(`https://certs.example.cn${path}`, { method }), e, ctx);

describe('the Worker entry', () => {
  it('answers a 500 CONFIG problem when SERVICE_KEY_REF or ISSUER_KEYS is unusable, and starts once fixed', async () => {
    const noRef = { ...env, SERVICE_KEY_REF: undefined } as unknown as WorkerEnv;
    const res = await get('/health', noRef);
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ code: 'CONFIG', detail: expect.stringMatching(/SERVICE_KEY_REF/) });
    const badKeys = { ...env, ISSUER_KEYS: '{"service-1": "nope"}' } as unknown as WorkerEnv;
    expect(await (await get('/health', badKeys)).json()).toMatchObject({ code: 'CONFIG', detail: expect.stringMatching(/ISSUER_KEYS: "service-1"/) });
    const unknownRef = { ...env, SERVICE_KEY_REF: 'not-there' } as unknown as WorkerEnv;
    expect(await (await get('/health', unknownRef)).json()).toMatchObject({
      status: 500,
      code: 'CONFIG',
      detail: expect.stringMatching(/SERVICE_KEY_REF: keyRef "not-there": no private key/),
    });
    const badUrl = { ...env, PUBLIC_URL: 'ftp://x' } as unknown as WorkerEnv;
    expect(await (await get('/health', badUrl)).json()).toMatchObject({ code: 'CONFIG', detail: expect.stringMatching(/PUBLIC_URL/) });
    expect((await get('/health', env as unknown as WorkerEnv)).status).toBe(200);
  });

  it('serves the verify page at /v and /V from public/verify.html, with its headers', async () => {
    const asked: string[] = [];
    const assets = {
      async fetch(request: Request) {
        asked.push(`${request.method} ${new URL(request.url).pathname}`);
        return new Response('<!doctype html><title>verify</title>', { headers: { 'content-type': 'text/html', etag: '"p1"' } });
      },
    };
    const e = { ...env, ASSETS: assets } as unknown as WorkerEnv;
    for (const path of ['/v', '/V']) {
      const res = await get(path, e);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('<!doctype html><title>verify</title>');
      expect(res.headers.get('etag')).toBe('"p1"');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('permissions-policy')).toBe('camera=(self), microphone=()');
    }
    expect((await get('/v', e, 'HEAD')).status).toBe(200);
    expect(asked).toEqual(['GET /verify.html', 'GET /verify.html', 'HEAD /verify.html']);
    // Not built: the app's own 404 problem, not the assets' page.
    const none = { ...env, ASSETS: { fetch: async () => new Response('nope', { status: 404 }) } } as unknown as WorkerEnv;
    const missing = await get('/v', none);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('serves public/ through the assets binding for GETs the app does not route, and only those', async () => {
    const asked: string[] = [];
    const assets = {
      async fetch(request: Request) {
        asked.push(new URL(request.url).pathname);
        return new URL(request.url).pathname === '/verify.html'
          ? new Response('<!doctype html>verify', { headers: { 'content-type': 'text/html' } })
          : new Response('not found', { status: 404 });
      },
    };
    const e = { ...env, ASSETS: assets } as unknown as WorkerEnv;
    const page = await get('/verify.html', e);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('<!doctype html>verify');
    const missing = await get('/nothing-here', e);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await get('/verify.html', e, 'POST')).status).toBe(404); // never an asset for a POST
    expect((await get('/health', e)).status).toBe(200); // routed: the assets are not asked
    expect(asked).toEqual(['/verify.html', '/nothing-here']);
  });
});

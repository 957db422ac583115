import { Hono } from 'hono';
import type { AppEnv } from './env.js';
import { json, notModified } from './http.js';

/** What anyone may read: DID documents, our JSON-LD context and the signed trust list. */
export function publicRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/health', (c) => c.json({ status: 'ok' }));

  app.get('/issuers/:slug/did.json', async (c) => {
    c.header('cache-control', 'public, max-age=300');
    return json(c, await c.var.services.issuers.didDocument(c.req.param('slug')), 200, 'application/did+json');
  });

  app.get('/.well-known/did.json', async (c) => {
    c.header('cache-control', 'public, max-age=300');
    return json(c, await c.var.services.issuers.serviceDidDocument(), 200, 'application/did+json');
  });

  app.get('/skillcred/v1', (c) => {
    c.header('cache-control', 'public, max-age=86400, immutable');
    c.header('access-control-allow-origin', '*');
    return json(c, c.var.services.about.context(), 200, 'application/ld+json');
  });

  app.get('/trust-list', async (c) => {
    const list = await c.var.services.trust.published();
    const headers = {
      etag: list.etag,
      'cache-control': `public, max-age=${list.maxAge}`,
      'access-control-allow-origin': '*',
      'access-control-expose-headers': 'ETag',
    };
    if (notModified(c, list.etag)) return c.body(null, 304, headers);
    return c.body(list.json, 200, { ...headers, 'content-type': 'application/vc' });
  });

  return app;
}

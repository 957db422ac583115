import { Hono } from 'hono';
import type { AppEnv } from './env.js';
import { cacheFor, json, negotiate, notModified } from './http.js';

/** What anyone may read: DID documents, our JSON-LD context and the signed trust list. */
export function publicRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/health', (c) => c.json({ status: 'ok' }));

  const DID_TYPES = ['application/did+json', 'application/did+ld+json', 'application/ld+json', 'application/json'] as const;

  app.get('/issuers/:slug/did.json', async (c) => {
    const type = negotiate(c, DID_TYPES);
    c.header('cache-control', 'public, max-age=300');
    c.header('access-control-allow-origin', '*');
    return json(c, await c.var.services.issuers.didDocument(c.req.param('slug')), 200, type);
  });

  app.get('/.well-known/did.json', async (c) => {
    const type = negotiate(c, DID_TYPES);
    c.header('cache-control', 'public, max-age=300');
    c.header('access-control-allow-origin', '*');
    return json(c, await c.var.services.issuers.serviceDidDocument(), 200, type);
  });

  app.get('/skillcred/v1', (c) => {
    const type = negotiate(c, ['application/ld+json', 'application/json']);
    c.header('cache-control', 'public, max-age=86400, immutable');
    c.header('access-control-allow-origin', '*');
    // Exactly the bytes whose digest certificates carry (relatedResource): never re-serialized.
    return c.body(c.var.services.about.contextBytes(), 200, { 'content-type': type });
  });

  app.get('/trust-list', async (c) => {
    const list = await c.var.services.trust.published();
    const type = negotiate(c, ['application/vc', 'application/ld+json', 'application/json']);
    const headers = { etag: list.etag, ...cacheFor(list.maxAge, list.servedAt) };
    if (notModified(c, list.etag)) return c.body(null, 304, headers);
    return c.body(list.json, 200, { ...headers, 'content-type': type });
  });

  return app;
}

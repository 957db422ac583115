import { Hono } from 'hono';
import { didDocument, serviceDid } from '../credentials/did.js';
import { SkillcredError } from '../errors.js';
import type { AppEnv } from './env.js';
import { json } from './http.js';

/** DID documents: each hosted issuer's did:web document, and the service's own. */
export function didRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/issuers/:slug/did.json', async (c) => {
    const { store } = c.var.services.ports;
    const issuer = await store.getIssuer({ slug: c.req.param('slug') });
    if (!issuer || issuer.didMethod !== 'web') throw new SkillcredError('NOT_FOUND', `no did:web issuer ${c.req.param('slug')}`);
    c.header('cache-control', 'public, max-age=300');
    return json(c, didDocument(issuer.did, await store.listIssuerKeys(issuer.id)), 200, 'application/did+json');
  });

  app.get('/.well-known/did.json', async (c) => {
    const { config } = c.var.services.ports;
    const keys = await c.var.services.serviceKeys();
    c.header('cache-control', 'public, max-age=300');
    return json(c, didDocument(serviceDid(config), keys), 200, 'application/did+json');
  });

  return app;
}

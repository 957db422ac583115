import { Hono } from 'hono';
import { bundledContexts, SKILLCRED_CONTEXT_V1 } from '../credentials/contexts.js';
import type { AppEnv } from './env.js';
import { json } from './http.js';

/** Serves our JSON-LD context at the path of its stable URL (https://w3id.org/skillcred/v1 → /skillcred/v1). */
export function contextRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get(new URL(SKILLCRED_CONTEXT_V1).pathname, (c) => {
    c.header('cache-control', 'public, max-age=86400, immutable');
    c.header('access-control-allow-origin', '*');
    return json(c, bundledContexts.get(SKILLCRED_CONTEXT_V1), 200, 'application/ld+json');
  });
  return app;
}

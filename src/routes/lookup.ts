import { Hono } from 'hono';
import { preferredLanguage } from '../domain/localized.js';
import { checkBody } from '../schemas/check.js';
import { validateLookupRequest } from '../schemas/validators.js';
import { limitAnonymous } from './auth.js';
import type { AppEnv } from './env.js';
import { json, jsonBody } from './http.js';

/**
 * Look-up by the certificate number and holder name printed on a certificate (no key): 200 with
 * the verification result a scan of it gives, else one 404 for every kind of no match.
 */
export function lookupRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  // A verdict about a holder's certificate, or the lack of one: for the asker only, never for a
  // shared cache. Set on every answer (the 404, 422 and 429 problems too, which onError builds).
  app.use('/v1/lookup', async (c, next) => {
    await next();
    c.res.headers.set('cache-control', 'no-store');
  });

  app.post('/v1/lookup', limitAnonymous(), async (c) => {
    const body = checkBody(validateLookupRequest, await jsonBody(c, 'anonymous'));
    const lang = preferredLanguage(c.req.header('accept-language'));
    const answer = await c.var.services.lookup.lookup(body, lang, c.var.clientAddress);
    c.header('content-language', answer.language);
    c.header('vary', 'Accept-Language');
    return json(c, answer);
  });

  return app;
}

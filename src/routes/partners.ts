import { Hono } from 'hono';
import { checkBody } from '../schemas/check.js';
import { validateBatchVerifyRequest, validateRecognitionRequest } from '../schemas/validators.js';
import { preferredLanguage } from '../domain/localized.js';
import { authenticate } from './auth.js';
import type { AppEnv } from './env.js';
import { json, jsonBody } from './http.js';

/** Partner API: batch verification and recognition statements. */
export function partnerRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/v1/verify/batch', authenticate(), async (c) => {
    const body = checkBody(validateBatchVerifyRequest, await jsonBody(c, 'batch'));
    return json(c, await c.var.services.partners.verifyBatch(c.var.principal, body.items, preferredLanguage(c.req.header('accept-language'))));
  });

  app.post('/v1/recognitions', authenticate(), async (c) => {
    const body = checkBody(validateRecognitionRequest, await jsonBody(c));
    return json(c, await c.var.services.partners.recognise(c.var.principal, body), 201);
  });

  app.get('/v1/recognitions', async (c) => json(c, await c.var.services.partners.statements()));

  return app;
}

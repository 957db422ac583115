import { Hono } from 'hono';
import { malformed } from '../errors.js';
import { checkBody } from '../schemas/check.js';
import {
  validateAccreditationRequest,
  validateCompromiseRequest,
  validateExitRequest,
  validateIssuerRequest,
  validateKeyRotationRequest,
  validatePartnerRequest,
  validatePepperRotationRequest,
} from '../schemas/validators.js';
import { authenticate } from './auth.js';
import type { AppEnv } from './env.js';
import { json, jsonBody, optionalJsonBody } from './http.js';

/** The admin API (bearer ADMIN_TOKEN): issuers, API keys, keys, the trust registry, partners. */
export function adminRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/admin/*', authenticate());
  const s = (c: { var: AppEnv['Variables'] }) => c.var.services;

  app.post('/admin/issuers', async (c) => {
    const body = checkBody(validateIssuerRequest, await jsonBody(c));
    const { location, ...out } = await s(c).issuers.create(c.var.principal, body);
    c.header('location', location);
    return json(c, out, 201);
  });
  app.get('/admin/issuers', async (c) => json(c, await s(c).issuers.list(c.var.principal)));
  app.get('/admin/issuers/:slug', async (c) => json(c, await s(c).issuers.show(c.var.principal, c.req.param('slug'))));

  app.post('/admin/issuers/:slug/api-keys', async (c) => {
    const body = (await optionalJsonBody(c)) as { label?: unknown } | null | undefined;
    const label = body !== null && typeof body === 'object' ? body.label : undefined;
    if (label !== undefined && (typeof label !== 'string' || label.length > 80)) throw malformed('/label', 'field.label');
    return json(c, await s(c).issuers.addApiKey(c.var.principal, c.req.param('slug'), label), 201);
  });
  app.delete('/admin/api-keys/:id', async (c) => {
    await s(c).issuers.revokeApiKey(c.var.principal, c.req.param('id'));
    return c.body(null, 204);
  });

  app.post('/admin/issuers/:slug/keys/rotate', async (c) => {
    // The body is optional: {keyRef} adopts a provisioned key where keys cannot be generated.
    const raw = await optionalJsonBody(c);
    const body = raw === undefined ? {} : checkBody(validateKeyRotationRequest, raw);
    return json(c, await s(c).issuers.rotateKey(c.var.principal, c.req.param('slug'), body.keyRef ? { keyRef: body.keyRef } : {}), 201);
  });
  app.post('/admin/issuers/:slug/keys/compromise', async (c) => {
    const body = checkBody(validateCompromiseRequest, await jsonBody(c));
    return json(c, await s(c).trust.compromise(c.var.principal, c.req.param('slug'), body));
  });

  app.post('/admin/issuers/:slug/accreditations', async (c) => {
    const body = checkBody(validateAccreditationRequest, await jsonBody(c));
    return json(c, await s(c).trust.accredit(c.var.principal, c.req.param('slug'), body), 201);
  });
  app.get('/admin/issuers/:slug/accreditations', async (c) => json(c, await s(c).trust.registry(c.var.principal, c.req.param('slug'))));
  app.post('/admin/issuers/:slug/exit', async (c) => {
    const body = checkBody(validateExitRequest, await jsonBody(c));
    return json(c, await s(c).trust.exit(c.var.principal, c.req.param('slug'), body), 201);
  });

  app.post('/admin/issuers/:slug/peppers/rotate', async (c) => {
    const raw = await optionalJsonBody(c);
    const body = raw === undefined ? {} : checkBody(validatePepperRotationRequest, raw);
    return json(c, await s(c).holder.rotatePepper(c.var.principal, c.req.param('slug'), body.pepperRef ? { pepperRef: body.pepperRef } : {}), 201);
  });
  app.get('/admin/issuers/:slug/holder-bindings/legacy', async (c) => json(c, await s(c).holder.legacy(c.var.principal, c.req.param('slug'))));

  app.post('/admin/partners', async (c) => {
    const body = checkBody(validatePartnerRequest, await jsonBody(c));
    return json(c, await s(c).partners.create(c.var.principal, body), 201);
  });
  app.get('/admin/partners', async (c) => json(c, await s(c).partners.list(c.var.principal)));

  return app;
}

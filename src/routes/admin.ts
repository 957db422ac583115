import { Hono } from 'hono';
import { SkillcredError } from '../errors.js';
import { checkBody } from '../schemas/check.js';
import { validateIssuerRequest, validateKeyRotationRequest } from '../schemas/validators.js';
import type { CreateIssuerInput } from '../services/issuers.js';
import type { IssuerKeyRecord, IssuerRecord } from '../domain/issuer.js';
import { requireAuth } from './auth.js';
import type { AppEnv } from './env.js';
import { json, jsonBody } from './http.js';

/** An issuer as the admin API shows it. */
export function issuerView(issuer: IssuerRecord, publicUrl: string) {
  return {
    slug: issuer.slug,
    did: issuer.did,
    didMethod: issuer.didMethod,
    names: issuer.names,
    orgKind: issuer.orgKind,
    filingCode: issuer.filingCode,
    suspensionByDefault: issuer.suspensionByDefault,
    createdAt: issuer.createdAt,
    didDocument: issuer.didMethod === 'web' ? `${publicUrl}/issuers/${issuer.slug}/did.json` : null,
  };
}

function keyView(k: IssuerKeyRecord) {
  return {
    id: k.id,
    publicKeyMultibase: k.publicKeyMultibase,
    createdAt: k.createdAt,
    retiredAt: k.retiredAt,
    compromisedAt: k.compromisedAt,
  };
}

/** The admin API (bearer ADMIN_TOKEN): issuers, API keys, key rotation. */
export function adminRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', requireAuth('admin'));

  app.post('/issuers', async (c) => {
    const body = checkBody<CreateIssuerInput>(validateIssuerRequest, await jsonBody(c));
    const { issuer, apiKey } = await c.var.services.issuers.create(body);
    const publicUrl = c.var.services.ports.config.publicUrl;
    c.header('location', `${publicUrl}/admin/issuers/${issuer.slug}`);
    return json(c, { issuer: issuerView(issuer, publicUrl), apiKey }, 201);
  });

  app.get('/issuers', async (c) => {
    const publicUrl = c.var.services.ports.config.publicUrl;
    const issuers = await c.var.services.ports.store.listIssuers();
    return json(c, { issuers: issuers.map((i) => issuerView(i, publicUrl)) });
  });

  app.get('/issuers/:slug', async (c) => {
    const issuer = await c.var.services.issuers.get(c.req.param('slug'));
    const keys = await c.var.services.ports.store.listIssuerKeys(issuer.id);
    return json(c, { issuer: issuerView(issuer, c.var.services.ports.config.publicUrl), keys: keys.map(keyView) });
  });

  app.post('/issuers/:slug/api-keys', async (c) => {
    let label: string | undefined;
    if (c.req.header('content-type')) {
      const body = (await jsonBody(c)) as { label?: unknown } | null;
      if (body !== null && typeof body === 'object' && body.label !== undefined) {
        if (typeof body.label !== 'string' || body.label.length > 80) {
          throw new SkillcredError('MALFORMED_VALUE', '/label must be a string of at most 80 characters', {
            errors: [{ pointer: '/label', detail: 'must be a string of at most 80 characters' }],
          });
        }
        label = body.label;
      }
    }
    const apiKey = await c.var.services.issuers.addApiKey(c.req.param('slug'), label);
    return json(c, { apiKey }, 201);
  });

  app.delete('/api-keys/:id', async (c) => {
    await c.var.services.issuers.revokeApiKey(c.req.param('id'));
    return c.body(null, 204);
  });

  app.post('/issuers/:slug/keys/rotate', async (c) => {
    // The body is optional: {keyRef} adopts a provisioned key where keys cannot be generated.
    const body = c.req.header('content-type') ? checkBody<{ keyRef?: string }>(validateKeyRotationRequest, await jsonBody(c)) : {};
    const { key, retired } = await c.var.services.issuers.rotateKey(c.req.param('slug'), body.keyRef ? { keyRef: body.keyRef } : {});
    return json(c, { key: keyView(key), retired: retired.map(keyView) }, 201);
  });

  return app;
}

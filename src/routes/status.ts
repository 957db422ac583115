import { Hono } from 'hono';
import type { StatusPurpose } from '../domain/status.js';
import { SkillcredError, malformed, message } from '../errors.js';
import { checkBody } from '../schemas/check.js';
import { validateBulkStatusRequest, validateStatusChangeRequest } from '../schemas/validators.js';
import type { StatusAction } from '../services/status.js';
import { authenticate } from './auth.js';
import type { AppEnv } from './env.js';
import { cacheFor, json, jsonBody, negotiate, notModified, pathId } from './http.js';

const PURPOSES = new Set(['revocation', 'suspension']);

/** Published status lists (public, cacheable). */
export function statusListRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/status/:slug/:purpose/:seq', async (c) => {
    const { slug, purpose, seq } = c.req.param();
    if (!PURPOSES.has(purpose) || !/^[1-9]\d{0,8}$/.test(seq)) {
      throw new SkillcredError('NOT_FOUND', message('not-found.status-path', { path: c.req.path }));
    }
    const list = await c.var.services.status.published(slug, purpose as StatusPurpose, Number(seq));
    const type = negotiate(c, ['application/vc', 'application/ld+json', 'application/json']);
    const headers = { etag: list.etag, ...cacheFor(list.maxAge, list.servedAt) };
    if (notModified(c, list.etag)) return c.body(null, 304, headers);
    return c.body(list.json, 200, { ...headers, 'content-type': type });
  });
  return app;
}

/** Revoke, suspend, reinstate, read status and audit, and bulk changes (issuer key or admin). */
export function statusChangeRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/v1/credentials/*', authenticate());
  app.use('/v1/audit', authenticate());
  app.use('/v1/status/*', authenticate());

  for (const action of ['revoke', 'suspend', 'reinstate'] as const satisfies StatusAction[]) {
    app.post(`/v1/credentials/:id/${action}`, async (c) => {
      const body = checkBody(validateStatusChangeRequest, await jsonBody(c));
      return json(
        c,
        await c.var.services.status.change(c.var.principal, pathId(c, 3), action, body, { requestId: c.var.requestId, clientRequestId: c.var.clientRequestId }),
      );
    });
  }

  app.get('/v1/credentials/:id/status', async (c) => json(c, await c.var.services.status.statusOf(c.var.principal, pathId(c, 3))));

  app.get('/v1/credentials/:id/audit', async (c) => json(c, await c.var.services.status.credentialAudit(c.var.principal, pathId(c, 3))));

  app.get('/v1/audit', async (c) => {
    const raw = c.req.query('limit');
    if (raw !== undefined && !/^[1-9]\d{0,4}$/.test(raw)) throw malformed('query:limit', 'field.limit');
    const limit = raw === undefined ? undefined : Math.min(Number(raw), 10_000);
    const issuer = c.req.query('issuer');
    return json(
      c,
      await c.var.services.status.issuerAudit(c.var.principal, { ...(issuer !== undefined ? { issuer } : {}), ...(limit !== undefined ? { limit } : {}) }),
    );
  });

  app.post('/v1/status/bulk', async (c) => {
    const body = checkBody(validateBulkStatusRequest, await jsonBody(c));
    return json(c, await c.var.services.status.bulk(c.var.principal, body, { requestId: c.var.requestId, clientRequestId: c.var.clientRequestId }));
  });

  return app;
}

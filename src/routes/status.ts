import { Hono } from 'hono';
import { SkillcredError } from '../errors.js';
import { checkBody } from '../schemas/check.js';
import { validateBulkStatusRequest, validateStatusChangeRequest, validateVcStatusRequest } from '../schemas/validators.js';
import type { StatusAction } from '../services/status.js';
import type { CredentialSelector } from '../store/store.js';
import type { StatusPurpose } from '../domain/status.js';
import { actorOf } from './actor.js';
import { requireAuth } from './auth.js';
import type { AppEnv } from './env.js';
import { json, jsonBody } from './http.js';
import { credentialIdFromPath } from './vc-api.js';

const PURPOSES = new Set(['revocation', 'suspension']);

/** Published status lists (public, cacheable). */
export function statusListRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/status/:slug/:purpose/:seq', async (c) => {
    const { slug, purpose, seq } = c.req.param();
    if (!PURPOSES.has(purpose) || !/^[1-9]\d{0,8}$/.test(seq)) {
      throw new SkillcredError('NOT_FOUND', `no status list at ${c.req.path}: purpose is revocation or suspension, list a positive number`);
    }
    const list = await c.var.services.status.published(slug, purpose as StatusPurpose, Number(seq));
    const headers = {
      etag: list.etag,
      'cache-control': `public, max-age=${c.var.services.ports.config.statusCacheMaxAge}`,
      'access-control-allow-origin': '*',
      'access-control-expose-headers': 'ETag',
      expires: new Date(Date.parse(list.validUntil)).toUTCString(),
    };
    const inm = c.req.header('if-none-match');
    if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === list.etag || t.trim() === '*')) {
      return c.body(null, 304, headers);
    }
    return c.body(list.json, 200, { ...headers, 'content-type': 'application/vc' });
  });
  return app;
}

interface ChangeBody {
  reason: string;
  scope?: 'credential' | 'assessment';
}

/** Changing status: the VC API's POST /credentials/status and the domain's revoke/suspend/reinstate and bulk. */
export function statusChangeRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/credentials/status', requireAuth('issuer', 'admin'), async (c) => {
    const body = checkBody<{
      credentialId: string;
      credentialStatus: { type: string; statusPurpose?: StatusPurpose; status: string | boolean }[];
      reason?: string;
    }>(validateVcStatusRequest, await jsonBody(c));
    const bits = body.credentialStatus.map((s, i) => {
      if (typeof s.status === 'boolean') {
        if (!s.statusPurpose) {
          throw new SkillcredError('MALFORMED_VALUE', `/credentialStatus/${i}/statusPurpose is required with a boolean status`, {
            errors: [{ pointer: `/credentialStatus/${i}/statusPurpose`, detail: 'is required with a boolean status' }],
          });
        }
        return { purpose: s.statusPurpose, value: s.status };
      }
      return s.status === 'revoked'
        ? { purpose: 'revocation' as const, value: true }
        : { purpose: 'suspension' as const, value: s.status === 'suspended' };
    });
    const actor = await actorOf(c);
    const report = await c.var.services.status.setBits(actor, body.credentialId, bits, {
      reason: body.reason ?? 'VC API status update',
      requestId: c.var.requestId,
    });
    return json(c, { credentialId: body.credentialId, ...report });
  });

  for (const action of ['revoke', 'suspend', 'reinstate'] as const satisfies StatusAction[]) {
    app.post(`/v1/credentials/:id/${action}`, requireAuth('issuer', 'admin'), async (c) => {
      const body = checkBody<ChangeBody>(validateStatusChangeRequest, await jsonBody(c));
      const report = await c.var.services.status.act(await actorOf(c), credentialIdFromPath(c.req.param('id')), action, {
        reason: body.reason,
        requestId: c.var.requestId,
        ...(body.scope ? { scope: body.scope } : {}),
      });
      return json(c, report);
    });
  }

  app.get('/v1/credentials/:id/status', requireAuth('issuer', 'admin'), async (c) => {
    const id = credentialIdFromPath(c.req.param('id'));
    return json(c, { credentialId: id, status: await c.var.services.status.statusOf(await actorOf(c), id) });
  });

  app.get('/v1/credentials/:id/audit', requireAuth('issuer', 'admin'), async (c) => {
    const id = credentialIdFromPath(c.req.param('id'));
    return json(c, { credentialId: id, entries: await c.var.services.status.audit(await actorOf(c), { credentialId: id }) });
  });

  app.get('/v1/audit', requireAuth('issuer', 'admin'), async (c) => {
    const actor = await actorOf(c);
    const issuerId = await issuerIdFor(c, actor.kind === 'issuer' ? actor.issuerId : undefined, c.req.query('issuer'));
    const limit = Math.min(Math.max(Number(c.req.query('limit') ?? 1000) || 1000, 1), 10_000);
    return json(c, { entries: await c.var.services.status.audit(actor, { issuerId }, limit) });
  });

  app.post('/v1/status/bulk', requireAuth('issuer', 'admin'), async (c) => {
    const body = checkBody<{
      action: StatusAction;
      reason: string;
      issuer?: string;
      select: { assessmentId: string } | { issuedFrom: string; issuedUntil: string };
    }>(validateBulkStatusRequest, await jsonBody(c));
    const actor = await actorOf(c);
    const issuerId = await issuerIdFor(c, actor.kind === 'issuer' ? actor.issuerId : undefined, body.issuer);
    const selector: CredentialSelector =
      'assessmentId' in body.select
        ? { by: 'assessment', issuerId, assessmentId: body.select.assessmentId }
        : { by: 'issued-between', issuerId, from: new Date(body.select.issuedFrom).toISOString(), to: new Date(body.select.issuedUntil).toISOString() };
    const report = await c.var.services.status.bulk(actor, selector, body.action, { reason: body.reason, requestId: c.var.requestId });
    return json(c, report);
  });

  return app;
}

async function issuerIdFor(c: { var: AppEnv['Variables'] }, own: string | undefined, slug: string | undefined): Promise<string> {
  if (own) {
    if (slug !== undefined) {
      const named = await c.var.services.ports.store.getIssuer({ slug });
      if (named?.id !== own) throw new SkillcredError('FORBIDDEN', 'an issuer key acts only on its own issuer');
    }
    return own;
  }
  if (!slug) throw new SkillcredError('MALFORMED_VALUE', 'name the issuer (its slug) when acting as admin', { errors: [{ pointer: '/issuer', detail: 'is required for the admin token' }] });
  const issuer = await c.var.services.ports.store.getIssuer({ slug });
  if (!issuer) throw new SkillcredError('NOT_FOUND', `no issuer ${JSON.stringify(slug)}`);
  return issuer.id;
}

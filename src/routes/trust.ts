import { Hono } from 'hono';
import { SkillcredError } from '../errors.js';
import { checkBody } from '../schemas/check.js';
import {
  validateAccreditationRequest,
  validateBatchVerifyRequest,
  validateCompromiseRequest,
  validateExitRequest,
  validatePartnerRequest,
  validateRecognitionRequest,
} from '../schemas/validators.js';
import type { PartnerInput, RecognitionInput } from '../services/partners.js';
import type { AccreditationInput } from '../services/trust.js';
import type { ExitReason } from '../domain/accreditation.js';
import type { Verdict } from '../verify/result.js';
import { requireAuth } from './auth.js';
import type { AppEnv } from './env.js';
import { json, jsonBody } from './http.js';
import { localizeResult, preferredLanguage } from './localize.js';

/** Trust registry administration (admin token). */
export function trustAdminRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', requireAuth('admin'));

  app.post('/issuers/:slug/accreditations', async (c) => {
    const body = checkBody<AccreditationInput>(validateAccreditationRequest, await jsonBody(c));
    return json(c, { accreditation: await c.var.services.trust.accredit(c.req.param('slug'), body) }, 201);
  });

  app.get('/issuers/:slug/accreditations', async (c) => json(c, await c.var.services.trust.registry(c.req.param('slug'))));

  app.post('/issuers/:slug/exit', async (c) => {
    const body = checkBody<{ exitedAt: string; reason: ExitReason; note?: string }>(validateExitRequest, await jsonBody(c));
    return json(c, { exit: await c.var.services.trust.exit(c.req.param('slug'), body) }, 201);
  });

  app.post('/issuers/:slug/keys/compromise', async (c) => {
    const body = checkBody<{ keyId: string; at: string }>(validateCompromiseRequest, await jsonBody(c));
    return json(c, { key: await c.var.services.trust.compromise(c.req.param('slug'), body.keyId, body.at) });
  });

  app.post('/partners', async (c) => {
    const body = checkBody<PartnerInput>(validatePartnerRequest, await jsonBody(c));
    return json(c, await c.var.services.partners.create(body), 201);
  });

  app.get('/partners', async (c) => json(c, { partners: await c.var.services.ports.store.listPartners() }));

  return app;
}

/** The signed trust list (public, cacheable). */
export function trustListRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/trust-list', async (c) => {
    const list = await c.var.services.trust.published();
    const headers = {
      etag: list.etag,
      'cache-control': `public, max-age=${c.var.services.ports.config.statusCacheMaxAge}`,
      'access-control-allow-origin': '*',
      'access-control-expose-headers': 'ETag',
    };
    const inm = c.req.header('if-none-match');
    if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === list.etag)) return c.body(null, 304, headers);
    return c.body(list.json, 200, { ...headers, 'content-type': 'application/vc' });
  });
  return app;
}

/** Partner API: batch verification and recognition statements. */
export function partnerRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/verify/batch', requireAuth('partner', 'admin'), async (c) => {
    const body = checkBody<{ items: unknown[] }>(validateBatchVerifyRequest, await jsonBody(c));
    const lang = preferredLanguage(c.req.header('accept-language'));
    const counts: Partial<Record<Verdict, number>> = {};
    const results = [];
    for (const [index, item] of body.items.entries()) {
      const r = localizeResult(await c.var.services.verifier.verifyCredential(item), lang);
      counts[r.verdict] = (counts[r.verdict] ?? 0) + 1;
      results.push({ index, ...r });
    }
    return json(c, { count: results.length, counts, results });
  });

  app.post('/recognitions', requireAuth('partner'), async (c) => {
    const body = checkBody<RecognitionInput>(validateRecognitionRequest, await jsonBody(c));
    const p = c.var.principal;
    if (p.kind !== 'partner') throw new SkillcredError('FORBIDDEN', 'recognition statements are recorded with a partner key');
    const partner = await c.var.services.partners.get(p.partnerId);
    const { record, statement } = await c.var.services.partners.recognise(partner, body);
    return json(c, { id: record.id, statement }, 201);
  });

  app.get('/recognitions', async (c) => {
    const records = await c.var.services.ports.store.listRecognitions();
    return json(c, { statements: records.map((r) => JSON.parse(r.document) as unknown) });
  });

  return app;
}

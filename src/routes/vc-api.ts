import { Hono } from 'hono';
import { SkillcredError } from '../errors.js';
import { apiText } from '../errors-words.js';
import { checkBody } from '../schemas/check.js';
import { validateIssueRequest, validateVcStatusRequest } from '../schemas/validators.js';
import { preferredLanguage } from '../domain/localized.js';
import { readChecks, type VerifyOptions } from '../services/verification.js';
import { authenticate, limitAnonymous } from './auth.js';
import type { AppEnv } from './env.js';
import { idempotencyKey, json, jsonBody, pathId } from './http.js';

type Json = Record<string, unknown>;

function verifyOptions(body: unknown): VerifyOptions {
  const raw = (body as Json | null)?.options;
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new SkillcredError('MALFORMED_VALUE', { fields: ' ' }, { status: 400, errors: [{ pointer: '/options', key: 'field.options-object' }] });
  }
  const o = raw as Json;
  const out: VerifyOptions = {};
  for (const key of ['holderIdNumber', 'challenge', 'domain'] as const) {
    const v = o[key];
    if (v === undefined) continue;
    if (typeof v !== 'string' || v.length > 256) {
      throw new SkillcredError('MALFORMED_VALUE', { fields: ' ' }, { status: 400, errors: [{ pointer: `/options/${key}`, key: 'field.option-string' }] });
    }
    out[key] = v;
  }
  if (o.checks !== undefined) {
    const read = readChecks(o.checks);
    if ('problem' in read) throw new SkillcredError('MALFORMED_VALUE', { fields: ' ' }, { status: 400, errors: [read.problem] });
    out.checks = read.checks;
  }
  return out;
}

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Json)[name] : undefined;
}

/**
 * The W3C VC API: issue, read, update status, verify credentials and presentations. Verifiers
 * answer 200 when verified, 400 (unreadable) or 422 with the same body when not.
 */
export function vcApiRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/credentials/issue', authenticate(), async (c) => {
    const body = checkBody(validateIssueRequest, await jsonBody(c));
    const out = await c.var.services.issuance.issueVc(c.var.principal, body, idempotencyKey(c));
    const [issued] = out.credentials;
    if (out.replayed) c.header('idempotent-replayed', 'true');
    c.header('location', issued!.links.self);
    const lang = preferredLanguage(c.req.header('accept-language'));
    // Issued, but worth saying (an already-expired credential): VC API clients ignore the extra member.
    const warnings = out.warnings?.map((w) => ({ code: w.key, detail: apiText(w.key, w.params ?? {}, lang), params: w.params }));
    return json(c, { verifiableCredential: issued!.verifiableCredential, ...(warnings ? { warnings } : {}) }, 201);
  });

  app.post('/credentials/status', authenticate(), async (c) => {
    const body = checkBody(validateVcStatusRequest, await jsonBody(c));
    return json(c, await c.var.services.status.setBits(c.var.principal, body, { requestId: c.var.requestId, clientRequestId: c.var.clientRequestId }));
  });

  app.post('/credentials/verify', limitAnonymous(), async (c) => {
    const body = await jsonBody(c, 'anonymous');
    const lang = preferredLanguage(c.req.header('accept-language'));
    const result = await c.var.services.verification.verifyCredential(field(body, 'verifiableCredential'), verifyOptions(body), lang, c.var.clientAddress);
    c.header('content-language', result.language);
    c.header('vary', 'Accept-Language');
    return json(c, result, result.verified ? 200 : result.verdict === 'unreadable' ? 400 : 422);
  });

  app.post('/presentations/verify', limitAnonymous(), async (c) => {
    const body = await jsonBody(c, 'anonymous');
    const lang = preferredLanguage(c.req.header('accept-language'));
    const result = await c.var.services.verification.verifyPresentation(field(body, 'verifiablePresentation'), verifyOptions(body), lang, c.var.clientAddress);
    c.header('content-language', lang);
    c.header('vary', 'Accept-Language');
    const parseFailed = result.presentation.steps.some((s) => s.id === 'parse' && !s.valid);
    return json(c, result, result.verified ? 200 : parseFailed ? 400 : 422);
  });

  app.get('/credentials/:id', authenticate(), async (c) => json(c, await c.var.services.credentials.get(c.var.principal, pathId(c, 2))));

  return app;
}

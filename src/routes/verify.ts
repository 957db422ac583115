import { Hono } from 'hono';
import { SkillcredError } from '../errors.js';
import type { VerifyOptions } from '../verify/verifier.js';
import type { AppEnv } from './env.js';
import { json, jsonBody } from './http.js';
import { localizeResult, preferredLanguage } from './localize.js';

type Json = Record<string, unknown>;

function optionsOf(body: unknown): VerifyOptions {
  const raw = (body as Json | null)?.options;
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new SkillcredError('MALFORMED_VALUE', '/options must be an object', { status: 400, errors: [{ pointer: '/options', detail: 'must be an object' }] });
  }
  const o = raw as Json;
  const out: VerifyOptions = {};
  for (const key of ['holderIdNumber', 'challenge', 'domain'] as const) {
    const v = o[key];
    if (v === undefined) continue;
    if (typeof v !== 'string' || v.length > 256) {
      throw new SkillcredError('MALFORMED_VALUE', `/options/${key} must be a string`, { status: 400, errors: [{ pointer: `/options/${key}`, detail: 'must be a string of at most 256 characters' }] });
    }
    out[key] = v;
  }
  return out;
}

/** The VC API verifiers: 200 when verified, 400 (unreadable) or 422 with the same body when not. */
export function verifyRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/credentials/verify', async (c) => {
    const body = await jsonBody(c);
    const options = optionsOf(body);
    const input = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Json).verifiableCredential : undefined;
    const result = localizeResult(await c.var.services.verifier.verifyCredential(input, options), preferredLanguage(c.req.header('accept-language')));
    c.header('content-language', result.language);
    c.header('vary', 'Accept-Language');
    return json(c, result, result.verified ? 200 : result.verdict === 'unreadable' ? 400 : 422);
  });

  app.post('/presentations/verify', async (c) => {
    const body = await jsonBody(c);
    const options = optionsOf(body);
    const input = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Json).verifiablePresentation : undefined;
    const result = await c.var.services.verifier.verifyPresentation(input, options);
    const parseFailed = result.presentation.steps.some((s) => s.id === 'parse' && !s.valid);
    return json(c, result, result.verified ? 200 : parseFailed ? 400 : 422);
  });

  return app;
}

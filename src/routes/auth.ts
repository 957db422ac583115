import type { MiddlewareHandler } from 'hono';
import { message, SkillcredError } from '../errors.js';
import type { AppEnv } from './env.js';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * Reads the bearer token (an API key or the admin token) before anything reads the body, and
 * sets the principal. `required`: 401 without a usable token. Which principal may do what is the
 * services' decision, not this middleware's.
 */
export function authenticate(mode: 'required' | 'optional' = 'required'): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (header === undefined && mode === 'optional') return next();
    const m = BEARER.exec(header ?? '');
    if (!m) {
      throw new SkillcredError('UNAUTHENTICATED', message('auth.missing'), {
        headers: { 'www-authenticate': 'Bearer realm="skillcred"' },
      });
    }
    const principal = await c.var.services.auth.authenticate(m[1]!, c.var.clientAddress);
    if (!principal) {
      throw new SkillcredError('UNAUTHENTICATED', message('auth.invalid'), {
        headers: { 'www-authenticate': 'Bearer realm="skillcred", error="invalid_token"' },
      });
    }
    c.set('principal', principal);
    await next();
  };
}

/** Counts an anonymous request against its client's per-address limit, before its body is read. */
export function limitAnonymous(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await c.var.services.verification.admit(c.var.clientAddress);
    await next();
  };
}

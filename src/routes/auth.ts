import type { MiddlewareHandler } from 'hono';
import { SkillcredError } from '../errors.js';
import { constantTimeEqual, hashSecret, parseApiKeyToken } from '../services/secrets.js';
import type { AppEnv, Principal } from './env.js';

type Allowed = Principal['kind'];

/**
 * Authenticates the bearer token (admin token or API key) and admits only the given principals:
 * 401 without a usable token, 403 for a valid one of the wrong kind.
 */
export function requireAuth(...allowed: Allowed[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) {
      throw new SkillcredError('UNAUTHENTICATED', 'send an API key or the admin token as "Authorization: Bearer <token>"', {
        headers: { 'www-authenticate': 'Bearer realm="skillcred"' },
      });
    }
    const principal = await authenticate(c.var.services, m[1]!);
    if (!principal) {
      throw new SkillcredError('UNAUTHENTICATED', 'the bearer token is not a valid API key or admin token', {
        headers: { 'www-authenticate': 'Bearer realm="skillcred", error="invalid_token"' },
      });
    }
    if (principal.kind === 'partner') {
      const partner = await c.var.services.ports.store.getPartner({ id: principal.partnerId });
      c.var.services.rateLimiter.take(`partner:${principal.partnerId}`, partner?.rateLimitPerMinute ?? 60);
    }
    if (!allowed.includes(principal.kind)) {
      throw new SkillcredError('FORBIDDEN', `this endpoint is for ${allowed.join(' or ')} credentials, not ${principal.kind} keys`);
    }
    c.set('principal', principal);
    await next();
  };
}

async function authenticate(services: AppEnv['Variables']['services'], token: string): Promise<Principal | null> {
  const { store, crypto } = services.ports;
  const parsed = parseApiKeyToken(token);
  if (parsed) {
    const record = await store.getApiKey(parsed.id);
    const hash = await hashSecret(crypto, parsed.secret);
    if (!record || record.revokedAt !== null || !constantTimeEqual(hash, record.secretHash)) return null;
    if (record.issuerId) return { kind: 'issuer', issuerId: record.issuerId, apiKeyId: record.id };
    if (record.partnerId) return { kind: 'partner', partnerId: record.partnerId, apiKeyId: record.id };
    return null;
  }
  const expected = await services.adminTokenHash();
  if (!expected) return null;
  return constantTimeEqual(await hashSecret(crypto, token), expected) ? { kind: 'admin' } : null;
}

import type { Context } from 'hono';
import { SkillcredError } from '../errors.js';
import type { Actor } from '../services/status.js';
import type { AppEnv } from './env.js';

/** The status-changing actor behind the authenticated principal. */
export async function actorOf(c: Context<AppEnv>): Promise<Actor> {
  const p = c.var.principal;
  if (p.kind === 'admin') return { kind: 'admin', label: 'admin' };
  if (p.kind === 'issuer') {
    const issuer = await c.var.services.ports.store.getIssuer({ id: p.issuerId });
    return { kind: 'issuer', issuerId: p.issuerId, label: `issuer:${issuer?.slug ?? p.issuerId} key:${p.apiKeyId}` };
  }
  throw new SkillcredError('FORBIDDEN', 'partner keys cannot change credential status');
}

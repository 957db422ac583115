import { Hono } from 'hono';
import type { Cryptosuite } from '../credentials/data-integrity.js';
import { SkillcredError } from '../errors.js';
import { checkBody } from '../schemas/check.js';
import { validateIssueRequest } from '../schemas/validators.js';
import { draftFromVcApi } from '../services/drafts.js';
import { requireAuth } from './auth.js';
import type { AppEnv } from './env.js';
import { idempotencyOf, json, jsonBody } from './http.js';

interface IssueRequest {
  credential: Record<string, unknown>;
  options?: {
    cryptosuite?: Cryptosuite;
    format?: 'ldp_vc' | 'vc+jwt';
    credentialStatus?: { type: string; statusPurpose?: string | string[] };
  };
}

/** Normalises a credential id from a path segment: a bare UUID means `urn:uuid:<uuid>`. */
export function credentialIdFromPath(raw: string): string {
  const id = decodeURIComponent(raw);
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? `urn:uuid:${id.toLowerCase()}` : id;
}

/** The W3C VC API: POST /credentials/issue, GET /credentials/{id}. */
export function vcApiRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/issue', requireAuth('issuer', 'admin'), async (c) => {
    const body = checkBody<IssueRequest>(validateIssueRequest, await jsonBody(c));
    const { services } = c.var;
    const principal = c.var.principal;
    if (principal.kind !== 'issuer') throw new SkillcredError('FORBIDDEN', 'issue with the API key of the issuer that signs');
    const options = body.options ?? {};
    const format = options.format ?? 'ldp_vc';
    const cryptosuite = options.cryptosuite ?? 'eddsa-rdfc-2022';
    const { draft, issuerId } = await draftFromVcApi(body.credential, {
      cryptosuite,
      format,
      now: services.ports.clock.now(),
      documentLoader: services.documentLoader,
    });
    const issuer = await services.ports.store.getIssuer({ did: issuerId });
    if (!issuer || issuer.id !== principal.issuerId) {
      const own = await services.ports.store.getIssuer({ id: principal.issuerId });
      throw new SkillcredError(
        'FORBIDDEN',
        `this API key signs only as ${own?.did ?? 'its own issuer'}; ${issuerId} is ${issuer ? 'another issuer' : 'not hosted here'}`,
      );
    }
    const purposes = options.credentialStatus?.statusPurpose;
    const suspension =
      issuer.suspensionByDefault || (Array.isArray(purposes) ? purposes.includes('suspension') : purposes === 'suspension');
    const idempotency = await idempotencyOf(c, body);
    const result = await services.issuance.issue(issuer, [draft], {
      cryptosuite,
      format,
      suspension,
      ...(idempotency ? { idempotency } : {}),
    });
    if (result.replayed) c.header('idempotent-replayed', 'true');
    c.header('location', `${services.ports.config.publicUrl}/credentials/${encodeURIComponent(result.records[0]!.id)}`);
    return json(c, { verifiableCredential: result.credentials[0] }, 201);
  });

  app.get('/:id', requireAuth('issuer', 'admin'), async (c) => {
    const id = credentialIdFromPath(c.req.param('id'));
    const { store } = c.var.services.ports;
    const record = await store.getCredential(id);
    const principal = c.var.principal;
    if (!record || (principal.kind === 'issuer' && record.issuerId !== principal.issuerId)) {
      throw new SkillcredError('NOT_FOUND', `no credential ${id} issued by you`);
    }
    return json(c, { verifiableCredential: JSON.parse(record.document) as unknown });
  });

  return app;
}

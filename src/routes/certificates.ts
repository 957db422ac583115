import { Hono } from 'hono';
import type { JsonObject } from '../credentials/data-integrity.js';
import { assessmentCertificates, type AssessmentRequest, type CertificateRequest } from '../domain/certificate.js';
import { SkillcredError } from '../errors.js';
import { checkBody } from '../schemas/check.js';
import { validateAssessmentRequest, validateCertificateRequest } from '../schemas/validators.js';
import { draftFromCertificate } from '../services/drafts.js';
import type { CredentialRecord } from '../domain/credential-record.js';
import { requireAuth } from './auth.js';
import type { AppEnv } from './env.js';
import { idempotencyOf, json, jsonBody } from './http.js';

function describe(publicUrl: string, record: CredentialRecord, credential: JsonObject) {
  const path = `${publicUrl}/credentials/${encodeURIComponent(record.id)}`;
  return {
    id: record.id,
    kind: record.kind,
    certificateNumber: record.certificateNumber,
    assessmentId: record.assessmentId,
    verifiableCredential: credential,
    links: { self: path, certificate: `${path}/certificate`, qrSvg: `${path}/qr.svg`, qrPng: `${path}/qr.png` },
  };
}

/** Domain issuance: POST /v1/certificates (one) and POST /v1/assessments (both certificates of one assessment). */
export function certificateRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/certificates', requireAuth('issuer'), async (c) => {
    const body = checkBody<CertificateRequest>(validateCertificateRequest, await jsonBody(c));
    const { services } = c.var;
    const principal = c.var.principal;
    if (principal.kind !== 'issuer') throw new SkillcredError('FORBIDDEN', 'issue with an issuer API key');
    const issuer = (await services.ports.store.getIssuer({ id: principal.issuerId }))!;
    const draft = await draftFromCertificate(body, issuer, { now: services.ports.clock.now(), crypto: services.ports.crypto });
    const idempotency = await idempotencyOf(c, body);
    const result = await services.issuance.issue(issuer, [draft], {
      cryptosuite: body.cryptosuite ?? 'eddsa-rdfc-2022',
      format: 'ldp_vc',
      suspension: body.suspension ?? issuer.suspensionByDefault,
      ...(idempotency ? { idempotency } : {}),
    });
    if (result.replayed) c.header('idempotent-replayed', 'true');
    const out = describe(services.ports.config.publicUrl, result.records[0]!, result.credentials[0]!);
    c.header('location', out.links.self);
    return json(c, out, 201);
  });

  app.post('/assessments', requireAuth('issuer'), async (c) => {
    const body = checkBody<AssessmentRequest>(validateAssessmentRequest, await jsonBody(c));
    const { services } = c.var;
    const principal = c.var.principal;
    if (principal.kind !== 'issuer') throw new SkillcredError('FORBIDDEN', 'issue with an issuer API key');
    const issuer = (await services.ports.store.getIssuer({ id: principal.issuerId }))!;
    const idempotency = await idempotencyOf(c, body);
    const drafts = [];
    for (const request of assessmentCertificates(body)) {
      drafts.push(await draftFromCertificate(request, issuer, { now: services.ports.clock.now(), crypto: services.ports.crypto }));
    }
    const result = await services.issuance.issue(issuer, drafts, {
      cryptosuite: body.cryptosuite ?? 'eddsa-rdfc-2022',
      format: 'ldp_vc',
      suspension: body.suspension ?? issuer.suspensionByDefault,
      ...(idempotency ? { idempotency } : {}),
    });
    if (result.replayed) c.header('idempotent-replayed', 'true');
    const publicUrl = services.ports.config.publicUrl;
    return json(
      c,
      {
        assessmentId: body.assessment.id,
        credentials: result.records.map((r, i) => describe(publicUrl, r, result.credentials[i]!)),
      },
      201,
    );
  });

  return app;
}

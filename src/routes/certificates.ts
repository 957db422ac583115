import { Hono } from 'hono';
import { checkBody } from '../schemas/check.js';
import { validateAssessmentRequest, validateCertificateRequest } from '../schemas/validators.js';
import { authenticate } from './auth.js';
import type { AppEnv } from './env.js';
import { idempotencyKey, json, jsonBody } from './http.js';

/** Domain issuance: POST /v1/certificates (one) and POST /v1/assessments (both certificates of one assessment). */
export function certificateRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/v1/certificates', authenticate(), async (c) => {
    const body = checkBody(validateCertificateRequest, await jsonBody(c));
    const out = await c.var.services.issuance.issueCertificate(c.var.principal, body, idempotencyKey(c));
    const [issued] = out.credentials;
    if (out.replayed) c.header('idempotent-replayed', 'true');
    c.header('location', issued!.links.self);
    return json(c, issued, 201);
  });

  app.post('/v1/assessments', authenticate(), async (c) => {
    const body = checkBody(validateAssessmentRequest, await jsonBody(c));
    const out = await c.var.services.issuance.issueAssessment(c.var.principal, body, idempotencyKey(c));
    if (out.replayed) c.header('idempotent-replayed', 'true');
    return json(c, { assessmentId: body.assessment.id, credentials: out.credentials }, 201);
  });

  return app;
}

import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { SkillcredError } from './errors.js';
import type { Ports } from './ports.js';
import { adminRoutes } from './routes/admin.js';
import { limitBody } from './routes/body-limit.js';
import { openApiRoutes } from './routes/openapi.js';
import { certificateRoutes } from './routes/certificates.js';
import { contextRoutes } from './routes/contexts.js';
import { credentialViewRoutes } from './routes/credential-views.js';
import { didRoutes } from './routes/dids.js';
import type { AppEnv } from './routes/env.js';
import { problem } from './routes/http.js';
import { statusChangeRoutes, statusListRoutes } from './routes/status.js';
import { vcApiRoutes } from './routes/vc-api.js';
import { verifyRoutes } from './routes/verify.js';
import { partnerRoutes, trustAdminRoutes, trustListRoutes } from './routes/trust.js';
import { createServices, type Services } from './services/index.js';

/** Builds the skillcred HTTP app from its ports. Knows nothing of the runtime it runs on. */
export function createApp(ports: Ports, services: Services = createServices(ports)): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use('*', requestId());
  app.use('*', async (c, next) => {
    c.set('services', services);
    await next();
  });
  // A batch of 1,000 certificates is ~3 MB of JSON.
  app.use('*', limitBody(ports.config.maxBodyBytes, { '/v1/verify/batch': Math.max(ports.config.maxBodyBytes, 16 * 1024 * 1024) }));

  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.route('/', openApiRoutes());
  app.route('/', didRoutes());
  app.route('/', contextRoutes());
  app.route('/', statusListRoutes());
  app.route('/', statusChangeRoutes());
  app.route('/', verifyRoutes());
  app.route('/', trustListRoutes());
  app.route('/admin', trustAdminRoutes());
  app.route('/admin', adminRoutes());
  app.route('/v1', partnerRoutes());
  app.route('/credentials', vcApiRoutes());
  app.route('/credentials', credentialViewRoutes());
  app.route('/v1', certificateRoutes());

  app.notFound((c) => problem(c, new SkillcredError('NOT_FOUND', `no route for ${c.req.method} ${c.req.path}`)));
  app.onError((error, c) => {
    if (error instanceof SkillcredError) return problem(c, error);
    if (error instanceof HTTPException) {
      const code = error.status === 413 ? 'PAYLOAD_TOO_LARGE' : error.status === 401 ? 'UNAUTHENTICATED' : 'MALFORMED_VALUE';
      return problem(c, new SkillcredError(code, error.message || 'bad request', { status: error.status }));
    }
    ports.log.error('unhandled_error', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      stack: error instanceof Error ? error.stack : undefined,
    });
    return problem(c, new SkillcredError('INTERNAL', 'an unexpected error occurred; it has been logged with the request id'));
  });

  return app;
}

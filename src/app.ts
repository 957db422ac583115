import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { message, SkillcredError } from './errors.js';
import type { Ports } from './ports.js';
import { adminRoutes } from './routes/admin.js';
import { assetRoutes } from './routes/assets.js';
import { batchRoutes } from './routes/batches.js';
import { certificateRoutes } from './routes/certificates.js';
import { credentialFileRoutes } from './routes/credential-files.js';
import type { AppEnv } from './routes/env.js';
import { problem } from './routes/http.js';
import { landingRoutes } from './routes/landing.js';
import { lookupRoutes } from './routes/lookup.js';
import { openApiRoutes } from './routes/openapi.js';
import { partnerRoutes } from './routes/partners.js';
import { publicRoutes } from './routes/public.js';
import { requestIds } from './routes/request-id.js';
import { statusChangeRoutes, statusListRoutes } from './routes/status.js';
import { vcApiRoutes } from './routes/vc-api.js';
import { createServices, type Services } from './services/index.js';
import type { FirstStart, SetupOptions } from './services/setup.js';

/** The HTTP app over the services. Knows nothing of the runtime it runs on: only ports. */
function createApp(ports: Ports, services: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use('*', requestIds());
  // A batch of 1,000 certificates is ~3 MB of JSON; one credential to verify, a few KB.
  const bodyCaps = {
    default: ports.config.maxBodyBytes,
    anonymous: ports.config.maxAnonymousBodyBytes,
    batch: Math.max(ports.config.maxBodyBytes, 16 * 1024 * 1024),
  };
  app.use('*', async (c, next) => {
    c.set('services', services);
    c.set('bodyCaps', bodyCaps);
    c.set('clientAddress', ports.clientAddress(c.req.raw, c.env));
    await next();
  });

  for (const routes of [
    landingRoutes(),
    publicRoutes(),
    openApiRoutes(ports.assets),
    statusListRoutes(),
    statusChangeRoutes(),
    vcApiRoutes(),
    lookupRoutes(),
    credentialFileRoutes(),
    certificateRoutes(),
    batchRoutes(),
    partnerRoutes(),
    adminRoutes(),
  ]) {
    app.route('/', routes);
  }
  // Last: the verify page at /v and /V and the files under public/, through the assets port.
  app.route('/', assetRoutes(ports.assets));

  app.notFound((c) => problem(c, new SkillcredError('NOT_FOUND', message('route.not-found', { method: c.req.method, path: c.req.path }))));
  app.onError((error, c) => {
    if (error instanceof SkillcredError) return problem(c, error);
    if (error instanceof HTTPException) {
      const code = error.status === 413 ? 'PAYLOAD_TOO_LARGE' : error.status === 401 ? 'UNAUTHENTICATED' : 'MALFORMED_VALUE';
      return problem(c, new SkillcredError(code, message('http.bad-request', { reason: error.message || 'bad request' }), { status: error.status }));
    }
    ports.log.error('unhandled_error', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      stack: error instanceof Error ? error.stack : undefined,
    });
    return problem(c, new SkillcredError('INTERNAL', message('internal')));
  });

  return app;
}

/** A running skillcred: its app, its services, and what first-start setup created. */
export interface Skillcred {
  app: Hono<AppEnv>;
  services: Services;
  firstStart: FirstStart;
}

/** Builds services and app from the ports and runs first-start setup: what every entry (and the tests) call. */
export async function assemble(ports: Ports, setup: SetupOptions): Promise<Skillcred> {
  const services = createServices(ports);
  const firstStart = await services.setup.firstStart(setup);
  return { app: createApp(ports, services), services, firstStart };
}

// The Cloudflare Workers entry: configuration, the Workers ports, the app. The only file that
// reads the Workers env: the app below it sees ports, never bindings.
import { assemble } from './app.js';
import { parseConfig, parseWorkerSettings } from './config.js';
import { SkillcredError } from './errors.js';
import { stringVars, workerPorts, type WorkerEnv } from './runtime/workers/ports.js';

export type { WorkerEnv } from './runtime/workers/ports.js';

type App = Awaited<ReturnType<typeof assemble>>['app'];
/** The Workers ExecutionContext, as Hono types it. */
type ExecutionContextLike = Parameters<App['fetch']>[2];

// One app per isolate, rebuilt only if the runtime hands over a different env object.
let built: { env: WorkerEnv; app: Promise<App> } | undefined;

/** Builds the ports and the app, and runs the idempotent first-start setup. */
async function build(env: WorkerEnv): Promise<App> {
  const vars = stringVars(env);
  const config = parseConfig(vars);
  const { serviceKeyRef } = parseWorkerSettings(vars);
  const ports = workerPorts(config, env);
  // Nothing generated here could be shown to anyone: the admin token must be the ADMIN_TOKEN secret.
  const { app } = await assemble(ports, { devIssuer: false, serviceKeyRef, generateAdminToken: false }).catch((error: unknown) => {
    // The only key adopted here is the service key: a bad reference is a deployment fault.
    if (error instanceof SkillcredError && error.code === 'MALFORMED_VALUE') throw new SkillcredError('CONFIG', `SERVICE_KEY_REF: ${error.message}`);
    throw error;
  });
  if (!config.adminToken) ports.log.warn('admin_api_closed', { reason: 'ADMIN_TOKEN secret is not set' });
  return app;
}

function problemResponse(error: unknown): Response {
  const known = error instanceof SkillcredError ? error : new SkillcredError('INTERNAL', 'the service could not start; see the Worker logs');
  if (!(error instanceof SkillcredError)) console.error(JSON.stringify({ level: 'error', event: 'worker_start_failed', error: String(error) }));
  return new Response(JSON.stringify(known.toProblem()), { status: known.status, headers: { 'content-type': 'application/problem+json' } });
}

export default {
  /** Answers a request with the app (which serves public/ through the assets port for what it does not route). */
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContextLike): Promise<Response> {
    if (!built || built.env !== env) built = { env, app: build(env) };
    try {
      return await (await built.app).fetch(request, {}, ctx);
    } catch (error) {
      built = undefined; // a failed start (D1 hiccup, bad secret) is retried by the next request
      return problemResponse(error);
    }
  },
};

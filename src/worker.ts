// The Cloudflare Workers entry: the same app as src/node.ts, on D1, with private keys from the
// ISSUER_KEYS secret and public/ served by the static assets binding. The only file that reads
// the Workers env: the app below it sees ports, never bindings.
import { createApp } from './app.js';
import { parseConfig } from './config.js';
import { webCrypto } from './credentials/crypto.js';
import { SkillcredError } from './errors.js';
import { SecretKeyStore } from './runtime/workers/secret-keystore.js';
import { consoleLogger, systemClock, type Ports } from './ports.js';
import { bootstrap } from './services/bootstrap.js';
import { createServices } from './services/index.js';
import { streamCompression } from './status/bitstring.js';
import { D1Store, type D1Like } from './store/d1.js';
import { withReadCache } from './store/cached.js';
import { createWorkersFetcher } from './runtime/workers/fetcher.js';
import { VERIFY_PAGE_FILE, VERIFY_PAGE_HEADERS, VERIFY_PAGE_PATHS } from './verify-page.js';

/** The bindings, vars and secrets wrangler.toml and `wrangler secret put` give the Worker. */
export interface WorkerEnv {
  DB: D1Like;
  /** The static assets binding over public/. */
  ASSETS?: { fetch(request: Request): Promise<Response> };
  /** Secret: `{ "<keyRef>": <private Ed25519 JWK>, ... }`. */
  ISSUER_KEYS?: string;
  /** The ISSUER_KEYS entry holding the service's own key. */
  SERVICE_KEY_REF?: string;
  [name: string]: unknown;
}

type App = ReturnType<typeof createApp>;
/** The Workers ExecutionContext, as Hono types it. */
type ExecutionContextLike = Parameters<App['fetch']>[2];

// One app per isolate, rebuilt only if the runtime hands over a different env object.
let built: { env: WorkerEnv; app: Promise<App> } | undefined;

/** The string vars and secrets of the env: what parseConfig reads. */
function stringVars(env: WorkerEnv): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (typeof value === 'string') vars[name] = value;
  return vars;
}

/** Builds the Workers ports and the app, and runs the idempotent first-start setup. */
async function build(env: WorkerEnv): Promise<App> {
  const vars = stringVars(env);
  const config = parseConfig(vars);
  if (!vars.SERVICE_KEY_REF) {
    throw new SkillcredError('CONFIG', 'SERVICE_KEY_REF must name the ISSUER_KEYS entry holding the service key (see README, "Run at the edge")');
  }
  const log = consoleLogger(vars.LOG_LEVEL === 'warn' || vars.LOG_LEVEL === 'error' ? vars.LOG_LEVEL : 'info');
  const ports: Ports = {
    store: withReadCache(new D1Store(env.DB)),
    keys: new SecretKeyStore(vars.ISSUER_KEYS),
    crypto: webCrypto(),
    compression: streamCompression,
    clock: systemClock,
    fetcher: createWorkersFetcher({ clock: systemClock, allowHosts: config.fetchAllowHosts }),
    config,
    log,
  };
  const services = createServices(ports);
  // Nothing generated here could be shown to anyone: the admin token must be the ADMIN_TOKEN secret.
  await bootstrap(services, { devIssuer: false, serviceKeyRef: vars.SERVICE_KEY_REF, generateAdminToken: false }).catch((error: unknown) => {
    // The only key adopted here is the service key: a bad reference is a deployment fault.
    if (error instanceof SkillcredError && error.code === 'MALFORMED_VALUE') throw new SkillcredError('CONFIG', `SERVICE_KEY_REF: ${error.message}`);
    throw error;
  });
  if (!config.adminToken) log.warn('admin_api_closed', { reason: 'ADMIN_TOKEN secret is not set' });
  return createApp(ports, services);
}

/** The verify page (/v, /V) from public/verify.html through the assets binding, with its headers. */
async function verifyPage(request: Request, assets: NonNullable<WorkerEnv['ASSETS']>): Promise<Response | null> {
  const page = await assets.fetch(new Request(new URL(`/${VERIFY_PAGE_FILE}`, request.url), request));
  if (page.status !== 200 && page.status !== 304) return null; // not built: the app's 404 answers
  const response = new Response(page.body, page);
  for (const [name, value] of Object.entries(VERIFY_PAGE_HEADERS)) response.headers.set(name, value);
  return response;
}

function problemResponse(error: unknown): Response {
  const known = error instanceof SkillcredError ? error : new SkillcredError('INTERNAL', 'the service could not start; see the Worker logs');
  if (!(error instanceof SkillcredError)) console.error(JSON.stringify({ level: 'error', event: 'worker_start_failed', error: String(error) }));
  return new Response(JSON.stringify(known.toProblem()), { status: known.status, headers: { 'content-type': 'application/problem+json' } });
}

export default {
  /** Answers a request: the app first, then public/ through the assets binding for what the app does not route. */
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContextLike): Promise<Response> {
    if (!built || built.env !== env) built = { env, app: build(env) };
    let app: App;
    try {
      app = await built.app;
    } catch (error) {
      built = undefined; // a failed start (D1 hiccup, bad secret) is retried by the next request
      return problemResponse(error);
    }
    const readOnly = request.method === 'GET' || request.method === 'HEAD';
    if (readOnly && env.ASSETS && VERIFY_PAGE_PATHS.includes(new URL(request.url).pathname)) {
      const page = await verifyPage(request, env.ASSETS);
      if (page) return page;
    }
    // The app gets no env: nothing below this file reads bindings.
    const response = await app.fetch(request, {}, ctx);
    if (response.status === 404 && env.ASSETS && readOnly) {
      // Cloudflare serves public/ before the Worker runs; this covers `wrangler dev` and tests too.
      const asset = await env.ASSETS.fetch(request);
      if (asset.status !== 404) return asset;
    }
    return response;
  },
};

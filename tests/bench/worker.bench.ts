// npm run bench:worker: the Worker under local `wrangler dev` (workerd + local D1), against the
// Node entry in the same session. Prints the bundle size from `wrangler deploy --dry-run`, the
// first request's latency after start, and HTTP throughput. Never part of npm test; numbers only.
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureIssuer } from '../../scripts/admin-client.js';
import { buildBundle, generateSecrets, migrateLocal, startWranglerDev, writeEnvFile, type LocalWorker } from '../../scripts/wrangler-local.js';
import { freePort, startNodeService } from '../helpers/node-process.js';
import { skillLevelRequest, vc2 } from '../helpers/requests.js';
import { fmt, heading, ratio } from './harness.js';

/** A running service to load, with an issuer on it. */
export interface Target {
  name: 'workers' | 'node';
  url: string;
  apiKey: string;
  did: string;
}

/** One HTTP load: a request made anew for each call (`i` counts calls). */
export interface Load {
  name: string;
  prepare(target: Target): Promise<{ method: 'POST' | 'GET'; path: string; headers: Record<string, string>; body?: (i: number) => string }>;
}

const json = (target: Target) => ({ authorization: `Bearer ${target.apiKey}`, 'content-type': 'application/json' });

const issuanceLoads: Load[] = ['eddsa-rdfc-2022', 'eddsa-jcs-2022'].map((cryptosuite) => ({
  name: `issuance ${cryptosuite} (POST /v1/certificates)`,
  prepare: async (target) => ({
    method: 'POST',
    path: '/v1/certificates',
    headers: json(target),
    body: (i) =>
      JSON.stringify(skillLevelRequest({ cryptosuite, assessment: { id: `WB-${target.name}-${cryptosuite}-${i}-${Date.now()}`, date: '2025-06-20' } })),
  }),
}));

/**
 * The verify hook: loads added here run against both targets like the issuance loads (issue 5
 * asks for verify throughput of rdfc, jcs and vc+jwt). `prepare` may issue the credential to
 * verify on the target first, e.g. POST /credentials/issue with `vc2(target.did)` from
 * tests/helpers/requests.ts.
 */
export const verifyLoads: Load[] = (['eddsa-rdfc-2022', 'eddsa-jcs-2022', 'vc+jwt'] as const).map((suite) => ({
  name: `verify ${suite} (POST /credentials/verify)`,
  prepare: async (target) => {
    const issued =
      suite === 'vc+jwt'
        ? await fetch(`${target.url}/credentials/issue`, {
            method: 'POST',
            headers: json(target),
            body: JSON.stringify({ credential: vc2(target.did), options: { format: 'vc+jwt' } }),
          })
        : await fetch(`${target.url}/v1/certificates`, {
            method: 'POST',
            headers: json(target),
            body: JSON.stringify(skillLevelRequest({ cryptosuite: suite, assessment: { id: `WV-${target.name}-${suite}-${Date.now()}`, date: '2025-06-20' } })),
          });
    if (issued.status !== 201) throw new Error(`issuing the credential to verify on ${target.name}: ${issued.status} ${await issued.text()}`);
    const { verifiableCredential } = (await issued.json()) as { verifiableCredential: unknown };
    const body = JSON.stringify({ verifiableCredential });
    return { method: 'POST', path: '/credentials/verify', headers: { 'content-type': 'application/json' }, body: () => body };
  },
}));

const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
const CONNECTIONS = 8;
const SECONDS = 6;

/** Requests per second (and latency) of one load on one target, autocannon with 8 connections. */
async function throughput(target: Target, load: Load): Promise<{ rps: number; p50: number; p99: number }> {
  const request = await load.prepare(target);
  let i = 0;
  const result = await autocannon({
    url: target.url,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method: request.method,
        path: request.path,
        headers: request.headers,
        ...(request.body ? { setupRequest: (req: object) => ({ ...req, body: request.body!(i++) }) } : {}),
      },
    ],
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${load.name} on ${target.name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

/** Milliseconds of one request. */
async function timed(url: string, init?: RequestInit): Promise<{ ms: number; status: number }> {
  const start = performance.now();
  const res = await fetch(url, init);
  await res.arrayBuffer();
  return { ms: performance.now() - start, status: res.status };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Runs the Workers benchmarks and prints the figures. */
export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'skillcred-bench-worker-'));
  const workers: LocalWorker[] = [];
  try {
    heading('Workers bundle (wrangler deploy --dry-run)');
    const bundle = await buildBundle(join(dir, 'dist'));
    console.log(`  ${'worker.js'.padEnd(58)} ${fmt(bundle.bytes / 1024).padStart(10)} KiB`);
    console.log(
      `  ${'worker.js gzip -9'.padEnd(58)} ${fmt(bundle.gzipBytes / 1024).padStart(10)} KiB   target ≤ 500 KiB  ${bundle.gzipBytes <= 500 * 1024 ? 'met' : 'NOT MET'}`,
    );
    console.log(`  wrangler: ${bundle.reported}`);

    heading('First request after start (wrangler dev, local D1)');
    const persist = join(dir, 'state');
    const envFile = join(dir, 'secrets.env');
    const secrets = await generateSecrets(['bench-1']);
    writeEnvFile(envFile, { ...secrets, ADMIN_TOKEN });
    await migrateLocal(persist);
    const start = async () => {
      const w = await startWranglerDev({ port: await freePort(), persistTo: persist, envFile });
      workers.push(w);
      return w;
    };
    const ready: number[] = [];
    const firstDid: number[] = [];
    let target: Target | undefined;
    for (let round = 0; round < 3; round++) {
      const w = await start();
      ready.push(w.readyMs);
      const first = await timed(`${w.url}/.well-known/did.json`);
      if (first.status !== 200) throw new Error(`first request answered ${first.status}`);
      firstDid.push(first.ms);
      if (!target) {
        const issuer = await ensureIssuer(w.url, ADMIN_TOKEN, { slug: 'bench', keyRef: 'bench-1' });
        target = { name: 'workers', url: w.url, apiKey: issuer.apiKey, did: issuer.did };
      }
      await w.stop();
    }
    console.log(`  ${'wrangler dev start to "Ready on" (median of 3)'.padEnd(58)} ${fmt(median(ready)).padStart(10)} ms`);
    console.log(
      `  ${'first request: GET /.well-known/did.json (median of 3)'.padEnd(58)} ${fmt(median(firstDid)).padStart(10)} ms   target ≤ 600 ms  ${median(firstDid) <= 600 ? 'met' : 'NOT MET'}   (${firstDid.map((x) => Math.round(x)).join(', ')})`,
    );
    const cold = await start();
    target = { ...target!, url: cold.url };
    const firstIssue = await timed(`${cold.url}/v1/certificates`, {
      method: 'POST',
      headers: json(target),
      body: JSON.stringify(skillLevelRequest({ assessment: { id: `WB-cold-${Date.now()}`, date: '2025-06-20' } })),
    });
    if (firstIssue.status !== 201) throw new Error(`first issuance answered ${firstIssue.status}`);
    const second = await timed(`${cold.url}/v1/certificates`, {
      method: 'POST',
      headers: json(target),
      body: JSON.stringify(skillLevelRequest({ assessment: { id: `WB-warm-${Date.now()}`, date: '2025-06-20' } })),
    });
    console.log(
      `  ${'first request: POST /v1/certificates rdfc (cold isolate)'.padEnd(58)} ${fmt(firstIssue.ms).padStart(10)} ms   then ${fmt(second.ms)} ms warm`,
    );

    heading('Where a request goes (warm, sequential, medians of 50)');
    // GET /health touches no D1; /.well-known/did.json makes one D1 query: the difference is one
    // local D1 round trip. Issuance makes 8 (API key, issuer, id check, accreditations, exits,
    // issuer keys, index pick, the recording batch), and local D1 serves them one at a time.
    const health: number[] = [];
    const did: number[] = [];
    for (let i = 0; i < 50; i++) {
      health.push((await timed(`${cold.url}/health`)).ms);
      did.push((await timed(`${cold.url}/.well-known/did.json`)).ms);
    }
    console.log(`  ${'GET /health (no D1)'.padEnd(58)} ${fmt(median(health)).padStart(10)} ms`);
    console.log(
      `  ${'GET /.well-known/did.json (one D1 query)'.padEnd(58)} ${fmt(median(did)).padStart(10)} ms   ≈ ${fmt(median(did) - median(health))} ms a local D1 round trip`,
    );

    heading(`Throughput (autocannon, ${CONNECTIONS} connections, ${SECONDS} s): wrangler dev vs node, same session`);
    const node = await startNodeService({
      DATA_DIR: join(dir, 'node-data'),
      KEYS_DIR: join(dir, 'node-keys'),
      ADMIN_TOKEN,
      LOG_LEVEL: 'error',
      SKIP_DEV_ISSUER: '1',
    });
    try {
      const nodeIssuer = await ensureIssuer(node.url, ADMIN_TOKEN, { slug: 'bench' });
      const nodeTarget: Target = { name: 'node', url: node.url, apiKey: nodeIssuer.apiKey, did: nodeIssuer.did };
      for (const load of [...issuanceLoads, ...verifyLoads]) {
        const w = await throughput(target, load);
        const n = await throughput(nodeTarget, load);
        console.log(`  ${`${load.name}, workers`.padEnd(58)} ${fmt(w.rps).padStart(10)} req/s   p50 ${w.p50} ms  p99 ${w.p99} ms`);
        console.log(`  ${`${load.name}, node`.padEnd(58)} ${fmt(n.rps).padStart(10)} req/s   p50 ${n.p50} ms  p99 ${n.p99} ms`);
        ratio(`${load.name}: workers / node`, w.rps / n.rps, 0.8);
      }
    } finally {
      await node.stop();
    }
  } finally {
    for (const w of workers) await w.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(`# skillcred Workers benchmarks  ${new Date().toISOString()}  node ${process.version}`);
  await run();
}

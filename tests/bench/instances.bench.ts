// npm run bench -- instances: HTTP verification and issuance on one Node instance, then on two
// instances sharing one PostgreSQL (and one KEYS_DIR), in the same run, each instance with
// WORKERS=1. Load: wrk (or autocannon), one load per instance at the same time, summed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, pgUnavailable, startPgCluster } from '../helpers/pg-cluster.js';
import { startNodeService, type NodeService } from '../helpers/node-process.js';
import { bearer, skillLevelRequest } from '../helpers/requests.js';
import { fmt, heading, loadNote, ratio } from './harness.js';
import { runLoad, type Load } from './load.js';

const CONNECTIONS = 8;
const SECONDS = 6;

/** Requests a second of `make(instance)` run against every instance at once, summed. */
async function together(instances: NodeService[], make: (s: NodeService) => Load): Promise<number> {
  const results = await Promise.all(instances.map((s) => runLoad(make(s))));
  const failed = results.reduce((n, r) => n + r.failed, 0);
  if (failed > 0) throw new Error(`${failed} failed answers`);
  return results.reduce((n, r) => n + r.requestsPerSecond, 0);
}

/** Runs the one-versus-two-instances benchmark and returns its figures. */
export async function run(): Promise<Record<string, number>> {
  heading('HTTP on PostgreSQL: one instance vs two instances on one database (WORKERS=1 each)');
  const missing = pgUnavailable();
  if (missing) {
    console.log(`  skipped: ${missing}`);
    return {};
  }
  const cluster = await startPgCluster({ durable: true });
  const keys = mkdtempSync(join(tmpdir(), 'skillcred-bench-keys-'));
  const env = {
    DATABASE_URL: await createDatabase(cluster.url, 'bench'),
    KEYS_DIR: keys,
    DATA_DIR: join(keys, 'unused'),
    PUBLIC_URL: 'https://certs.example.cn',
    LOG_LEVEL: 'error',
    WORKERS: '1',
    ANONYMOUS_REQUESTS_PER_MINUTE: '10000000',
  };
  const instances: NodeService[] = [];
  const out: Record<string, number> = {};
  try {
    instances.push(await startNodeService(env, 60_000));
    const apiKey = /dev issuer API key\s+(\S+)/.exec(instances[0]!.stdout())![1]!;
    const headers = { ...bearer(apiKey), 'content-type': 'application/json' };
    const issued = await fetch(`${instances[0]!.url}/v1/certificates`, { method: 'POST', headers, body: JSON.stringify(skillLevelRequest()) });
    const credential = ((await issued.json()) as { verifiableCredential: unknown }).verifiableCredential;
    const verify = (s: NodeService): Load => ({
      url: `${s.url}/credentials/verify`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ verifiableCredential: credential }),
      connections: CONNECTIONS,
      seconds: SECONDS,
    });
    const issue = (s: NodeService): Load => ({
      url: `${s.url}/v1/certificates`,
      method: 'POST',
      headers,
      body: JSON.stringify(skillLevelRequest({ assessment: { id: `B-${s.url.slice(-5)}-{{n}}`, date: '2025-06-20' } })),
      connections: CONNECTIONS,
      seconds: SECONDS,
    });
    console.log(`  ${CONNECTIONS} connections per instance, ${SECONDS} s after a 2 s warm-up; eddsa-rdfc-2022 (the default suite)`);
    out.verifyOne = await together(instances, verify);
    out.issueOne = await together(instances, issue);
    instances.push(await startNodeService(env, 60_000));
    out.verifyTwo = await together(instances, verify);
    out.issueTwo = await together(instances, issue);
    for (const [what, one, two] of [
      ['verification (POST /credentials/verify)', out.verifyOne, out.verifyTwo],
      ['issuance (POST /v1/certificates)', out.issueOne, out.issueTwo],
    ] as const) {
      console.log(`  ${what.padEnd(44)} one ${fmt(one).padStart(7)} req/s   two ${fmt(two).padStart(7)} req/s`);
      ratio(`  two instances ÷ one, ${what.split(' ')[0]}`, two / one, 1.6);
    }
    console.log(`  (${loadNote()} at the end)`);
  } finally {
    await Promise.all(instances.map((s) => s.stop()));
    cluster.stop();
    rmSync(keys, { recursive: true, force: true });
  }
  return out;
}

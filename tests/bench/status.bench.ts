// Issue #3 benchmarks: publishing a signed status list, and conditional GETs against a trivial route.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLoad } from './load.js';
import { createTestApp, bearer, skillLevelRequest } from '../helpers/app.js';
import { startNodeService } from '../helpers/node-process.js';
import { fmt, heading, ratio } from './harness.js';

async function publishing(): Promise<Record<string, number>> {
  heading('Publishing a status list (131,072 entries): read set bits + encode + sign + store');
  const t = await createTestApp();
  const out: Record<string, number> = {};
  try {
    const issuer = (await t.ports.store.getIssuer({ slug: 'dev' }))!;
    const db = t.db();
    // One credential with a real entry opens list 1; then fill it with revoked entries directly.
    await t.call('POST', '/v1/certificates', skillLevelRequest(), bearer(t.devKey));
    const list = (await t.ports.store.getStatusList(issuer.id, 'revocation', 1))!;
    const insertCredential = db.prepare("INSERT INTO credentials (id, issuer_id, kind, issued_at, format, document) VALUES (?, ?, 'vc', ?, 'x', '{}')");
    const insertEntry = db.prepare("INSERT OR IGNORE INTO status_entries (list_id, idx, credential_id, purpose, value) VALUES (?, ?, ?, 'revocation', 1)");
    let made = 0;
    for (const target of [1000, 10000]) {
      db.transaction(() => {
        while (made < target) {
          const id = `urn:bench:${made}`;
          insertCredential.run(id, issuer.id, new Date().toISOString());
          if (insertEntry.run(list.id, Math.floor(Math.random() * list.size), id).changes === 1) made++;
          else db.prepare('DELETE FROM credentials WHERE id = ?').run(id);
        }
      })();
      const bump = db.prepare('UPDATE status_lists SET version = version + 1 WHERE id = ?');
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < 40; i++) {
        bump.run(list.id);
        const start = performance.now();
        const published = await t.services.status.published('dev', 'revocation', 1);
        times.push(performance.now() - start);
        bytes = Buffer.byteLength(published.json);
      }
      const measured = times.slice(10).sort((a, b) => a - b); // the first 10 rounds warm up
      const median = measured[Math.floor(measured.length / 2)]!;
      console.log(
        `  ${`publish with ${target.toLocaleString('en-US')} revoked`.padEnd(58)} ${median.toFixed(2).padStart(10)} ms   ${bytes.toLocaleString('en-US')} bytes served   ${target === 10000 ? `target ≤ 20 ms  ${median <= 20 ? 'met' : 'NOT MET'}` : ''}`,
      );
      out[`publish${target}ms`] = median;
      out[`publish${target}bytes`] = bytes;
    }
  } finally {
    await t.close();
  }
  return out;
}

async function conditionalGet(): Promise<Record<string, number>> {
  heading('Conditional GET of a status list (If-None-Match → 304) vs a trivial route, real Node entry');
  const dir = mkdtempSync(join(tmpdir(), 'skillcred-bench-'));
  const service = await startNodeService({ DATA_DIR: join(dir, 'data'), KEYS_DIR: join(dir, 'keys'), LOG_LEVEL: 'error' });
  try {
    const apiKey = /dev issuer API key\s+(\S+)/.exec(service.stdout())![1]!;
    const issued = await fetch(`${service.url}/v1/certificates`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(skillLevelRequest()),
    });
    const { verifiableCredential } = (await issued.json()) as { verifiableCredential: { credentialStatus: { statusListCredential: string } } };
    const path = new URL(verifiableCredential.credentialStatus.statusListCredential).pathname;
    const etag = (await fetch(service.url + path)).headers.get('etag')!;
    const probe = await fetch(service.url + path, { headers: { 'if-none-match': etag } });
    if (probe.status !== 304) throw new Error('the conditional GET did not answer 304');
    const run = (p: string, headers: Record<string, string> = {}, expect304 = false) =>
      runLoad({ url: service.url + p, connections: 16, seconds: 5, headers, expect304 });
    const trivial = await run('/health');
    const conditional = await run(path, { 'if-none-match': etag }, true);
    const full = await run(path);
    console.log(`  ${`trivial route GET /health (${trivial.tool})`.padEnd(58)} ${fmt(trivial.requestsPerSecond).padStart(10)} req/s`);
    console.log(`  ${'status list GET with If-None-Match (304)'.padEnd(58)} ${fmt(conditional.requestsPerSecond).padStart(10)} req/s`);
    console.log(`  ${'status list GET, full body (200)'.padEnd(58)} ${fmt(full.requestsPerSecond).padStart(10)} req/s`);
    ratio('conditional GET / trivial route', conditional.requestsPerSecond / trivial.requestsPerSecond, 0.5);
    return { trivial: trivial.requestsPerSecond, conditional: conditional.requestsPerSecond, full: full.requestsPerSecond };
  } finally {
    await service.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<Record<string, number>> {
  return { ...(await publishing()), ...(await conditionalGet()) };
}

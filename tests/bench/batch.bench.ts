// Issue #6 benchmark: batch verification throughput against the same credentials sent one call at a time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { skillLevelRequest } from '../helpers/app.js';
import { startNodeService } from '../helpers/node-process.js';
import { fmt, heading, ratio } from './harness.js';

type Json = Record<string, any>;

export async function run(): Promise<Record<string, number>> {
  heading('Batch verification (POST /v1/verify/batch) vs one call per credential, real Node entry');
  const dir = mkdtempSync(join(tmpdir(), 'skillcred-bench-'));
  const service = await startNodeService({
    DATA_DIR: join(dir, 'data'),
    KEYS_DIR: join(dir, 'keys'),
    LOG_LEVEL: 'error',
    ADMIN_TOKEN: 'bench-admin-token-0123456789',
  });
  const out: Record<string, number> = {};
  try {
    const apiKey = /dev issuer API key\s+(\S+)/.exec(service.stdout())![1]!;
    const call = async (path: string, body: unknown, token = apiKey) => {
      const res = await fetch(service.url + path, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Json };
    };
    const partner = (
      await call(
        '/admin/partners',
        { slug: 'bench-hk', names: { en: 'Bench partner' }, region: 'HK', rateLimitPerMinute: 100000 },
        'bench-admin-token-0123456789',
      )
    ).body.apiKey.token as string;
    for (const suite of ['eddsa-jcs-2022', 'eddsa-rdfc-2022'] as const) {
      const creds: Json[] = [];
      for (let i = 0; i < 20; i++)
        creds.push(
          (await call('/v1/certificates', skillLevelRequest({ cryptosuite: suite, assessment: { id: `BB-${suite}-${i}`, date: '2025-06-20' } }))).body
            .verifiableCredential,
        );
      const n = suite === 'eddsa-jcs-2022' ? 1000 : 200;
      const items = Array.from({ length: n }, (_, i) => creds[i % creds.length]);
      // warm both paths
      await call('/v1/verify/batch', { items: items.slice(0, 50) }, partner);
      for (const c of creds) await call('/credentials/verify', { verifiableCredential: c });

      let start = performance.now();
      for (const item of items) {
        const r = await call('/credentials/verify', { verifiableCredential: item });
        if (r.status !== 200) throw new Error('single verify failed');
      }
      const single = n / ((performance.now() - start) / 1000);
      start = performance.now();
      const r = await call('/v1/verify/batch', { items }, partner);
      if (r.status !== 200 || r.body.counts.valid !== n) throw new Error(`batch verify failed: ${JSON.stringify(r.body.counts)}`);
      const batch = n / ((performance.now() - start) / 1000);
      console.log(`  ${`${suite}: one call per credential (${n} calls)`.padEnd(58)} ${fmt(single).padStart(10)} cred/s`);
      console.log(`  ${`${suite}: one batch of ${n}`.padEnd(58)} ${fmt(batch).padStart(10)} cred/s`);
      ratio(`${suite}: batch / single calls`, batch / single, 2);
      out[`${suite}-single`] = single;
      out[`${suite}-batch`] = batch;
    }
  } finally {
    await service.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

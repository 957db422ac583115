// Issue 15 benchmark: exam-session issuance (a 2,000-row sheet, checked, signed and committed in
// chunks) in certificates per second, next to bare signing of the same certificate in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemble } from '../../src/app.js';
import { parseConfig, parseNodeSettings } from '../../src/config.js';
import { createProof } from '../../src/credentials/data-integrity.js';
import { documentLoader } from '../../src/credentials/document-loader.js';
import type { Principal } from '../../src/domain/principal.js';
import { noAssets, noNetworkFetcher, silentLogger } from '../../src/ports.js';
import { nodeCrypto } from '../../src/runtime/node/crypto.js';
import { nodePorts } from '../../src/runtime/node/ports.js';
import { csvSheet, HEADERS, session } from '../batches/sheets.js';
import { fmt, heading, measure, ratio } from './harness.js';
import { sampleCertificate } from './signing.bench.js';

const ROWS = 2000;

export async function run(): Promise<Record<string, number>> {
  heading(`Exam-session issuance: one ${ROWS}-row CSV sheet (checked, signed, committed in chunks of 100; SQLite WAL) vs bare signing, one thread`);
  const crypto = nodeCrypto();
  const { credential, issuer } = await sampleCertificate();
  const key = await crypto.importPrivateKey((await crypto.generate()).privateJwk);
  const sign = (cryptosuite: 'eddsa-rdfc-2022' | 'eddsa-jcs-2022') => () =>
    createProof(credential, { cryptosuite, created: '2025-06-30T00:00:00Z', verificationMethod: `${issuer.did}#key-1` }, key, { crypto, documentLoader });

  const out: Record<string, number> = {};
  let serial = 0;
  // WORKERS=0 signs on the main thread; the default pool signs on one thread per core. Against the
  // pool, the batch is compared with bare signing times the threads: per worker.
  for (const workers of ['0', String(availableParallelism())]) {
    const dir = mkdtempSync(join(tmpdir(), 'skillcred-bench-batch-'));
    const env = {
      PUBLIC_URL: 'https://certs.example.cn',
      ADMIN_TOKEN: 'bench-admin-token-0123456789',
      DATA_DIR: dir,
      KEYS_DIR: join(dir, 'keys'),
      WORKERS: workers,
    };
    const ports = await nodePorts(parseConfig(env), parseNodeSettings(env), { fetcher: noNetworkFetcher, log: silentLogger, assets: noAssets });
    const threads = Math.max(1, Number(workers));
    console.log(`\n  WORKERS=${workers}: ${workers === '0' ? 'proofs on the main thread' : `a pool of ${workers} proof threads`}`);
    try {
      const { services } = await assemble(ports, { devIssuer: true });
      const dev = (await ports.store.getIssuer({ slug: 'dev' }))!;
      const asIssuer: Principal = { kind: 'issuer', issuerId: dev.id, apiKeyId: 'bench' };
      // A small batch first, untimed: the pool's threads start (and load the JSON-LD stack) on first use.
      const warm = await services.batches.submit(
        asIssuer,
        { source: 'csv', text: csvSheet(session(20, 'WARM', 90_000 + Number(workers) * 100)) },
        { language: 'en', background: () => {} },
      );
      if (warm.kind === 'accepted') await warm.job;
      for (const suite of ['eddsa-rdfc-2022', 'eddsa-jcs-2022'] as const) {
        // This machine's speed drifts (shared cores): bare signing is timed right before and
        // right after the batch, over as many signatures, and the batch is compared with their mean.
        const bareRate = async () => {
          const n = suite === 'eddsa-rdfc-2022' ? 500 : ROWS;
          const start = performance.now();
          for (let i = 0; i < n; i++) await sign(suite)();
          return (n * 1000) / (performance.now() - start);
        };
        await measure(`warm-up: bare ${suite} sign`, sign(suite), 0.5);
        const before = await bareRate();
        const text = csvSheet(
          session(ROWS, `BENCH-${suite}`, serial).map((r) => [...r, suite]),
          [...HEADERS, '签名套件'],
        );
        serial += ROWS;
        const start = performance.now();
        const submitted = await services.batches.submit(asIssuer, { source: 'csv', text }, { language: 'en', background: () => {} });
        if (submitted.kind !== 'accepted') throw new Error('not accepted');
        const checked = performance.now();
        const outcome = await submitted.job;
        const end = performance.now();
        const after = await bareRate();
        const batch = await ports.store.getBatch(submitted.batch.id);
        if (outcome !== 'completed' || batch?.issued !== ROWS) throw new Error(`batch ended ${outcome} with ${batch?.issued} issued`);
        const bare = (before + after) / 2;
        const total = (ROWS * 1000) / (end - start);
        const job = (ROWS * 1000) / (end - checked);
        console.log(`  ${`bare ${suite} sign (one thread), before / after`.padEnd(58)} ${fmt(before).padStart(10)} / ${fmt(after)} ops/s`);
        console.log(`  ${`batch ${suite}: sheet in → all committed`.padEnd(58)} ${fmt(total).padStart(10)} cert/s  (${Math.round(end - start)} ms)`);
        console.log(
          `  ${`batch ${suite}: the job alone (after the checks)`.padEnd(58)} ${fmt(job).padStart(10)} cert/s  (checks ${Math.round(checked - start)} ms)`,
        );
        const target = suite === 'eddsa-rdfc-2022' ? 0.9 : 0.5;
        const per = threads > 1 ? ' per worker' : '';
        ratio(`batch / bare ${suite}${per} (sheet in → committed)`, total / threads / bare, target);
        ratio(`batch / bare ${suite}${per} (the job alone)`, job / threads / bare, target);
        out[`w${workers}-${suite}-bare`] = bare;
        out[`w${workers}-${suite}-batch`] = total;
        out[`w${workers}-${suite}-job`] = job;
      }
    } finally {
      await ports.proofs.close();
      await ports.store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

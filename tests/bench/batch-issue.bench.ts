// Issue 15 benchmark: exam-session issuance (a 2,000-row sheet, checked, signed and committed in
// chunks) in certificates per second, next to bare signing of the same certificate in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

  const dir = mkdtempSync(join(tmpdir(), 'skillcred-bench-batch-'));
  const env = { PUBLIC_URL: 'https://certs.example.cn', ADMIN_TOKEN: 'bench-admin-token-0123456789', DATA_DIR: dir, KEYS_DIR: join(dir, 'keys') };
  const ports = await nodePorts(parseConfig(env), parseNodeSettings(env), { fetcher: noNetworkFetcher, log: silentLogger, assets: noAssets });
  const out: Record<string, number> = {};
  try {
    const { services } = await assemble(ports, { devIssuer: true });
    const dev = (await ports.store.getIssuer({ slug: 'dev' }))!;
    const asIssuer: Principal = { kind: 'issuer', issuerId: dev.id, apiKeyId: 'bench' };
    let serial = 0;
    for (const suite of ['eddsa-rdfc-2022', 'eddsa-jcs-2022'] as const) {
      // This machine's speed drifts (shared cores): bare signing is timed right before and right
      // after the batch, over as many signatures, and the batch is compared with their mean.
      const bareRate = async () => {
        const n = suite === 'eddsa-rdfc-2022' ? 500 : ROWS;
        const start = performance.now();
        for (let i = 0; i < n; i++) await sign(suite)();
        return (n * 1000) / (performance.now() - start);
      };
      await measure(`warm-up: bare ${suite} sign`, sign(suite), 0.5);
      const before = await bareRate();
      const rows = session(ROWS, `BENCH-${suite}`, serial).map((r) => [...r, suite]);
      serial += ROWS;
      const text = csvSheet(rows, [...HEADERS, '签名套件']);
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
      console.log(`  ${`bare ${suite} sign, before / after the batch`.padEnd(58)} ${fmt(before).padStart(10)} / ${fmt(after)} ops/s`);
      console.log(`  ${`batch ${suite}: sheet in → all committed`.padEnd(58)} ${fmt(total).padStart(10)} cert/s  (${Math.round(end - start)} ms)`);
      console.log(
        `  ${`batch ${suite}: the job alone (after the checks)`.padEnd(58)} ${fmt(job).padStart(10)} cert/s  (checks ${Math.round(checked - start)} ms)`,
      );
      const target = suite === 'eddsa-rdfc-2022' ? 0.9 : 0.5;
      ratio(`batch / bare ${suite} signing (sheet in → committed)`, total / bare, target);
      ratio(`batch / bare ${suite} signing (the job alone)`, job / bare, target);
      out[`${suite}-bare`] = bare;
      out[`${suite}-batch`] = total;
      out[`${suite}-job`] = job;
    }
  } finally {
    await ports.store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

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
      const bare = await measure(`bare ${suite} sign (same certificate, key imported once)`, sign(suite));
      const rows = session(ROWS, `BENCH-${suite}`, serial).map((r) => [...r, suite]);
      serial += ROWS;
      const text = csvSheet(rows, [...HEADERS, '签名套件']);
      const start = performance.now();
      const submitted = await services.batches.submit(asIssuer, { source: 'csv', text }, { language: 'en', background: () => {} });
      if (submitted.kind !== 'accepted') throw new Error('not accepted');
      const checked = performance.now();
      const outcome = await submitted.job;
      const end = performance.now();
      const batch = await ports.store.getBatch(submitted.batch.id);
      if (outcome !== 'completed' || batch?.issued !== ROWS) throw new Error(`batch ended ${outcome} with ${batch?.issued} issued`);
      const total = (ROWS * 1000) / (end - start);
      const job = (ROWS * 1000) / (end - checked);
      console.log(`  ${`batch ${suite}: sheet in → all committed`.padEnd(58)} ${fmt(total).padStart(10)} cert/s  (${Math.round(end - start)} ms)`);
      console.log(
        `  ${`batch ${suite}: the job alone (after the checks)`.padEnd(58)} ${fmt(job).padStart(10)} cert/s  (checks ${Math.round(checked - start)} ms)`,
      );
      ratio(`batch / bare ${suite} signing`, total / bare.opsPerSec, suite === 'eddsa-rdfc-2022' ? 0.9 : 0.5);
      out[`${suite}-bare`] = bare.opsPerSec;
      out[`${suite}-batch`] = total;
      out[`${suite}-job`] = job;
    }
  } finally {
    await ports.store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

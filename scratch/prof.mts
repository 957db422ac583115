import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemble } from '../src/app.js';
import { parseConfig, parseNodeSettings } from '../src/config.js';
import { noAssets, noNetworkFetcher, silentLogger } from '../src/ports.js';
import { nodePorts } from '../src/runtime/node/ports.js';
import { csvSheet, HEADERS, session } from '../tests/batches/sheets.js';
const suite = process.argv[2] ?? 'eddsa-jcs-2022';
const dir = mkdtempSync(join(tmpdir(), 'skillcred-prof-'));
const env = { PUBLIC_URL: 'https://certs.example.cn', ADMIN_TOKEN: 'bench-admin-token-0123456789', DATA_DIR: dir, KEYS_DIR: join(dir, 'keys') };
const ports = await nodePorts(parseConfig(env), parseNodeSettings(env), { fetcher: noNetworkFetcher, log: silentLogger, assets: noAssets });
const { services } = await assemble(ports, { devIssuer: true });
const dev = (await ports.store.getIssuer({ slug: 'dev' }))!;
for (let k = 0; k < 3; k++) {
  const text = csvSheet(session(2000, `P${k}`, k * 2000).map((r) => [...r, suite]), [...HEADERS, '签名套件']);
  const t0 = performance.now();
  const s = await services.batches.submit({ kind: 'issuer', issuerId: dev.id, apiKeyId: 'x' }, { source: 'csv', text }, { language: 'en', background: () => {} });
  const t1 = performance.now();
  if (s.kind === 'accepted') await s.job;
  const t2 = performance.now();
  console.log(suite, 'checks', Math.round(t1 - t0), 'job', Math.round(t2 - t1));
}

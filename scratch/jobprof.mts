import { mkdtempSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemble } from '../src/app.js';
import { parseConfig, parseNodeSettings } from '../src/config.js';
import { noAssets, noNetworkFetcher, silentLogger } from '../src/ports.js';
import { nodePorts } from '../src/runtime/node/ports.js';
import { csvSheet, HEADERS, session } from '../tests/batches/sheets.js';
const suite = process.argv[2] ?? 'eddsa-jcs-2022';
const phase = process.argv[3] ?? 'job';
const dir = mkdtempSync(join(tmpdir(), 'skillcred-prof-'));
const env = { PUBLIC_URL: 'https://certs.example.cn', ADMIN_TOKEN: 'bench-admin-token-0123456789', DATA_DIR: dir, KEYS_DIR: join(dir, 'keys') };
const ports = await nodePorts(parseConfig(env), parseNodeSettings(env), { fetcher: noNetworkFetcher, log: silentLogger, assets: noAssets });
const { services } = await assemble(ports, { devIssuer: true });
const dev = (await ports.store.getIssuer({ slug: 'dev' }))!;
const s = new Session(); s.connect(); await s.post('Profiler.enable');
for (let k = 0; k < 4; k++) {
  const text = csvSheet(session(2000, `P${k}`, k * 2000).map((r) => [...r, suite]), [...HEADERS, '签名套件']);
  if (k >= 1 && phase === 'checks') await s.post('Profiler.start');
  const sub = await services.batches.submit({ kind: 'issuer', issuerId: dev.id, apiKeyId: 'x' }, { source: 'csv', text }, { language: 'en', background: () => {} });
  if (k >= 1 && phase === 'checks') { const { profile } = await s.post('Profiler.stop'); writeFileSync(`/tmp/prof/p${k}.cpuprofile`, JSON.stringify(profile)); }
  if (k >= 1 && phase === 'job') await s.post('Profiler.start');
  if (sub.kind === 'accepted') await sub.job;
  if (k >= 1 && phase === 'job') { const { profile } = await s.post('Profiler.stop'); writeFileSync(`/tmp/prof/p${k}.cpuprofile`, JSON.stringify(profile)); }
}

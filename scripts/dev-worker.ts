// npm run dev:worker [-- --port 8787]: the Worker under `wrangler dev` on a local D1 (under
// .wrangler/state), migrations applied, keys generated into the git-ignored .dev.vars on first
// run, and a development issuer seeded with a provisioned key. Prints what to call it with.
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { ensureIssuer } from './admin-client.js';
import { ROOT, buildPage, generateSecrets, migrateLocal, readEnvFile, startWranglerDev, wranglerVersion, writeEnvFile } from './wrangler-local.js';

const { values } = parseArgs({ options: { port: { type: 'string', default: process.env.PORT ?? '8787' } } });
const port = Number(values.port);
const devVars = join(ROOT, '.dev.vars');

let secrets = readEnvFile(devVars);
if (!secrets) {
  secrets = await generateSecrets(['dev-1']);
  writeEnvFile(devVars, secrets);
  console.log('wrote .dev.vars: ISSUER_KEYS (service-1, dev-1) and ADMIN_TOKEN, generated here (git-ignored)');
}
console.log('building the verify page (public/assets) …');
await buildPage();
console.log('applying migrations to the local D1 …');
await migrateLocal();
console.log(`starting wrangler ${wranglerVersion()} dev (local mode, offline) …`);
const worker = await startWranglerDev({ port, envFile: devVars, inherit: true, timeoutMs: 120_000 });
const stop = () => void worker.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
worker.child.on('exit', (code) => process.exit(code ?? 0));

try {
  const dev = await ensureIssuer(worker.url, secrets.ADMIN_TOKEN, { slug: 'dev', keyRef: 'dev-1' });
  console.log(
    [
      '',
      `skillcred on Workers (local) at http://localhost:${port}`,
      `  admin token          ${secrets.ADMIN_TOKEN}   (from .dev.vars)`,
      `  dev issuer DID       ${dev.did}${dev.created ? '   (created now)' : ''}`,
      `  dev issuer API key   ${dev.apiKey}   (new for this run)`,
      '',
      `  curl -s http://localhost:${port}/v1/certificates -H "Authorization: Bearer ${dev.apiKey}" \\`,
      "    -H 'Content-Type: application/json' -d @examples/skill-level-certificate.json",
      '',
    ].join('\n'),
  );
} catch (error) {
  console.error(`dev:worker: seeding the development issuer failed: ${error instanceof Error ? error.message : String(error)}`);
}

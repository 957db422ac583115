// The Worker bundle `wrangler deploy` would upload, built offline with --dry-run, then served as
// is (`wrangler dev --no-bundle`, local D1) and used: what CI checks before anything is deployed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureIssuer } from '../../scripts/admin-client.js';
import { buildBundle, generateSecrets, migrateLocal, startWranglerDev, writeEnvFile, type Bundle } from '../../scripts/wrangler-local.js';
import { skillLevelRequest } from '../helpers/requests.js';
import { freePort } from '../helpers/node-process.js';

const dir = mkdtempSync(join(tmpdir(), 'skillcred-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let bundle: Bundle;

describe('the Worker bundle (wrangler deploy --dry-run)', () => {
  it('builds offline, within 500 KiB gzipped, with jsonld bundled once and nothing Node-only', async () => {
    bundle = await buildBundle(join(dir, 'dist'));
    expect(bundle.gzipBytes).toBeLessThanOrEqual(500 * 1024);
    const code = readFileSync(bundle.path, 'utf8');
    // jsonld-speedup patches lib/util.js: it must be the one util module the bundled jsonld uses.
    expect(code.match(/^\/\/ node_modules\/jsonld\/lib\/util\.js$/gm)).toHaveLength(1);
    expect(code).toContain('skillcredFast');
    expect(code).not.toMatch(/node_modules\/jsonld\/dist\//);
    expect(code).not.toMatch(/node_modules\/(better-sqlite3|@digitalbazaar\/http-client)\//);
    expect(code).not.toMatch(/import\.meta\.url/); // replaced by the [define] in wrangler.toml
  }, 120_000);

  it('serves: creates an issuer with a provisioned key and issues an eddsa-rdfc-2022 certificate', async () => {
    const persist = join(dir, 'state');
    const envFile = join(dir, 'secrets.env');
    const secrets = await generateSecrets(['bundle-1']);
    writeEnvFile(envFile, secrets);
    await migrateLocal(persist);
    const worker = await startWranglerDev({ port: await freePort(), bundle: bundle.path, persistTo: persist, envFile });
    try {
      const issuer = await ensureIssuer(worker.url, secrets.ADMIN_TOKEN, { slug: 'bundle', keyRef: 'bundle-1' });
      const res = await fetch(`${worker.url}/v1/certificates`, {
        method: 'POST',
        headers: { authorization: `Bearer ${issuer.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(skillLevelRequest()),
      });
      const body = (await res.json()) as { verifiableCredential: { proof: { cryptosuite: string }[]; credentialStatus: { statusListCredential: string } } };
      expect(res.status).toBe(201);
      expect(body.verifiableCredential.proof[0]!.cryptosuite).toBe('eddsa-rdfc-2022');
      const list = await fetch(body.verifiableCredential.credentialStatus.statusListCredential.replace(/^http:\/\/localhost:\d+/, worker.url));
      expect(list.status).toBe(200);
      expect(list.headers.get('etag')).toMatch(/^"/);
      // offline and quiet: no Request.cf lookup, no stack trace of an unreachable host
      expect(worker.output()).not.toMatch(/Request\.cf|ENOTFOUND|getaddrinfo|^\s+at /m);
    } finally {
      await worker.stop();
    }
  }, 180_000);
});

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NODE, ROOT, run, startNodeService, TS, type NodeService } from '../helpers/node-process.js';

const dir = mkdtempSync(join(tmpdir(), 'skillcred-node-'));
let service: NodeService | undefined;
afterAll(async () => {
  await service?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the real Node entry (npm start)', () => {
  it('creates the database and a 0600 key on first start, prints the DID and an API key once, and issues the README example', async () => {
    const env = { DATA_DIR: join(dir, 'data'), KEYS_DIR: join(dir, 'keys') };
    service = await startNodeService(env);
    const out = service.stdout();
    const did = /dev issuer DID\s+(\S+)/.exec(out)?.[1];
    const apiKey = /dev issuer API key\s+(\S+)/.exec(out)?.[1];
    expect(did).toMatch(/^did:web:localhost%3A\d+:issuers:dev$/);
    expect(apiKey).toMatch(/^skc_/);
    expect(statSync(join(dir, 'data', 'skillcred.db')).isFile()).toBe(true);
    // the database, its WAL and shared-memory files are the service user's only, in a 0700 directory
    expect(statSync(join(dir, 'data')).mode & 0o777).toBe(0o700);
    for (const f of readdirSync(join(dir, 'data'))) expect([f, statSync(join(dir, 'data', f)).mode & 0o777]).toEqual([f, 0o600]);
    expect(readdirSync(join(dir, 'data'))).toEqual(expect.arrayContaining(['skillcred.db', 'skillcred.db-wal', 'skillcred.db-shm']));

    const keyFiles = readdirSync(join(dir, 'keys'));
    expect(keyFiles.length).toBeGreaterThanOrEqual(1);
    for (const f of keyFiles) expect(statSync(join(dir, 'keys', f)).mode & 0o777, f).toBe(0o600);

    const example = readFileSync(join(ROOT, 'examples', 'skill-level-certificate.json'), 'utf8');
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('examples/skill-level-certificate.json');
    const res = await fetch(`${service.url}/v1/certificates`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: example,
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { verifiableCredential: { issuer: { id: string } } };
    expect(body.verifiableCredential.issuer.id).toBe(did);

    // a restart keeps the issuer and prints no secrets again
    await service.stop();
    service = await startNodeService(env);
    expect(service.stdout()).not.toContain('API key');
    const again = await fetch(`${service.url}/v1/certificates`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: example.replace('ASM-2025-0001', 'ASM-2025-0002'),
    });
    expect(again.status).toBe(201);
  });

  it('stops on invalid configuration with one clear line and no stack trace', async () => {
    for (const [env, says] of [
      [{ PORT: 'eighty' }, 'PORT must be a whole number'],
      [{ PUBLIC_URL: 'ftp://x' }, 'PUBLIC_URL must use http or https'],
      [{ STATUS_LIST_SIZE: '1000' }, 'STATUS_LIST_SIZE must be between 131072'],
      [{ ADMIN_TOKEN: 'short' }, 'ADMIN_TOKEN must be at least 16 characters'],
    ] as const) {
      const r = await run(NODE, TS('src/node.ts'), { ...env, DATA_DIR: join(dir, 'bad'), KEYS_DIR: join(dir, 'bad-keys') });
      expect(r.code).toBe(1);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(says);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('the admin command line creates issuers and API keys without HTTP', async () => {
    const env = { DATA_DIR: join(dir, 'cli'), KEYS_DIR: join(dir, 'cli-keys'), PUBLIC_URL: 'https://certs.example.cn' };
    const created = await run(
      NODE,
      TS('src/cli/admin.ts', 'issuers', 'create', '--slug', 'fs-weld', '--name', '佛山焊接评价站', '--org-kind', 'Y', '--filing-code', 'GD-Y-12'),
      env,
    );
    expect(created.code, created.stderr).toBe(0);
    const body = JSON.parse(created.stdout) as { issuer: { did: string }; apiKey: { token: string } };
    expect(body.issuer.did).toBe('did:web:certs.example.cn:issuers:fs-weld');
    const key = await run(NODE, TS('src/cli/admin.ts', 'api-keys', 'create', 'fs-weld'), env);
    expect(JSON.parse(key.stdout).apiKey.token).toMatch(/^skc_/);
    const rotated = await run(NODE, TS('src/cli/admin.ts', 'keys', 'rotate', 'fs-weld'), env);
    expect(JSON.parse(rotated.stdout).key.id).toMatch(/#key-2$/);
    const bad = await run(NODE, TS('src/cli/admin.ts', 'keys', 'rotate', 'nobody'), env);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('skillcred admin: no issuer "nobody"');
  });
});

describe('admin command line: status', () => {
  it('revokes in bulk with progress on stderr, and lists the audit log', async () => {
    const env = { DATA_DIR: join(dir, 'cli-status'), KEYS_DIR: join(dir, 'cli-status-keys'), PUBLIC_URL: 'https://certs.example.cn' };
    const created = await run(
      NODE,
      TS('src/cli/admin.ts', 'issuers', 'create', '--slug', 'zh-exam', '--name', '珠海考评站', '--org-kind', 'S', '--filing-code', 'GD-S-9'),
      env,
    );
    expect(created.code, created.stderr).toBe(0);
    const accredited = await run(
      NODE,
      TS(
        'src/cli/admin.ts',
        'accreditations',
        'add',
        'zh-exam',
        '--kinds',
        'skill-level',
        '--occupations',
        '4-04-*',
        '--ranks',
        '2,3,4',
        '--from',
        '2020-01-01T00:00:00Z',
        '--chain',
        '珠海人工智能产业链',
      ),
      env,
    );
    expect(accredited.code, accredited.stderr).toBe(0);
    // issue three certificates through the services, as the server would
    const issue = await run(NODE, TS('tests/helpers/issue-some.ts', 'zh-exam', '3', 'ASM-CLI'), env);
    expect(issue.code, issue.stderr).toBe(0);
    const ids = JSON.parse(issue.stdout) as string[];
    const bulk = await run(
      NODE,
      TS(
        'src/cli/admin.ts',
        'status',
        'bulk',
        '--issuer',
        'zh-exam',
        '--action',
        'revoke',
        '--reason',
        '考场舞弊',
        '--from',
        '2000-01-01T00:00:00Z',
        '--to',
        '2999-01-01T00:00:00Z',
      ),
      env,
    );
    expect(bulk.code, bulk.stderr).toBe(0);
    expect(JSON.parse(bulk.stdout)).toMatchObject({ matched: 3, changed: 3 });
    expect(bulk.stderr).toContain('revoke: 3/3 (100%)');
    const audit = await run(NODE, TS('src/cli/admin.ts', 'audit', '--credential', ids[0]!), env);
    const entries = (JSON.parse(audit.stdout) as { entries: { reason: string; actor: string }[] }).entries;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ reason: '考场舞弊' });
    expect(entries[0]!.actor).toMatch(/^cli:/);
    const again = await run(NODE, TS('src/cli/admin.ts', 'status', 'reinstate', ids[0]!, '--reason', 'appeal'), env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('revocation is final');
  });
});

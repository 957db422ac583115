// Strangers' verifiers read our status lists: the Digital Bazaar / DCC stack's HTTP client parses
// JSON media types only, so a list must be answered as JSON-LD when the client asks for it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skillLevelRequest } from '../helpers/requests.js';
import { NODE, ROOT, startNodeService, TS, type NodeService } from '../helpers/node-process.js';

const ADMIN = 'http-client-admin-token-0123456789';
let service: NodeService;
let dir: string;
let apiKey: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'skillcred-dcc-'));
  service = await startNodeService({ DATA_DIR: join(dir, 'data'), KEYS_DIR: join(dir, 'keys'), ADMIN_TOKEN: ADMIN });
  apiKey = /dev issuer API key\s+(\S+)/.exec(service.stdout())![1]!;
});
afterAll(async () => {
  await service?.stop();
  rmSync(dir, { recursive: true, force: true });
});

type Json = Record<string, any>;

let n = 0;
async function issue(): Promise<Json> {
  const body = skillLevelRequest({ assessment: { id: `DCC-${n++}`, date: '2025-06-20' } });
  const res = await fetch(`${service.url}/v1/certificates`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as Json;
}

function dccCheck(credential: Json): Json {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(credential));
  const r = spawnSync(NODE, TS('tests/helpers/dcc-status-check.ts', file), { cwd: ROOT, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Json;
}

describe('status lists through @digitalbazaar/http-client and stock checkStatus', () => {
  it('reads a revoked certificate as revoked and a live one as live', async () => {
    const revoked = await issue();
    const live = await issue();
    const r = await fetch(`${service.url}/v1/credentials/${encodeURIComponent(revoked.id)}/revoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'fraud' }),
    });
    expect(r.status).toBe(200);
    const a = dccCheck(revoked.verifiableCredential);
    expect(a.error).toBeUndefined();
    expect([a.verified, a.status]).toEqual([true, true]);
    expect(a.fetched.every((f: Json) => f.parsed)).toBe(true);
    const b = dccCheck(live.verifiableCredential);
    expect([b.verified, b.status]).toEqual([true, false]);
  });

  it('answers application/vc by default and JSON-LD or JSON when asked, varying on Accept, with Expires matching max-age', async () => {
    const { verifiableCredential: vc } = await issue();
    const url = vc.credentialStatus.statusListCredential as string;
    const plain = await fetch(url);
    expect(plain.headers.get('content-type')).toBe('application/vc');
    const ld = await fetch(url, { headers: { accept: 'application/ld+json, application/json' } });
    expect(ld.headers.get('content-type')).toBe('application/ld+json');
    expect(ld.headers.get('vary')).toContain('Accept');
    const js = await fetch(url, { headers: { accept: 'application/json' } });
    expect(js.headers.get('content-type')).toBe('application/json');
    expect(await js.text()).toBe(await plain.text());
    const maxAge = Number(/max-age=(\d+)/.exec(plain.headers.get('cache-control')!)![1]);
    const expires = Date.parse(plain.headers.get('expires')!);
    expect(Math.abs(expires - Date.parse(plain.headers.get('date')!) - maxAge * 1000)).toBeLessThanOrEqual(2000);
    for (const path of ['/trust-list', '/issuers/dev/did.json', '/skillcred/v1']) {
      const res = await fetch(`${service.url}${path}`, { headers: { accept: 'application/json' } });
      expect([path, res.headers.get('content-type')]).toEqual([path, 'application/json']);
    }
    expect((await fetch(`${service.url}/skillcred/v1`)).headers.get('access-control-allow-origin')).toBe('*');
  });
});

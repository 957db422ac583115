// Two real Node instances (src/node.ts) on one PostgreSQL database and one shared KEYS_DIR, as
// behind a load balancer: started at the same moment they bootstrap once; issuance through both
// never shares a status index; idempotency keys replay across them; a revocation through one is
// served by the other; and one killed (SIGKILL) in the middle of issuing loses and doubles nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readInvariants } from '../helpers/pg-invariants.js';
import { describePg, freshDatabase } from '../helpers/pg-test.js';
import { startNodeService, type NodeService } from '../helpers/node-process.js';
import { assessmentRequest, bearer, skillLevelRequest } from '../helpers/requests.js';

const PUBLIC_URL = 'https://certs.example.cn';
type Json = Record<string, unknown>;

describePg('two Node instances on one PostgreSQL', () => {
  const keysDir = mkdtempSync(join(tmpdir(), 'skillcred-keys-'));
  let url: string;
  let env: Record<string, string>;
  let a: NodeService;
  let b: NodeService;
  let apiKey: string;
  const sql = async (text: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(text)).rows as Json[];
    } finally {
      await client.end();
    }
  };
  const issue = async (via: NodeService, body: Json, key: string, path = '/v1/certificates') => {
    const res = await fetch(`${via.url}${path}`, {
      method: 'POST',
      headers: { ...bearer(apiKey), 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
    });
    return { res, body: (await res.json()) as Json };
  };

  beforeAll(async () => {
    url = await freshDatabase('instances');
    env = { DATABASE_URL: url, KEYS_DIR: keysDir, PUBLIC_URL, DATA_DIR: join(keysDir, 'unused') };
    [a, b] = await Promise.all([startNodeService(env, 60_000), startNodeService(env, 60_000)]);
  }, 90_000);
  afterAll(async () => {
    // A killed instance has exited already (by signal: its exitCode stays null, so stop() would wait).
    await Promise.all([a, b].filter((s) => s && s.child.signalCode === null).map((s) => s.stop()));
    rmSync(keysDir, { recursive: true, force: true });
  });

  it('bootstraps once when both start at the same moment', async () => {
    const outs = [a.stdout(), b.stdout()];
    expect(outs.filter((o) => o.includes('admin token')).length).toBe(1);
    expect(outs.filter((o) => o.includes('dev issuer API key')).length).toBe(1);
    apiKey = /dev issuer API key\s+(\S+)/.exec(outs.join('\n'))![1]!;
    expect(await sql('SELECT slug FROM issuers')).toEqual([{ slug: 'dev' }]);
    expect(await sql('SELECT COUNT(*)::int AS n FROM accreditations')).toEqual([{ n: 1 }]);
    const serviceKeys = await sql("SELECT value FROM settings WHERE key = 'service_keys'");
    expect(JSON.parse(String(serviceKeys[0]!.value))).toHaveLength(1);
    // Each serves the one dev issuer's DID document with the key the other wrote to KEYS_DIR.
    const docs = await Promise.all([a, b].map(async (s) => (await fetch(`${s.url}/issuers/dev/did.json`)).json()));
    expect(docs[0]).toEqual(docs[1]);
  });

  it('gives certificates issued through both distinct status indexes', async () => {
    const issued = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        issue(i % 2 ? b : a, skillLevelRequest({ assessment: { id: `ASM-SPREAD-${i}`, date: '2025-06-20' } }), `spread-${i}`),
      ),
    );
    const slots = issued.map(({ res, body }) => {
      expect(res.status).toBe(201);
      const status = (body.verifiableCredential as { credentialStatus: { statusListCredential: string; statusListIndex: string } }).credentialStatus;
      return `${status.statusListCredential}#${status.statusListIndex}`;
    });
    expect(new Set(slots).size).toBe(24);
  });

  it('replays an idempotency key used on one instance when the retry reaches the other', async () => {
    const body = skillLevelRequest({ assessment: { id: 'ASM-IDEM-X', date: '2025-06-20' } });
    const first = await issue(a, body, 'idem-across');
    const again = await issue(b, body, 'idem-across');
    expect(first.res.status).toBe(201);
    expect(again.res.status).toBe(201);
    expect(again.res.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.verifiableCredential).toEqual(first.body.verifiableCredential);
    // The same key sent to both at once: one credential between them.
    const raced = await Promise.all(
      [a, b, a, b].map((s) => issue(s, skillLevelRequest({ assessment: { id: 'ASM-IDEM-Y', date: '2025-06-20' } }), 'idem-raced')),
    );
    expect(new Set(raced.map((r) => r.body.id)).size).toBe(1);
    expect(await sql("SELECT COUNT(*)::int AS n FROM credentials WHERE assessment_id IN ('ASM-IDEM-X', 'ASM-IDEM-Y')")).toEqual([{ n: 2 }]);
  });

  it('serves a revocation made through one instance from the other, within the cache window', async () => {
    const { body } = await issue(a, skillLevelRequest({ assessment: { id: 'ASM-REVOKE', date: '2025-06-20' } }), 'to-revoke');
    const verify = async (via: NodeService) =>
      (await (
        await fetch(`${via.url}/credentials/verify`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ verifiableCredential: body.verifiableCredential }),
        })
      ).json()) as Json;
    expect(await verify(b)).toMatchObject({ verified: true, verdict: 'valid' });
    const revoked = await fetch(`${a.url}/v1/credentials/${encodeURIComponent(String(body.id))}/revoke`, {
      method: 'POST',
      headers: { ...bearer(apiKey), 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'multi-instance test' }),
    });
    expect(revoked.status).toBe(200);
    const start = Date.now();
    let seen: Json = {};
    // Polled every 100 ms: a tight loop would meet the anonymous rate limit the instances share.
    while (Date.now() - start < 12_000 && seen.verdict !== 'revoked') {
      seen = await verify(b);
      if (seen.verdict !== 'revoked') await new Promise((r) => setTimeout(r, 100));
    }
    expect(seen).toMatchObject({ verified: false, verdict: 'revoked' });
    // B's own copy of the list lives 5 s (LOCAL_LIST_TTL_MS in services/index.ts); then it re-reads.
    expect(Date.now() - start).toBeLessThan(7_000);
  });

  it('loses and doubles nothing when one instance is killed (SIGKILL) in the middle of issuing', async () => {
    const before = Number((await sql('SELECT COUNT(*)::int AS n FROM credentials'))[0]!.n);
    let next = 0;
    let killed = false;
    let expected = 0;
    const worker = async (w: number) => {
      while (!killed || next < 200) {
        const i = next++;
        if (i >= 400) return;
        const pair = i % 5 === 0;
        const body = pair
          ? assessmentRequest({ assessment: { id: `ASM-KILL-P${i}`, date: '2025-07-01' }, suspension: i % 2 === 0 })
          : skillLevelRequest({ assessment: { id: `ASM-KILL-${i}`, date: '2025-06-20' }, suspension: i % 3 === 0 });
        // Alternate instances; a request cut off by the kill is retried on the survivor with its key.
        for (let via = (i + w) % 2 ? b : a; ; via = b) {
          try {
            const { res } = await issue(via, body, `kill-${i}`, pair ? '/v1/assessments' : '/v1/certificates');
            expect(res.status).toBe(201);
            break;
          } catch (error) {
            if (via === b) throw error;
          }
        }
        expected += pair ? 2 : 1;
      }
    };
    const workers = Promise.all([0, 1, 2, 3, 4, 5].map(worker));
    await new Promise((resolve) => setTimeout(resolve, 700 + Math.random() * 500));
    a.child.kill('SIGKILL');
    killed = true;
    await workers;
    const v = await readInvariants(url, PUBLIC_URL);
    expect(v.credentials - before).toBe(expected); // each request's credentials exactly once
    expect(v.documentIndexMismatch).toEqual([]);
    expect(v.allocatedMismatch).toBe(0);
    expect(v.halfPairs).toEqual([]);
  }, 120_000);
});

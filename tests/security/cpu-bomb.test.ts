// Issue 9 on the real Node entry: the scoped-context bomb (12 KB cost 5 s of CPU, 18 KB 11 s, and
// the whole process waited) is answered 4xx at once on verify and issue, alone and four at once,
// while /health keeps answering; credentials that are heavy but within the budget are verified on
// the pool's threads, so /health does not wait for them either.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeService, type NodeService } from '../helpers/node-process.js';
import { bytesOf, deepJson, FAKE_PROOF, plainCredential, scopedContextBomb } from './bombs.js';

type Json = Record<string, any>;

const HEALTH_MS = 300;
const ANSWER_MS = 1_000;

let service: NodeService;
let dir: string;
let apiKey: string;
let devDid: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'skillcred-bomb-'));
  // WORKERS empty: the default pool (one thread per core), whatever the environment running the tests says.
  service = await startNodeService({ DATA_DIR: join(dir, 'data'), KEYS_DIR: join(dir, 'keys'), WORKERS: '' });
  apiKey = /dev issuer API key\s+(\S+)/.exec(service.stdout())![1]!;
  devDid = /dev issuer DID\s+(\S+)/.exec(service.stdout())![1]!;
});
afterAll(async () => {
  await service?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  ms: number;
  body: Json;
}

async function post(path: string, body: unknown, auth = false): Promise<Answer> {
  const start = performance.now();
  const res = await fetch(service.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${apiKey}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json = (await res.json()) as Json;
  return { status: res.status, ms: performance.now() - start, body: json };
}

const verify = (credential: unknown) => post('/credentials/verify', { verifiableCredential: credential });
const issue = (credential: Json) => post('/credentials/issue', { credential: { ...credential, issuer: devDid } }, true);

/** Runs `work` while /health is asked every 20 ms; reports the slowest /health answer. */
async function probingHealth<T>(work: () => Promise<T>): Promise<{ result: T; healthMaxMs: number; probes: number }> {
  const latencies: number[] = [];
  let stop = false;
  const probe = (async () => {
    while (!stop) {
      const start = performance.now();
      const res = await fetch(`${service.url}/health`);
      await res.text();
      latencies.push(performance.now() - start);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  try {
    const result = await work();
    // At least one probe after the work, so a stalled loop shows even when the work was quick.
    await new Promise((r) => setTimeout(r, 60));
    return { result, healthMaxMs: Math.max(...latencies), probes: latencies.length };
  } finally {
    stop = true;
    await probe;
  }
}

describe('the scoped-context bomb of issue 9 on the real Node entry', () => {
  const bomb12 = scopedContextBomb(200);
  const bomb18 = scopedContextBomb(300);

  it('is the size the issue measured', () => {
    expect(bytesOf(bomb12)).toBeGreaterThanOrEqual(12_000);
    expect(bytesOf(bomb18)).toBeGreaterThanOrEqual(18_000);
  });

  it('POST /credentials/verify answers it 400 (unreadable, naming the rule) in well under a second', async () => {
    for (const bomb of [bomb12, bomb18]) {
      const r = await verify(bomb);
      expect(r.status).toBe(400);
      expect(r.body.verdict).toBe('unreadable');
      expect(r.body.errors[0].code).toBe('inline-context');
      expect(r.ms).toBeLessThan(ANSWER_MS);
    }
  });

  it('POST /credentials/issue answers it 422 problem+json naming the rule in well under a second', async () => {
    for (const bomb of [bomb12, bomb18]) {
      const { proof: _p, ...unsigned } = bomb;
      const r = await issue(unsigned);
      expect(r.status).toBe(422);
      expect(r.body.detail).toContain('rule inline-context');
      expect(r.ms).toBeLessThan(ANSWER_MS);
    }
  });

  it('four at once on each endpoint: every one answered 4xx quickly while /health answers within 300 ms', async () => {
    const bombs = [bomb12, bomb18, bomb12, bomb18];
    const { result, healthMaxMs, probes } = await probingHealth(() =>
      Promise.all([...bombs.map((b) => verify(b)), ...bombs.map(({ proof: _p, ...b }) => issue(b))]),
    );
    for (const r of result) {
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expect(r.ms).toBeLessThan(ANSWER_MS);
    }
    expect(probes).toBeGreaterThan(0);
    expect(healthMaxMs).toBeLessThan(HEALTH_MS);
  });

  it('a 10,000-deep credentialSubject is a 4xx on both endpoints, never a 500', async () => {
    const v = await post(
      '/credentials/verify',
      deepJson((deep) => ({ verifiableCredential: plainCredential({ deep }) }), 10_000),
    );
    expect(v.status).toBe(400);
    expect(v.body.errors[0].code).toBe('max-depth');
    const i = await post(
      '/credentials/issue',
      deepJson((deep) => ({ credential: { ...plainCredential({ deep }, null), issuer: devDid } }), 10_000),
      true,
    );
    expect(i.status).toBe(422);
    expect(i.body.detail).toContain('rule max-depth');
  });
});

describe('credentials heavy but within the budget run on the proof pool', () => {
  // ~390 typed OB 3.0 alignments: ~1,950 values, ~27 KB, 100–200 ms of JSON-LD work each here
  // before the (fake) signature is found wrong. Inline, four of them held the event loop.
  const heavy = (n: number) => ({
    ...plainCredential({}, null),
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `heavy ${n}`,
    credentialSubject: {
      type: 'AchievementSubject',
      achievement: {
        id: `urn:uuid:heavy-${n}`,
        type: 'Achievement',
        name: 'a',
        description: 'd',
        criteria: { narrative: 'n' },
        alignment: Array.from({ length: 385 }, (_, i) => ({ type: 'Alignment', targetName: `t${n}-${i}`, targetUrl: `https://example.org/${i}` })),
      },
    },
    proof: FAKE_PROOF,
  });

  it('four at once are checked (and found forged) while /health answers within 300 ms', async () => {
    await verify(heavy(0)); // the pool's threads start on first use
    const { result, healthMaxMs } = await probingHealth(() => Promise.all([1, 2, 3, 4].map((n) => verify(heavy(n)))));
    for (const r of result) {
      expect(r.status).toBe(422);
      expect(r.body.verdict).toBe('tampered');
    }
    expect(healthMaxMs).toBeLessThan(HEALTH_MS);
  });
});

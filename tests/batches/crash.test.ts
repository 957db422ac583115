// A 2,000-row job on the real Node entry, SIGKILLed twice in the middle: restarts resume it and
// it ends with 2,000 certificates, none twice, no status index given twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startNodeService, type NodeService } from '../helpers/node-process.js';
import { csvSheet, session } from './sheets.js';

type Json = Record<string, any>;
const dir = mkdtempSync(join(tmpdir(), 'skillcred-batch-crash-'));
const env = { DATA_DIR: join(dir, 'data'), KEYS_DIR: join(dir, 'keys'), PUBLIC_URL: 'https://certs.example.cn', LOG_LEVEL: 'error' };
let service: NodeService | undefined;
afterAll(async () => {
  await service?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function batchOf(s: NodeService, id: string, key: string): Promise<Json> {
  const res = await fetch(`${s.url}/v1/batches/${id}?limit=0`, { headers: { authorization: `Bearer ${key}` } });
  return (await res.json()) as Json;
}

/** Waits until the batch has issued at least `n` rows (or completed), then returns it. */
async function until(s: NodeService, id: string, key: string, n: number, timeoutMs = 120_000): Promise<Json> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const b = await batchOf(s, id, key);
    if (b.counts.issued >= n || b.state === 'completed' || Date.now() > end) return b;
    await new Promise((r) => setTimeout(r, 50));
  }
}

function kill(s: NodeService): Promise<void> {
  return new Promise((resolve) => {
    s.child.once('exit', () => resolve());
    s.child.kill('SIGKILL');
  });
}

describe('a batch job killed with SIGKILL mid-way', () => {
  it('resumes on restart and ends with 2,000 certificates, no duplicates, no reused status index', async () => {
    service = await startNodeService(env);
    const key = /dev issuer API key\s+(\S+)/.exec(service.stdout())![1]!;
    const res = await fetch(`${service.url}/v1/batches`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv; charset=utf-8' },
      body: csvSheet(session(2000, 'KILL')),
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as Json;
    const kills: number[] = [];
    for (const at of [400, 1200]) {
      const b = await until(service, id, key, at);
      expect(b.state, 'the job finished before it could be killed').not.toBe('completed');
      await kill(service);
      kills.push(b.counts.issued);
      service = await startNodeService(env); // the restart resumes the batch once the lease lapses
    }
    const done = await until(service, id, key, Number.POSITIVE_INFINITY, 150_000);
    expect(done.state).toBe('completed');
    expect(done.counts).toEqual({ total: 2000, issued: 2000, failed: 0, pending: 0 });

    const db = new Database(join(dir, 'data', 'skillcred.db'), { readonly: true });
    try {
      const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      expect(one("SELECT COUNT(*) n FROM credentials WHERE assessment_id LIKE 'KILL-%'")).toBe(2000);
      expect(
        one(
          "SELECT COUNT(*) n FROM (SELECT certificate_number FROM credentials WHERE assessment_id LIKE 'KILL-%' GROUP BY certificate_number HAVING COUNT(*) > 1)",
        ),
      ).toBe(0);
      expect(one(`SELECT COUNT(*) n FROM batch_rows br JOIN credentials c ON c.id = br.credential_id WHERE br.batch_id = '${id}'`)).toBe(2000);
      expect(one(`SELECT COUNT(*) n FROM batch_drafts WHERE batch_id = '${id}'`)).toBe(0);
      // Status indexes: one per credential, none given twice, every list's count right, none orphaned.
      expect(one('SELECT COUNT(*) n FROM status_entries se LEFT JOIN credentials c ON c.id = se.credential_id WHERE c.id IS NULL')).toBe(0);
      expect(one('SELECT COUNT(*) n FROM status_lists sl WHERE allocated != (SELECT COUNT(*) FROM status_entries WHERE list_id = sl.id)')).toBe(0);
      const docs = db.prepare("SELECT c.id, c.document FROM credentials c WHERE assessment_id LIKE 'KILL-%'").all() as { id: string; document: string }[];
      const held = new Map(
        (db.prepare('SELECT credential_id, list_id, idx FROM status_entries').all() as { credential_id: string; idx: number }[]).map((e) => [
          e.credential_id,
          e.idx,
        ]),
      );
      const seen = new Set<string>();
      for (const d of docs) {
        const status = (JSON.parse(d.document) as Json).credentialStatus;
        const entry = Array.isArray(status) ? status[0] : status;
        expect(String(held.get(d.id))).toBe(entry.statusListIndex); // the signed index is the claimed one
        const k = `${entry.statusListCredential}#${entry.statusListIndex}`;
        expect(seen.has(k), `${k} given twice`).toBe(false);
        seen.add(k);
      }
    } finally {
      db.close();
    }
    expect(kills[0]).toBeLessThan(kills[1]!);
    expect(kills[1]).toBeLessThan(2000);
  }, 300_000);
});

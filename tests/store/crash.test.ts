import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { NODE, ROOT, TS } from '../helpers/node-process.js';

const dir = mkdtempSync(join(tmpdir(), 'skillcred-crash-'));
afterAll(() => {
  if (!process.env.KEEP_CRASH_DIR) rmSync(dir, { recursive: true, force: true });
  else console.log(dir);
});
const env = { DATA_DIR: join(dir, 'data'), KEYS_DIR: join(dir, 'keys'), PUBLIC_URL: 'https://certs.example.cn' };

/** Starts the issuing child and SIGKILLs it `afterMs` after it starts issuing. */
function issueThenKill(afterMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, TS('tests/helpers/crash-issuer.ts'), { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('issuing')) setTimeout(() => child.kill('SIGKILL'), afterMs);
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited ${code}: ${err}`))));
  });
}

interface Violations {
  credentials: number;
  orphanEntries: number;
  recordsMissingEntries: string[];
  duplicateIndexes: number;
  allocatedMismatch: number;
  halfPairs: string[];
  documentIndexMismatch: string[];
}

function check(): Violations {
  const db = new Database(join(dir, 'data', 'skillcred.db'), { readonly: true });
  db.exec('BEGIN'); // one snapshot for every query below
  try {
    const lists = new Map<number, string>();
    for (const l of db.prepare('SELECT sl.id, sl.purpose, sl.seq, i.slug FROM status_lists sl JOIN issuers i ON i.id = sl.issuer_id').all() as {
      id: number;
      purpose: string;
      seq: number;
      slug: string;
    }[]) {
      lists.set(l.id, `https://certs.example.cn/status/${l.slug}/${l.purpose}/${l.seq}`);
    }
    const entries = db.prepare('SELECT list_id, idx, credential_id FROM status_entries').all() as { list_id: number; idx: number; credential_id: string }[];
    const byCredential = new Map<string, { list_id: number; idx: number }[]>();
    for (const e of entries) byCredential.set(e.credential_id, [...(byCredential.get(e.credential_id) ?? []), e]);
    const creds = db.prepare('SELECT id, document, assessment_id, kind FROM credentials').all() as {
      id: string;
      document: string;
      assessment_id: string | null;
      kind: string;
    }[];
    const recordsMissingEntries: string[] = [];
    const documentIndexMismatch: string[] = [];
    const seenInDocs = new Set<string>();
    for (const c of creds) {
      const doc = JSON.parse(c.document) as {
        credentialStatus: { statusListCredential: string; statusListIndex: string } | { statusListCredential: string; statusListIndex: string }[];
      };
      const declared = Array.isArray(doc.credentialStatus) ? doc.credentialStatus : [doc.credentialStatus];
      const held = byCredential.get(c.id) ?? [];
      if (held.length !== declared.length) recordsMissingEntries.push(c.id);
      for (const d of declared) {
        const key = `${d.statusListCredential}#${d.statusListIndex}`;
        if (seenInDocs.has(key)) documentIndexMismatch.push(`${c.id} reuses ${key}`);
        seenInDocs.add(key);
        if (!held.some((h) => lists.get(h.list_id) === d.statusListCredential && String(h.idx) === d.statusListIndex)) {
          documentIndexMismatch.push(`${c.id} declares ${key} but holds another`);
        }
      }
    }
    const pairs = new Map<string, string[]>();
    for (const c of creds) if (c.kind !== 'skill-level' && c.assessment_id) pairs.set(c.assessment_id, [...(pairs.get(c.assessment_id) ?? []), c.kind]);
    return {
      credentials: creds.length,
      orphanEntries: (
        db.prepare('SELECT COUNT(*) n FROM status_entries se LEFT JOIN credentials c ON c.id = se.credential_id WHERE c.id IS NULL').get() as { n: number }
      ).n,
      recordsMissingEntries,
      duplicateIndexes: (
        db.prepare('SELECT COUNT(*) n FROM (SELECT list_id, idx FROM status_entries GROUP BY list_id, idx HAVING COUNT(*) > 1)').get() as { n: number }
      ).n,
      allocatedMismatch: (
        db.prepare('SELECT COUNT(*) n FROM status_lists sl WHERE allocated != (SELECT COUNT(*) FROM status_entries WHERE list_id = sl.id)').get() as {
          n: number;
        }
      ).n,
      halfPairs: [...pairs].filter(([, kinds]) => kinds.length !== 2).map(([id]) => id),
      documentIndexMismatch,
    };
  } finally {
    db.exec('COMMIT');
    db.close();
  }
}

describe('crash safety of issuance (SIGKILL at random moments)', () => {
  it('after each of 12 kills, every credential holds its indexes, no index lacks its record, none is given twice', async () => {
    let last = 0;
    for (let trial = 0; trial < 12; trial++) {
      await issueThenKill(30 + Math.floor(Math.random() * 600));
      const v = check();
      expect(v.orphanEntries, `trial ${trial}`).toBe(0);
      expect(v.recordsMissingEntries, `trial ${trial}`).toEqual([]);
      expect(v.duplicateIndexes, `trial ${trial}`).toBe(0);
      expect(v.allocatedMismatch, `trial ${trial}`).toBe(0);
      expect(v.halfPairs, `trial ${trial}`).toEqual([]);
      expect(v.documentIndexMismatch, `trial ${trial}`).toEqual([]);
      expect(v.credentials, `trial ${trial} issued more after the restart`).toBeGreaterThan(last);
      last = v.credentials;
    }
  }, 180_000);
});

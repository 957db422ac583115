// The invariants of issuance, read from a PostgreSQL database in one snapshot: what the crash test
// checks on SQLite (tests/store/crash.test.ts), for instances sharing PostgreSQL.
import pg from 'pg';

export interface Invariants {
  credentials: number;
  /** Credentials whose document declares other status entries than the ones they hold. */
  documentIndexMismatch: string[];
  /** Lists whose allocation count differs from their claimed entries. */
  allocatedMismatch: number;
  /** Assessments (of the two-certificate kind) with one certificate only. */
  halfPairs: string[];
}

type Status = { statusListCredential: string; statusListIndex: string };

/** Reads the invariants of the database at `url` (REPEATABLE READ: one snapshot). */
export async function readInvariants(url: string, publicUrl: string): Promise<Invariants> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const lists = new Map<string, string>();
    for (const l of (await client.query('SELECT sl.id, sl.purpose, sl.seq, i.slug FROM status_lists sl JOIN issuers i ON i.id = sl.issuer_id')).rows) {
      lists.set(String(l.id), `${publicUrl}/status/${l.slug}/${l.purpose}/${l.seq}`);
    }
    const held = new Map<string, string[]>();
    for (const e of (await client.query('SELECT list_id, idx, credential_id FROM status_entries')).rows) {
      held.set(e.credential_id, [...(held.get(e.credential_id) ?? []), `${lists.get(String(e.list_id))}#${e.idx}`]);
    }
    const creds = (await client.query('SELECT id, document, assessment_id, kind FROM credentials')).rows as {
      id: string;
      document: string;
      assessment_id: string | null;
      kind: string;
    }[];
    const documentIndexMismatch: string[] = [];
    const pairs = new Map<string, number>();
    for (const c of creds) {
      const status = (JSON.parse(c.document) as { credentialStatus: Status | Status[] }).credentialStatus;
      const declared = (Array.isArray(status) ? status : [status]).map((s) => `${s.statusListCredential}#${s.statusListIndex}`).sort();
      if (JSON.stringify(declared) !== JSON.stringify((held.get(c.id) ?? []).sort())) documentIndexMismatch.push(c.id);
      if (c.kind !== 'skill-level' && c.assessment_id) pairs.set(c.assessment_id, (pairs.get(c.assessment_id) ?? 0) + 1);
    }
    const mismatch = await client.query(
      'SELECT COUNT(*)::int AS n FROM status_lists sl WHERE allocated <> (SELECT COUNT(*) FROM status_entries WHERE list_id = sl.id)',
    );
    await client.query('COMMIT');
    return {
      credentials: creds.length,
      documentIndexMismatch,
      allocatedMismatch: mismatch.rows[0].n as number,
      halfPairs: [...pairs].filter(([, n]) => n !== 2).map(([id]) => id),
    };
  } finally {
    await client.end();
  }
}

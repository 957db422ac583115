// npm run bench -- scale: the national-scale rehearsal. 1,000,000 certificate records across 50
// issuers, loaded through the Store into SQLite and into PostgreSQL; issuance, verification reads,
// list publication and revocation timed on the empty database and again at a million; bytes per
// credential in each. SCALE_RECORDS=350000 rehearses smaller (a quick check of the bench itself).
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { StatusChange } from '../../src/domain/status.js';
import { openPostgresStore } from '../../src/runtime/node/postgres-store.js';
import type { Driver } from '../../src/store/driver.js';
import type { Store } from '../../src/store/store.js';
import { createDatabase, pgUnavailable, startPgCluster } from '../helpers/pg-cluster.js';
import { tempSqliteStore } from '../helpers/store-fixtures.js';
import { fmt, heading } from './harness.js';
import { load, makeTemplates, seedIssuers, type Template } from './scale-data.js';
import { OPS, timeOps, type Figures } from './scale-ops.js';

const PUBLIC_URL = 'https://certs.example.cn';
const RECORDS = Number(process.env.SCALE_RECORDS ?? 1_000_000);
const ISSUERS = 50;
const BATCH = 2000;
const D1_LIMIT = 10 * 1024 ** 3;

interface Backend {
  name: string;
  store: Store;
  driver: Driver;
  /** Bytes the database takes now. */
  size(): Promise<number>;
  close(): Promise<void>;
}

async function sqliteBackend(): Promise<Backend> {
  const { store, driver, path } = await tempSqliteStore();
  return {
    name: 'SQLite (better-sqlite3, WAL, synchronous=NORMAL)',
    store,
    driver,
    size: async () => {
      const pages = Number((await driver.one('PRAGMA page_count'))!.page_count);
      return pages * Number((await driver.one('PRAGMA page_size'))!.page_size);
    },
    close: async () => {
      await store.close();
      rmSync(dirname(path), { recursive: true, force: true });
    },
  };
}

// synchronous_commit=off by default: the durability of SQLite's default (synchronous=NORMAL under
// WAL), crash safe, the last commits lost on a power failure. SCALE_PG_SYNC=on waits for an fsync
// per commit instead (2–4 ms on this machine's disk).
const PG_SYNC = process.env.SCALE_PG_SYNC === 'on' ? 'on' : 'off';

async function postgresBackend(): Promise<Backend> {
  const cluster = await startPgCluster({ durable: true, settings: { synchronous_commit: PG_SYNC } });
  const { store, driver } = openPostgresStore(await createDatabase(cluster.url, 'scale'));
  await store.migrate();
  return {
    name: `PostgreSQL 15 (node-postgres, same machine, synchronous_commit=${PG_SYNC})`,
    store,
    driver,
    size: async () => Number((await driver.one('SELECT pg_database_size(current_database()) AS n'))!.n),
    close: async () => {
      await store.close();
      cluster.stop();
    },
  };
}

/** Revokes 1% of every issuer's loaded credentials in one atomic call, as a sweep after an audit. */
async function revokeOnePercent(store: Store, ids: Map<string, string[]>): Promise<number> {
  const changes: StatusChange[] = [];
  for (const list of ids.values()) for (let i = 0; i < list.length; i += 100) changes.push({ credentialId: list[i]!, purpose: 'revocation', value: true });
  const start = performance.now();
  const result = await store.setStatus(changes, { actor: 'bench', reason: 'sweep', requestId: 'sweep', at: new Date().toISOString() });
  if (result.outcome !== 'applied') throw new Error(`sweep: ${JSON.stringify(result)}`);
  return changes.length / ((performance.now() - start) / 1000);
}

async function rehearse(backend: Backend, templates: { revocation: Template; both: Template }): Promise<{ empty: Figures; full: Figures; bytes: number }> {
  const { store } = backend;
  heading(`Scale rehearsal on ${backend.name}: ${fmt(RECORDS)} records, ${ISSUERS} issuers`);
  const [first, ...issuers] = await seedIssuers(store, ISSUERS + 1);
  const target = issuers[ISSUERS >> 1]!;
  // The empty database: the issuers, and 7,000 records of one more for the revocations to use.
  const pool = await load(store, [first!], templates, { perIssuer: 7000, batch: BATCH, publicUrl: PUBLIC_URL });
  await revokeOnePercent(store, pool);
  console.log(`  empty database (${ISSUERS + 1} issuers; 7,000 records of one, 1% revoked), on that one:`);
  const empty = await timeOps(store, first!, pool.get(first!.id)!, templates.revocation, PUBLIC_URL);
  const before = await backend.size();

  const start = performance.now();
  let shown = 0;
  const ids = await load(store, issuers, templates, {
    perIssuer: RECORDS / ISSUERS,
    batch: BATCH,
    publicUrl: PUBLIC_URL,
    onProgress: (done) => {
      if (done - shown >= RECORDS / 5) console.log(`    loaded ${fmt((shown = done))} in ${((performance.now() - start) / 1000).toFixed(0)} s`);
    },
  });
  const seconds = (performance.now() - start) / 1000;
  console.log(`  load: ${fmt(RECORDS)} records through recordIssued, ${BATCH} a call: ${seconds.toFixed(0)} s (${fmt(RECORDS / seconds)} records/s)`);
  console.log(`  sweep: 1% of every issuer revoked in one setStatus call: ${fmt(await revokeOnePercent(store, ids))} revocations/s`);
  const bytes = ((await backend.size()) - before) / RECORDS;
  console.log(`  size: ${fmt(bytes)} bytes per credential (documents average ${fmt((templates.revocation.bytes * 3 + templates.both.bytes) / 4)} bytes)`);
  console.log(`  at ${fmt(RECORDS + 7000)} records, on ${target.slug} (one of the 50 loaded):`);
  const full = await timeOps(store, target, ids.get(target.id)!, templates.revocation, PUBLIC_URL);
  console.log('  time per operation at 1M ÷ empty (target ≤ 1.5):');
  for (const key of Object.keys(OPS)) {
    const r = empty[key]! / full[key]!;
    console.log(`    ${OPS[key]!.padEnd(56)} ${r.toFixed(2).padStart(9)}×  ${r <= 1.5 ? 'met' : 'NOT MET'}`);
  }
  return { empty, full, bytes };
}

/** How many 10 GB D1 databases a registry of `credentials` needs at `bytes` each, filled to 70%. */
function d1Plan(bytes: number, credentials: number): void {
  const perDb = Math.floor((D1_LIMIT * 0.7) / bytes);
  console.log(`  D1: ${fmt(bytes)} bytes/credential → ${fmt(Math.floor(D1_LIMIT / bytes))} per 10 GB database, ${fmt(perDb)} at 70% fill;`);
  console.log(`      ${fmt(credentials)} credentials need ${Math.ceil((credentials * bytes) / D1_LIMIT)} databases full, ${Math.ceil(credentials / perDb)} at 70%`);
}

/** Runs the rehearsal on SQLite and PostgreSQL and returns the figures. */
export async function run(): Promise<Record<string, unknown>> {
  if (RECORDS / ISSUERS < 7000) throw new Error(`SCALE_RECORDS must give each of the ${ISSUERS} issuers 7,000 records at least (350000)`);
  const templates = await makeTemplates();
  const out: Record<string, unknown> = {};
  // SCALE_BACKENDS=sqlite or =postgres rehearses on one of them only.
  const only = process.env.SCALE_BACKENDS;
  const backends: (() => Promise<Backend>)[] = only === 'postgres' ? [] : [sqliteBackend];
  const missing = pgUnavailable();
  if (missing) console.log(`\n(PostgreSQL rehearsal skipped: ${missing})`);
  else if (only !== 'sqlite') backends.push(postgresBackend);
  for (const make of backends) {
    const backend = await make();
    try {
      const result = await rehearse(backend, templates);
      out[backend.name] = result;
      if (backend.name.startsWith('SQLite')) d1Plan(result.bytes, 44_000_000);
    } finally {
      await backend.close();
    }
  }
  return out;
}

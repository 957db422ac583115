// npm run bench -- scale: the national-scale rehearsal. 1,000,000 certificate records across 50
// issuers, loaded through the Store into SQLite and into PostgreSQL; issuance, verification reads,
// list publication and revocation timed on the empty database and again at a million; bytes per
// credential in each. SCALE_RECORDS=750000 rehearses smaller; SCALE_BACKENDS=sqlite|postgres one of them.
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { StatusChange } from '../../src/domain/status.js';
import { openPostgresStore } from '../../src/runtime/node/postgres-store.js';
import type { Driver } from '../../src/store/driver.js';
import type { Store } from '../../src/store/store.js';
import { createDatabase, pgUnavailable, startPgCluster } from '../helpers/pg-cluster.js';
import { tempSqliteStore } from '../helpers/store-fixtures.js';
import { fmt, heading, loadNote } from './harness.js';
import { load, makeTemplates, seedIssuers, type Template } from './scale-data.js';
import { FRESH_PER_ROUND, medians, report, timeOps, type Figures } from './scale-ops.js';

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

/** Makes the databases of one kind: an empty one and the one loaded to a million, side by side. */
interface Kind {
  name: string;
  open(): Promise<Backend>;
  close(): Promise<void>;
}

// SCALE_SQLITE_CACHE_MB=256 gives SQLite's page cache that size instead of its 2 MB default.
const SQLITE_CACHE_MB = Number(process.env.SCALE_SQLITE_CACHE_MB ?? 0);

function sqliteKind(): Kind {
  return {
    name: `SQLite (better-sqlite3, WAL, synchronous=NORMAL, ${SQLITE_CACHE_MB ? `cache_size ${SQLITE_CACHE_MB} MB` : 'default 2 MB cache'})`,
    async open() {
      const { store, driver, path } = await tempSqliteStore();
      if (SQLITE_CACHE_MB) await driver.run(`PRAGMA cache_size = -${SQLITE_CACHE_MB * 1024}`);
      return {
        name: path,
        store,
        driver,
        size: async () => Number((await driver.one('PRAGMA page_count'))!.page_count) * Number((await driver.one('PRAGMA page_size'))!.page_size),
        close: async () => {
          await store.close();
          rmSync(dirname(path), { recursive: true, force: true });
        },
      };
    },
    close: async () => {},
  };
}

// synchronous_commit=off by default: the durability of SQLite's default (synchronous=NORMAL under
// WAL), crash safe, the last commits lost on a power failure. SCALE_PG_SYNC=on waits for an fsync
// per commit instead (2–4 ms on this machine's disk).
const PG_SYNC = process.env.SCALE_PG_SYNC === 'on' ? 'on' : 'off';

async function postgresKind(): Promise<Kind> {
  const cluster = await startPgCluster({ durable: true, settings: { synchronous_commit: PG_SYNC } });
  return {
    name: `PostgreSQL 15 (node-postgres, same machine, synchronous_commit=${PG_SYNC})`,
    async open() {
      const url = await createDatabase(cluster.url, 'scale');
      const { store, driver } = openPostgresStore(url);
      await store.migrate();
      return {
        name: url,
        store,
        driver,
        size: async () => Number((await driver.one('SELECT pg_database_size(current_database()) AS n'))!.n),
        close: () => store.close(),
      };
    },
    close: async () => cluster.stop(),
  };
}

/** Revokes 1% of every issuer's loaded credentials (every hundredth) in one call, as a sweep after an audit. */
async function revokeOnePercent(store: Store, ids: Map<string, string[]>): Promise<number> {
  const changes: StatusChange[] = [];
  for (const list of ids.values()) for (let i = 0; i < list.length; i += 100) changes.push({ credentialId: list[i]!, purpose: 'revocation', value: true });
  const start = performance.now();
  const result = await store.setStatus(changes, { actor: 'bench', reason: 'sweep', requestId: 'sweep', at: new Date().toISOString() });
  if (result.outcome !== 'applied') throw new Error(`sweep: ${JSON.stringify(result)}`);
  return changes.length / ((performance.now() - start) / 1000);
}

const ROUNDS = 3;
const POOL = 15_000;
const unrevoked = (ids: string[]) => ids.filter((_, i) => i % 100 !== 0);

/** Both databases of a kind: the same 51 issuers and a pool of 15,000 records; the full one gets a million more. */
async function rehearse(kind: Kind, templates: { revocation: Template; both: Template }): Promise<{ empty: Figures; full: Figures; bytes: number }> {
  heading(`Scale rehearsal on ${kind.name}: ${fmt(RECORDS)} records, ${ISSUERS} issuers`);
  const dbs = [await kind.open(), await kind.open()] as const;
  try {
    const prepared = await Promise.all(
      dbs.map(async (db) => {
        const [pool, ...issuers] = await seedIssuers(db.store, ISSUERS + 1);
        const ids = await load(db.store, [pool!], templates, { perIssuer: POOL, batch: BATCH, publicUrl: PUBLIC_URL });
        await revokeOnePercent(db.store, ids);
        return { pool: pool!, issuers, poolIds: ids.get(pool!.id)! };
      }),
    );
    const [empty, full] = dbs;
    const [emptyPrep, fullPrep] = [prepared[0]!, prepared[1]!];
    const before = await full.size();
    const start = performance.now();
    let shown = 0;
    const loaded = await load(full.store, fullPrep.issuers, templates, {
      perIssuer: RECORDS / ISSUERS,
      batch: BATCH,
      publicUrl: PUBLIC_URL,
      onProgress: (done) => {
        if (done - shown < RECORDS / 5) return;
        shown = done;
        console.log(`    loaded ${fmt(done)} in ${((performance.now() - start) / 1000).toFixed(0)} s`);
      },
    });
    const seconds = (performance.now() - start) / 1000;
    console.log(
      `  load: ${fmt(RECORDS)} records through recordIssued, ${BATCH} a call: ${seconds.toFixed(0)} s (${fmt(RECORDS / seconds)} records/s; ${loadNote()})`,
    );
    console.log(
      `  sweep: 1% of every issuer revoked in one setStatus call (${fmt(RECORDS / 100)}): ${fmt(await revokeOnePercent(full.store, loaded))} revocations/s`,
    );
    const bytes = ((await full.size()) - before) / RECORDS;
    console.log(
      `  size: ${fmt(bytes)} bytes per credential (signed documents average ${fmt((templates.revocation.bytes * 3 + templates.both.bytes) / 4)} bytes)`,
    );
    const target = fullPrep.issuers[ISSUERS >> 1]!;
    const sides = [
      { db: empty, issuer: emptyPrep.pool, ids: emptyPrep.poolIds },
      { db: full, issuer: target, ids: loaded.get(target.id)! },
    ];
    const rounds: Figures[][] = [[], []];
    for (let r = 0; r < ROUNDS; r++) {
      for (const [k, side] of sides.entries()) {
        const fresh = unrevoked(side.ids).slice(r * FRESH_PER_ROUND, (r + 1) * FRESH_PER_ROUND);
        rounds[k]!.push(await timeOps(side.db.store, side.issuer, side.ids, fresh, templates.revocation, PUBLIC_URL));
      }
    }
    console.log(`  empty: ${fmt(POOL)} records of one issuer; at 1M: on ${target.slug}, one of the 50 loaded (${fmt(RECORDS / ISSUERS)} records):`);
    const figures = { empty: medians(rounds[0]!), full: medians(rounds[1]!), bytes };
    report(figures.empty, figures.full);
    return figures;
  } finally {
    for (const db of dbs) await db.close();
  }
}

/** How many 10 GB D1 databases a registry of `credentials` needs at `bytes` each, filled to 70%. */
function d1Plan(bytes: number, credentials: number): void {
  const perDb = Math.floor((D1_LIMIT * 0.7) / bytes);
  console.log(`  D1: ${fmt(bytes)} bytes/credential → ${fmt(Math.floor(D1_LIMIT / bytes))} per 10 GB database, ${fmt(perDb)} at 70% fill;`);
  console.log(
    `      ${fmt(credentials)} credentials need ${Math.ceil((credentials * bytes) / D1_LIMIT)} databases full, ${Math.ceil(credentials / perDb)} at 70%`,
  );
}

/** Runs the rehearsal on SQLite and PostgreSQL and returns the figures. */
export async function run(): Promise<Record<string, unknown>> {
  if (RECORDS / ISSUERS < 15_000) throw new Error(`SCALE_RECORDS must give each of the ${ISSUERS} issuers 15,000 records at least (750000)`);
  const templates = await makeTemplates();
  const out: Record<string, unknown> = {};
  // SCALE_BACKENDS=sqlite or =postgres rehearses on one of them only.
  const only = process.env.SCALE_BACKENDS;
  const kinds: (() => Kind | Promise<Kind>)[] = only === 'postgres' ? [] : [sqliteKind];
  const missing = pgUnavailable();
  if (missing) console.log(`\n(PostgreSQL rehearsal skipped: ${missing})`);
  else if (only !== 'sqlite') kinds.push(postgresKind);
  for (const make of kinds) {
    const kind = await make();
    try {
      const result = await rehearse(kind, templates);
      out[kind.name] = result;
      if (kind.name.startsWith('SQLite')) d1Plan(result.bytes, 44_000_000);
    } finally {
      await kind.close();
    }
  }
  return out;
}

// A throwaway PostgreSQL cluster for tests and benchmarks: initdb + pg_ctl on a temporary directory
// and a free port, from Debian's `postgresql` package (or any initdb on PATH). initdb refuses to
// run as root, and CI runs as root: then every server command runs as the `postgres` user, on a
// directory it owns.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './node-process.js';

export interface PgCluster {
  /** `postgres://…/postgres` on the cluster: the maintenance database, for CREATE DATABASE. */
  url: string;
  port: number;
  dir: string;
  stop(): void;
}

/** Why no cluster can be started here (no binaries), or null when one can. */
export function pgUnavailable(): string | null {
  return pgBinDir() ? null : 'PostgreSQL binaries absent (initdb/pg_ctl not on PATH nor in /usr/lib/postgresql/*/bin): install Debian `postgresql`';
}

/** The directory holding initdb and pg_ctl, newest major version first, or null. */
function pgBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (existsSync(join(root, v, 'bin', 'initdb'))) return join(root, v, 'bin');
  }
  const found = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  return found ? join(found, '..') : null;
}

/** Runs a server command, as the `postgres` user when we are root. */
function asServerUser(cmd: string, args: string[]): void {
  const root = process.getuid?.() === 0;
  const [file, argv] = root ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: '/' });
}

/**
 * Starts a cluster and returns its URL. `durable: false` (tests) turns fsync off: a crash of the
 * machine is not what tests simulate, and it makes them several times faster. Benchmarks keep the
 * server's defaults.
 */
export async function startPgCluster(options: { durable?: boolean; settings?: Record<string, string> } = {}): Promise<PgCluster> {
  const bin = pgBinDir();
  if (!bin) throw new Error(pgUnavailable()!);
  const dir = mkdtempSync(join(tmpdir(), 'skillcred-pg-'));
  chmodSync(dir, 0o700);
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  asServerUser(join(bin, 'initdb'), ['-D', data, '-U', 'skillcred', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
  const settings: Record<string, string> = {
    port: String(port),
    listen_addresses: '127.0.0.1',
    unix_socket_directories: dir,
    max_connections: '200',
    ...(options.durable ? {} : { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }),
    ...options.settings,
  };
  const serverOptions = Object.entries(settings)
    .map(([k, v]) => `-c ${k}=${v}`)
    .join(' ');
  asServerUser(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-o', serverOptions, '-w', '-t', '60', 'start']);
  let stopped = false;
  // A run that ends without calling stop() (an error, process.exit) must not leave a server behind.
  process.once('exit', () => stopCluster());
  const stopCluster = () => {
    if (stopped) return;
    stopped = true;
    try {
      asServerUser(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return {
    url: `postgres://skillcred@127.0.0.1:${port}/postgres`,
    port,
    dir,
    stop: stopCluster,
  };
}

/** Creates a fresh database on the cluster at `adminUrl` and returns its URL. */
export async function createDatabase(adminUrl: string, prefix = 't'): Promise<string> {
  const name = `${prefix}_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

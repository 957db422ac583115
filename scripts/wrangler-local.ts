// Drives wrangler locally, offline: the bundle `wrangler deploy` would upload (built with
// --dry-run), local D1 migrations, and `wrangler dev` as a child process. Used by
// `npm run dev:worker`, `npm run bench:worker` and the bundle test.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { nodeCrypto } from '../src/runtime/node/crypto.js';
import { generateProvisionedKey } from '../src/cli/keys-generate.js';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
const WRANGLER = join(ROOT, 'node_modules', '.bin', 'wrangler');
// Everything here must work without a network, and say nothing about one being absent:
// - no metrics (WRANGLER_SEND_METRICS), no colours, no interactive prompts (CI);
// - no Request.cf lookup: miniflare otherwise fetches workers.cloudflare.com/cf.json on every
//   start and, offline, prints a stack trace of the failed DNS lookup before falling back to its
//   placeholder. CLOUDFLARE_CF_FETCH_ENABLED=false takes the placeholder at once (this service
//   reads nothing from request.cf);
// - no version banner: it waits for an npm registry update check, and an "update available"
//   there misleads (wrangler is pinned to the last release for Node 20). dev:worker prints the
//   version itself.
export const QUIET = {
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  CI: '1',
  NO_COLOR: '1',
  FORCE_COLOR: '0',
};

/** The wrangler version installed (package.json of node_modules/wrangler). */
export function wranglerVersion(): string {
  return (JSON.parse(readFileSync(join(ROOT, 'node_modules', 'wrangler', 'package.json'), 'utf8')) as { version: string }).version;
}

/** Runs wrangler to completion, capturing its output. */
export function wrangler(args: string[], opts: { env?: Record<string, string> } = {}): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(WRANGLER, args, { cwd: ROOT, env: { ...process.env, ...QUIET, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => resolve({ code: code ?? -1, out }));
  });
}

/** The Worker bundle as `wrangler deploy` would upload it, and its size. */
export interface Bundle {
  path: string;
  bytes: number;
  gzipBytes: number;
  /** Wrangler's own "Total Upload: … / gzip: …" line. */
  reported: string;
}

/** Builds the bundle with `wrangler deploy --dry-run --outdir` (offline). */
export async function buildBundle(outdir: string): Promise<Bundle> {
  const { code, out } = await wrangler(['deploy', '--dry-run', '--outdir', outdir]);
  if (code !== 0) throw new Error(`wrangler deploy --dry-run failed (${code}):\n${out}`);
  const path = join(outdir, 'worker.js');
  const text = readFileSync(path);
  return { path, bytes: statSync(path).size, gzipBytes: gzipSync(text, { level: 9 }).length, reported: /Total Upload:[^\n]*/.exec(out)?.[0] ?? '' };
}

/** Builds the verify page's script into public/assets (npm run build:page). */
export function buildPage(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'build-page.ts')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`npm run build:page failed (${code})`))));
  });
}

/** Applies src/store/migrations to the local D1 under `persistTo`. */
export async function migrateLocal(persistTo?: string): Promise<void> {
  const { code, out } = await wrangler(['d1', 'migrations', 'apply', 'DB', '--local', ...(persistTo ? ['--persist-to', persistTo] : [])]);
  if (code !== 0) throw new Error(`wrangler d1 migrations apply failed (${code}):\n${out}`);
}

/** Secrets for a local Worker: keys generated here, never committed. */
export interface LocalSecrets {
  ISSUER_KEYS: string;
  ADMIN_TOKEN: string;
}

/** Fresh ISSUER_KEYS (the service key and the given refs) and an admin token. */
export async function generateSecrets(refs: string[]): Promise<LocalSecrets> {
  const keys: Record<string, JsonWebKey> = {};
  for (const ref of ['service-1', ...refs]) Object.assign(keys, (await generateProvisionedKey(ref, nodeCrypto())).ISSUER_KEYS);
  // Each issuer key gets a holder-binding pepper beside it, `<ref>-pepper` (ensureIssuer adopts it).
  for (const ref of refs) Object.assign(keys, (await generateProvisionedKey(`${ref}-pepper`, nodeCrypto(), 'pepper')).ISSUER_KEYS);
  const token = Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString('base64url');
  return { ISSUER_KEYS: JSON.stringify(keys), ADMIN_TOKEN: `adm_${token}` };
}

/** Writes secrets as a dotenv file (.dev.vars format), readable by its owner only. */
export function writeEnvFile(path: string, secrets: LocalSecrets): void {
  const lines = [
    '# Local secrets for `wrangler dev` (git-ignored). On Cloudflare they are set with `wrangler secret put`.',
    `ISSUER_KEYS='${secrets.ISSUER_KEYS}'`,
    `ADMIN_TOKEN='${secrets.ADMIN_TOKEN}'`,
    '',
  ];
  writeFileSync(path, lines.join('\n'), { mode: 0o600 });
}

/** Reads the secrets back from a dotenv file written by writeEnvFile. */
export function readEnvFile(path: string): LocalSecrets | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  const get = (name: string) => new RegExp(`^${name}='(.*)'$`, 'm').exec(text)?.[1];
  const ISSUER_KEYS = get('ISSUER_KEYS');
  const ADMIN_TOKEN = get('ADMIN_TOKEN');
  return ISSUER_KEYS && ADMIN_TOKEN ? { ISSUER_KEYS, ADMIN_TOKEN } : null;
}

/** A running `wrangler dev`. */
export interface LocalWorker {
  url: string;
  child: ChildProcess;
  /** Milliseconds from spawn to wrangler's "Ready on" line. */
  readyMs: number;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts `wrangler dev` (local mode, its own D1 under `persistTo` if given) and waits until it is ready. */
export async function startWranglerDev(opts: {
  port: number;
  /** Serve this already-built bundle as is (`--no-bundle`), e.g. the --dry-run output. */
  bundle?: string;
  envFile?: string;
  persistTo?: string;
  vars?: Record<string, string>;
  inherit?: boolean;
  timeoutMs?: number;
}): Promise<LocalWorker> {
  const url = `http://127.0.0.1:${opts.port}`;
  const args = [
    'dev',
    ...(opts.bundle ? [opts.bundle, '--no-bundle'] : []),
    '--config',
    join(ROOT, 'wrangler.toml'),
    '--local',
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.port),
    '--show-interactive-dev-session=false',
  ];
  if (opts.envFile) args.push('--env-file', opts.envFile);
  if (opts.persistTo) args.push('--persist-to', opts.persistTo);
  for (const [k, v] of Object.entries({ PUBLIC_URL: `http://localhost:${opts.port}`, ...opts.vars })) args.push('--var', `${k}:${v}`);
  const started = performance.now();
  const child = spawn(WRANGLER, args, { cwd: ROOT, env: { ...process.env, ...QUIET }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  const onData = (d: Buffer) => {
    out += d.toString();
    if (opts.inherit) process.stdout.write(d);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const readyMs = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`wrangler dev was not ready in ${opts.timeoutMs ?? 60_000} ms:\n${out}`)), opts.timeoutMs ?? 60_000);
    const check = () => {
      if (/Ready on /.test(out)) {
        clearTimeout(timer);
        resolve(performance.now() - started);
      }
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`wrangler dev exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    child,
    readyMs,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        // wrangler dev runs workerd as its own children: end the whole process group it leads,
        // and kill it if it has not gone within 5 s (wrangler may still be starting up).
        const signal = (sig: NodeJS.Signals) => {
          try {
            process.kill(-child.pid!, sig);
          } catch {
            child.kill(sig);
          }
        };
        const force = setTimeout(() => signal('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(force);
          signal('SIGKILL'); // workerd children outliving wrangler, if any
          resolve();
        });
        signal('SIGTERM');
      }),
  };
}

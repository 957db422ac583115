import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Runs a TypeScript file in one Node process (tsx's CLI would add a second one a SIGKILL misses). */
export const NODE = process.execPath;
export const TS = (file: string, ...args: string[]) => ['--import', 'tsx', file, ...args];

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** The real Node entry (src/node.ts) running as a child process. */
export interface NodeService {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stop(): Promise<void>;
}

/** Starts `src/node.ts` with the given environment and waits until it listens. */
export async function startNodeService(env: Record<string, string>, timeoutMs = 20_000): Promise<NodeService> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(NODE, TS('src/node.ts'), {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service did not start in ${timeoutMs} ms:\n${out}\n${err}`)), timeoutMs);
    const check = () => {
      if (out.includes('listening on')) {
        // the first-start block is printed right after the listening line
        setTimeout(() => {
          clearTimeout(timer);
          resolve();
        }, 50);
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`service exited with ${code}:\n${out}\n${err}`));
    });
  });
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    stdout: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Runs a command to completion, capturing its output. */
export function run(cmd: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** `npm run admin -- <args>` on the database and keys of a test app in `dir` (as its operator would run it). */
export function adminCli(dir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(NODE, [...TS('src/cli/admin.ts'), ...args], {
    DATA_DIR: dir,
    KEYS_DIR: join(dir, 'keys'),
    PUBLIC_URL: 'https://certs.example.cn',
    ADMIN_TOKEN: 'test-admin-token-0123456789abcdef',
  });
}

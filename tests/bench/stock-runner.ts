import { spawn } from 'node:child_process';
import { NODE, ROOT, TS } from '../helpers/node-process.js';

/** Runs tests/bench/stock.ts in a child process (stock jsonld, untouched) and returns its figures. */
export function runStock(job: unknown): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, TS('tests/bench/stock.ts'), { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as Record<string, number>) : reject(new Error(`stock bench exited ${code}`))));
    child.stdin.end(JSON.stringify(job));
  });
}

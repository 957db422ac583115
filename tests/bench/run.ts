// npm run bench [-- <name> ...]: runs the benchmarks (never part of npm test) and prints the figures.
import { cpus } from 'node:os';

const suites: Record<string, () => Promise<unknown>> = {
  signing: async () => (await import('./signing.bench.js')).run(),
  status: async () => (await import('./status.bench.js')).run(),
  verify: async () => (await import('./verify.bench.js')).run(),
  pool: async () => (await import('./pool.bench.js')).run(),
  batch: async () => (await import('./batch.bench.js')).run(),
  'batch-issue': async () => (await import('./batch-issue.bench.js')).run(),
  qr: async () => (await import('./qr.bench.js')).run(),
  store: async () => (await import('./store.bench.js')).run(),
  instances: async () => (await import('./instances.bench.js')).run(),
  scale: async () => (await import('./scale.bench.js')).run(),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
console.log(`# skillcred benchmarks  ${new Date().toISOString()}  node ${process.version}  ${cpus().length} cpu (${cpus()[0]?.model ?? '?'})`);
for (const [name, run] of Object.entries(suites)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  await run();
}

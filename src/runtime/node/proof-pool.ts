// The proof engine on Node: a piscina worker-thread pool running canonicalization and proofs,
// so the event loop (every other request, /health) never waits for one credential's CPU work.
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { ProofCheck, JsonObject } from '../../credentials/data-integrity.js';
import type { ProofEngine } from '../../credentials/proof-engine.js';
import { SkillcredError } from '../../errors.js';
import type { ErrorData, ProofReply, ProofTask } from './proof-worker.js';

// The worker is a sibling of this module, with its extension: proof-worker.ts when the app runs
// from sources through tsx (`node --import tsx`), proof-worker.js if it is ever compiled.
const WORKER = new URL(`./proof-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

/**
 * A .ts worker needs tsx in its thread. A process started with `--import tsx` passes that to its
 * threads by itself (they inherit execArgv); one that loads TypeScript another way (vitest) does
 * not, so the thread gets `--import tsx` and nothing else of the parent's flags (some of them are
 * refused in threads).
 */
function workerExecArgv(): string[] | undefined {
  if (!WORKER.pathname.endsWith('.ts')) return undefined;
  return process.execArgv.some((arg) => arg.includes('tsx')) ? undefined : ['--import', 'tsx'];
}

/** WORKERS unset: one thread per core this process may use. */
export function defaultWorkerCount(): number {
  return availableParallelism();
}

const YOUNG_GENERATION_MB = 64;

interface Shared {
  pool: Piscina<ProofTask, ProofReply> | undefined;
  users: number;
}

// One pool per process and size: every app built in the process (tests build many) shares it,
// so threads start once. Idle threads are unref'd by piscina and never keep the process alive.
const shared = new Map<number, Shared>();

function poolOf(entry: Shared, threads: number): Piscina<ProofTask, ProofReply> {
  // Created at the first proof, not at start-up: a process that never signs or verifies (the
  // admin CLI, most tests) starts no thread. Threads start on demand up to `threads` and stay.
  entry.pool ??= new Piscina<ProofTask, ProofReply>({
    filename: WORKER.href,
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: Number.POSITIVE_INFINITY,
    // JSON-LD expansion makes much short-lived garbage (context copies): a larger young generation
    // than V8's default saved ~15% of the CPU per verification here (fewer scavenges).
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    ...(workerExecArgv() ? { execArgv: workerExecArgv()! } : {}),
  });
  return entry.pool;
}

function rebuild(error: ErrorData): Error {
  return error.code
    ? new SkillcredError(error.code, error.message, { ...(error.status ? { status: error.status } : {}), ...(error.errors ? { errors: error.errors } : {}) })
    : new Error(error.message);
}

/** A proof engine running on `threads` worker threads (≥ 1) shared by the whole process. */
export function proofPool(threads: number): ProofEngine {
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`a proof pool needs at least one thread, not ${threads}`);
  const entry = shared.get(threads) ?? { pool: undefined, users: 0 };
  shared.set(threads, entry);
  entry.users++;
  const run = async (task: ProofTask): Promise<unknown> => {
    const reply = await poolOf(entry, threads).run(task);
    if (!reply.ok) throw rebuild(reply.error);
    return reply.value;
  };
  let closed = false;
  return {
    verify: async (input, proof, key) => (await run({ op: 'verify', input, proof, key })) as ProofCheck,
    create: async (document, options, key) => (await run({ op: 'create', document, options, key })) as JsonObject,
    async close() {
      if (closed) return;
      closed = true;
      if (--entry.users > 0 || !entry.pool) return;
      const pool = entry.pool;
      entry.pool = undefined;
      await pool.close();
    },
  };
}

// The job that issues a checked batch: rows are signed a chunk at a time (the same signing as a
// single certificate, so the proof engine of the runtime does the work) and each chunk is
// committed in one atomic step with its status entries and per-row idempotency claims. A lease
// keeps two workers off one batch; a crash leaves the lease to lapse and unsigned rows pending,
// so whoever resumes signs only those, and nothing twice.
import type { Config } from '../config.js';
import type { IssuerRecord } from '../domain/issuer.js';
import type { StatusSlot } from '../domain/status.js';
import { message, SkillcredError } from '../errors.js';
import type { Clock, Logger } from '../ports.js';
import type { IssuedEntry, PendingBatchRow, Store } from '../store/store.js';
import type { Draft, IssueSettings } from './drafts.js';
import type { IssuanceRecorder } from './record-issuance.js';
import type { TrustService } from './trust.js';

/** How far a job got: rows signed and committed by this run. */
export interface JobProgress {
  signed: number;
  committed: number;
}

export interface JobOptions {
  /** Stop after this long (Workers: what waitUntil allows); the next reader resumes the job. */
  budgetMs?: number;
  onProgress?: (progress: JobProgress) => void;
}

/** completed: no row pending; paused: out of budget; busy: another worker holds the lease. */
export type JobOutcome = 'completed' | 'paused' | 'busy';

export interface JobDeps {
  store: Store;
  clock: Clock;
  config: Pick<Config, 'statusListSize' | 'statusListThreshold'>;
  log: Logger;
  recorder: Pick<IssuanceRecorder, 'signEntry'>;
  trust: Pick<TrustService, 'mayIssue'>;
  /** Rows signed and committed together. */
  chunkSize: number;
  /** How long a lease lasts; renewed before every chunk. */
  leaseMs: number;
}

interface ReadyRow {
  rowNo: number;
  draft: Draft;
  settings: IssueSettings;
}

const MAX_ATTEMPTS = 8;

/** Runs batch jobs. */
export class BatchJob {
  constructor(private readonly deps: JobDeps) {}

  /** Issues the pending rows of a batch, chunk by chunk, while it holds the lease. */
  async run(batchId: string, opts: JobOptions = {}): Promise<JobOutcome> {
    const { store, clock } = this.deps;
    const owner = crypto.randomUUID();
    const started = clock.now().getTime();
    const progress: JobProgress = { signed: 0, committed: 0 };
    const lease = () => {
      const now = clock.now();
      return store.claimBatch(batchId, owner, new Date(now.getTime() + this.deps.leaseMs).toISOString(), now.toISOString());
    };
    const batch = await store.getBatch(batchId);
    if (!batch || batch.state === 'completed') return 'completed';
    if (!(await lease())) return 'busy';
    try {
      const issuer = await store.getIssuer({ id: batch.issuerId });
      if (!issuer) throw new SkillcredError('INTERNAL', message('internal.batch-issuer-gone', { id: batchId }));
      for (;;) {
        const rows = await store.pendingBatchRows(batchId, this.deps.chunkSize);
        if (rows.length === 0) {
          const done = await store.finishBatch(batchId, clock.now().toISOString());
          if (done?.state === 'completed') return 'completed';
          continue;
        }
        if (!(await lease())) return 'busy';
        await this.chunk(batchId, issuer, rows, progress, opts.onProgress);
        // At least one chunk a run, so every run moves the batch on however short its budget.
        if (opts.budgetMs !== undefined && clock.now().getTime() - started >= opts.budgetMs) return 'paused';
        // Signing and SQLite never wait on I/O: without a turn of the event loop between chunks,
        // the process would answer no request until the whole batch is done.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    } finally {
      await store.releaseBatch(batchId, owner);
    }
  }

  private async chunk(
    batchId: string,
    issuer: IssuerRecord,
    rows: PendingBatchRow[],
    progress: JobProgress,
    onProgress?: (p: JobProgress) => void,
  ): Promise<void> {
    const { store, clock, config } = this.deps;
    const now = clock.now();
    const ready: ReadyRow[] = [];
    for (const row of rows) {
      const draft = JSON.parse(row.draft) as Draft;
      // Checked when the batch came in; checked again at signing, as a single issuance is: an
      // issuer that left its chain meanwhile signs nothing more.
      const decision = await this.deps.trust.mayIssue(issuer, draft.credential, now);
      if (decision.trusted) ready.push({ rowNo: row.rowNo, draft, settings: JSON.parse(row.settings) as IssueSettings });
      else await store.failBatchRow(batchId, row.rowNo, JSON.stringify({ code: 'not-accredited', detail: decision.reason }), now.toISOString());
    }
    const opts = { size: config.statusListSize, threshold: config.statusListThreshold };
    for (let attempt = 1; attempt <= MAX_ATTEMPTS && ready.length > 0; attempt++) {
      // Every row a revocation index; a suspension index for the rows that asked. Lists have
      // room up to their threshold: rows beyond it wait for the next chunk (on a new list).
      const revocation = await store.pickStatusSlots(issuer.id, 'revocation', ready.length, opts);
      const wanting = ready.slice(0, revocation.length).filter((r) => r.settings.purposes.includes('suspension')).length;
      const suspension = wanting > 0 ? await store.pickStatusSlots(issuer.id, 'suspension', wanting, opts) : [];
      const planned: { row: ReadyRow; slots: StatusSlot[] }[] = [];
      for (const [i, row] of ready.slice(0, revocation.length).entries()) {
        const slots = [revocation[i]!];
        if (row.settings.purposes.includes('suspension')) {
          const s = suspension.shift();
          if (!s) break;
          slots.push(s);
        }
        planned.push({ row, slots });
      }
      const entries = await Promise.all(planned.map((p) => this.deps.recorder.signEntry(issuer, p.row.draft, p.slots, p.row.settings)));
      progress.signed += entries.length;
      onProgress?.({ ...progress });
      const commit = planned.map((p, i) => ({ rowNo: p.row.rowNo, entry: entries[i]! }));
      const result = await store.commitBatchRows(batchId, commit, clock.now().toISOString());
      if (result.outcome === 'recorded') {
        progress.committed += commit.length;
        onProgress?.({ ...progress });
        return;
      }
      // Another worker committed some of these (its lease lapsed while it worked): re-read.
      if (result.outcome === 'replay') return;
      if (result.outcome === 'duplicate') return this.isolate(batchId, commit, progress, onProgress);
      this.deps.log.info('batch_slot_retry', { batch: batchId, attempt });
    }
    if (ready.length > 0) throw new SkillcredError('CONFLICT', message('conflict.no-free-index'));
  }

  /**
   * A certificate of the same assessment and kind was issued by another request after the batch
   * was checked: commit row by row, and mark the row that clashes as not issued.
   */
  private async isolate(
    batchId: string,
    commit: { rowNo: number; entry: IssuedEntry }[],
    progress: JobProgress,
    onProgress?: (p: JobProgress) => void,
  ): Promise<void> {
    const { store, clock } = this.deps;
    for (const one of commit) {
      const result = await store.commitBatchRows(batchId, [one], clock.now().toISOString());
      if (result.outcome === 'recorded') progress.committed++;
      else if (result.outcome === 'duplicate') {
        await store.failBatchRow(batchId, one.rowNo, JSON.stringify({ code: 'issued-assessment', detail: result.detail }), clock.now().toISOString());
      }
    }
    onProgress?.({ ...progress });
  }
}

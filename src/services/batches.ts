// Exam-session issuance (issue 15): a sheet of candidates in, every row checked before anything
// is signed, then one job that issues them all; its status, a results sheet and a print run.
import canonicalizeModule from 'canonicalize';
import type { CryptoProvider } from '../credentials/crypto.js';
import type { Config } from '../config.js';
import { TEMPLATE_HEADERS } from '../domain/batch-columns.js';
import { faultText, type BatchFault } from '../domain/batch-faults.js';
import { BatchShapeError, jsonItems, sheetItems, type BatchItems } from '../domain/batch-sheet.js';
import type { IssuerRecord } from '../domain/issuer.js';
import type { Language } from '../domain/localized.js';
import type { Principal } from '../domain/principal.js';
import { message, SkillcredError, type FieldError } from '../errors.js';
import type { Clock, Logger } from '../ports.js';
import type { BatchRecord, Store } from '../store/store.js';
import type { ChineseScript } from '../views/certificate-view.js';
import { allow, owns } from './access.js';
import { checkBatch } from './batch-check.js';
import { CsvSyntaxError, readCsv, writeCsv } from './batch-csv.js';
import { BatchJob, type JobOptions, type JobOutcome, type JobProgress } from './batch-job.js';
import { printBatch } from './batch-print.js';
import { batchView, resultsCsv, rowView, type BatchView } from './batch-view.js';
import type { HolderService } from './holder.js';
import type { IssuanceRecorder } from './record-issuance.js';
import type { TrustService } from './trust.js';

const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/** What an issuer uploads: `{items: […]}` as JSON, or a sheet as CSV text. */
export type BatchUpload = { source: 'json'; body: unknown } | { source: 'csv'; text: string };

/** Keeps a background task alive after the answer (Workers: ctx.waitUntil); Node lets it run. */
type Background = (task: Promise<unknown>) => void;

/** Progress of a batch from the checks to the last commit (the command line's progress bar). */
export interface BatchProgress extends JobProgress {
  validated: number;
  total: number;
}

export interface SubmitOptions extends Omit<JobOptions, 'onProgress'> {
  dryRun?: boolean;
  language: Language;
  /** The issuer's slug, when the admin submits for it. */
  issuer?: string;
  background?: Background;
  onProgress?: (progress: BatchProgress) => void;
}

/** What submitting answers: a dry run's verdict, or the accepted batch and its job. */
export type Submitted =
  | { kind: 'dry-run'; report: { dryRun: true; valid: true; id: string; rows: number; exists: boolean } }
  | { kind: 'accepted'; replayed: boolean; batch: BatchView; job: Promise<JobOutcome | null> };

export interface BatchDeps {
  store: Store;
  crypto: CryptoProvider;
  clock: Clock;
  config: Pick<Config, 'publicUrl' | 'statusListSize' | 'statusListThreshold'>;
  log: Logger;
  recorder: Pick<IssuanceRecorder, 'signEntry'>;
  trust: Pick<TrustService, 'mayIssue'>;
  holder: Pick<HolderService, 'bind'>;
  /** Rows signed and committed together (default 100). */
  chunkSize?: number;
  /** How long a job's lease lasts without renewal (default 10 s): how soon a crashed job resumes. */
  leaseMs?: number;
}

const BATCH_ID = /^b-[0-9a-f]{32}$/;
/** Faults listed in one answer: a sheet of 5,000 bad rows still gets a readable answer. */
const MAX_FAULTS = 2000;
const PAGE = 1000;
/** Rows a status read lists unless asked: each row's verify link is its QR code's text, worked out per read. */
const STATUS_ROWS = 100;

/** The exam-session batches of issuers. */
export class BatchService {
  private readonly job: BatchJob;

  constructor(private readonly deps: BatchDeps) {
    this.job = new BatchJob({ ...deps, chunkSize: deps.chunkSize ?? 100, leaseMs: deps.leaseMs ?? 10_000 });
  }

  /** POST /v1/batches: checks every row; a new batch is stored and its job started (unless a dry run). */
  async submit(principal: Principal | undefined, upload: BatchUpload, opts: SubmitOptions): Promise<Submitted> {
    const { store, clock, config } = this.deps;
    const issuer = await this.issuerFor(principal, opts.issuer);
    const batch = this.read(upload, opts.language);
    const digest = await this.deps.crypto.sha256(new TextEncoder().encode(`${issuer.id}\n${canonicalize(batch.items) ?? ''}`));
    const id = `b-${Array.from(digest.slice(0, 16), (b) => b.toString(16).padStart(2, '0')).join('')}`;
    // The same upload again is the same batch: answered as it stands, its job resumed if it stalled.
    const existing = await store.getBatch(id);
    if (existing) {
      if (opts.dryRun) return { kind: 'dry-run', report: { dryRun: true, valid: true, id, rows: existing.total, exists: true } };
      return { kind: 'accepted', replayed: true, batch: batchView(config.publicUrl, existing), job: this.startIfIdle(existing, opts) };
    }
    const now = clock.now();
    const { rows, faults } = await checkBatch(this.deps, issuer, batch, now, opts.language);
    opts.onProgress?.({ validated: batch.items.length, total: batch.items.length, signed: 0, committed: 0 });
    if (faults.length > 0) throw rejected(faults, opts.language);
    if (opts.dryRun) return { kind: 'dry-run', report: { dryRun: true, valid: true, id, rows: rows.length, exists: false } };
    const at = now.toISOString();
    const record: BatchRecord = {
      id,
      issuerId: issuer.id,
      source: batch.source,
      headers: batch.headers,
      total: rows.length,
      issued: 0,
      failed: 0,
      state: 'queued',
      leaseOwner: null,
      leaseUntil: null,
      createdAt: at,
      updatedAt: at,
      finishedAt: null,
    };
    const created = await store.createBatch(
      record,
      rows.map((r) => ({
        rowNo: r.item,
        sheetRow: r.sheetRow,
        certificateNumber: r.certificateNumber,
        holderName: r.holderName,
        credentialId: String(r.draft.credential.id),
        draft: JSON.stringify(r.draft),
        settings: JSON.stringify(r.settings),
      })),
    );
    const stored = created ? record : ((await store.getBatch(id)) ?? record);
    return { kind: 'accepted', replayed: !created, batch: batchView(config.publicUrl, stored), job: this.startIfIdle(stored, opts) };
  }

  /** GET /v1/batches/{id}: state, counts and a page of rows; a stalled job (lapsed lease) is resumed. */
  async status(
    principal: Principal | undefined,
    id: string,
    opts: { offset?: number; limit?: number; language: Language } & Omit<SubmitOptions, 'language'>,
  ): Promise<BatchView> {
    const batch = await this.batch(principal, id);
    void this.startIfIdle(batch, opts);
    const offset = opts.offset ?? 0;
    const limit = Math.min(opts.limit ?? STATUS_ROWS, PAGE);
    const rows = await this.deps.store.listBatchRows(id, offset, limit);
    return {
      ...batchView(this.deps.config.publicUrl, batch),
      rows: await Promise.all(rows.map((r) => rowView(this.deps.config.publicUrl, r, opts.language))),
      page: { offset, limit },
    };
  }

  /** GET /v1/batches/{id}/results.csv: every row as a sheet, in the reader's language. */
  async results(principal: Principal | undefined, id: string, language: Language): Promise<string> {
    await this.batch(principal, id);
    const views = [];
    for (let offset = 0; ; offset += PAGE) {
      const rows = await this.deps.store.listBatchRows(id, offset, PAGE);
      for (const r of rows) views.push(await rowView(this.deps.config.publicUrl, r, language));
      if (rows.length < PAGE) break;
    }
    return resultsCsv(views, language);
  }

  /** GET /v1/batches/{id}/print: one A4 page per issued certificate. */
  async print(principal: Principal | undefined, id: string, script: ChineseScript, opts: { offset?: number; limit?: number } = {}): Promise<string> {
    const batch = await this.batch(principal, id);
    return printBatch(this.deps, batch, script, opts);
  }

  /** GET /v1/batches/template.csv: the headers of a skill level session's sheet. */
  template(language: Language): string {
    return writeCsv([TEMPLATE_HEADERS[language]]);
  }

  /** Runs a batch's job now (the command line waits for it). */
  run(id: string, opts: JobOptions = {}): Promise<JobOutcome> {
    return this.job.run(id, opts);
  }

  /**
   * Resumes every unfinished batch, one after the other (Node calls this after starting). A batch
   * whose lease a crashed process still holds is taken up once the lease lapses.
   */
  async resumeUnfinished(): Promise<void> {
    try {
      for (const batch of await this.deps.store.listUnfinishedBatches(100)) {
        for (let attempt = 0; attempt < 30; attempt++) {
          if ((await this.job.run(batch.id)) !== 'busy') break;
          const lapse = batch.leaseUntil ? Date.parse((await this.deps.store.getBatch(batch.id))?.leaseUntil ?? '') - this.deps.clock.now().getTime() : 0;
          await new Promise((resolve) => setTimeout(resolve, Math.min(Math.max(lapse, 0) + 250, 15_000)));
        }
      }
    } catch (error) {
      this.deps.log.error('batch_resume_failed', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Starts the job in the background unless it is finished or another worker holds a live lease. */
  private startIfIdle(batch: BatchRecord, opts: Omit<SubmitOptions, 'language'>): Promise<JobOutcome | null> {
    const now = this.deps.clock.now().toISOString();
    if (batch.state === 'completed' || (batch.leaseUntil !== null && batch.leaseUntil > now)) return Promise.resolve(null);
    const onProgress = opts.onProgress;
    const task = this.job
      .run(batch.id, {
        ...(opts.budgetMs !== undefined ? { budgetMs: opts.budgetMs } : {}),
        ...(onProgress ? { onProgress: (p) => onProgress({ ...p, validated: batch.total, total: batch.total }) } : {}),
      })
      .catch((error: unknown) => {
        this.deps.log.error('batch_job_failed', { batch: batch.id, error: error instanceof Error ? error.message : String(error) });
        return null;
      });
    (opts.background ?? ((t) => void t))(task);
    return task;
  }

  private read(upload: BatchUpload, language: Language): BatchItems {
    try {
      return upload.source === 'json' ? jsonItems(upload.body) : sheetItems(readCsv(upload.text));
    } catch (error) {
      if (error instanceof BatchShapeError) {
        throw new SkillcredError('MALFORMED_VALUE', faultText(error.code, language, error.params), { headers: { 'content-language': language } });
      }
      if (error instanceof CsvSyntaxError) {
        throw rejected([{ row: error.row, item: null, column: '', pointer: '', code: 'csv-syntax', params: { reason: error.reason } }], language);
      }
      throw error;
    }
  }

  private async issuerFor(principal: Principal | undefined, slug: string | undefined): Promise<IssuerRecord> {
    const caller = allow(principal, ['issuer', 'admin'], 'issuing a batch');
    const issuer =
      caller.kind === 'issuer' ? await this.deps.store.getIssuer({ id: caller.issuerId }) : slug ? await this.deps.store.getIssuer({ slug }) : null;
    if (!issuer) {
      throw caller.kind === 'admin'
        ? new SkillcredError('MALFORMED_VALUE', message('batch.issuer-param'), { errors: [{ pointer: 'query:issuer', key: 'field.existing-issuer' }] })
        : new SkillcredError('FORBIDDEN', message('forbidden.issuer-gone'));
    }
    return issuer;
  }

  private async batch(principal: Principal | undefined, id: string): Promise<BatchRecord> {
    const caller = allow(principal, ['issuer', 'admin'], 'reading a batch');
    const batch = BATCH_ID.test(id) ? await this.deps.store.getBatch(id) : null;
    if (!batch || !owns(caller, batch.issuerId)) throw new SkillcredError('NOT_FOUND', message('not-found.batch', { id }));
    return batch;
  }
}

/** The 422 of a batch with faults: one entry per fault, worded in the request's language. */
function rejected(faults: BatchFault[], language: Language): SkillcredError {
  const errors: FieldError[] = faults.slice(0, MAX_FAULTS).map((f) => ({
    pointer: f.item === null ? f.pointer : `/items/${f.item}${f.pointer}`,
    detail: faultText(f.code, language, f.params, f.code),
    shown: { row: f.row, item: f.item, column: f.column, code: f.code, ...(f.value !== undefined ? { value: f.value } : {}) },
  }));
  const detail = faultText('batch-rejected', language, { faults: faults.length, rows: new Set(faults.map((f) => f.row)).size });
  return new SkillcredError('MALFORMED_VALUE', detail, { errors, headers: { 'content-language': language } });
}

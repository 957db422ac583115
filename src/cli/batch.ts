// `npm run admin -- batch issue sheet.csv --issuer <slug>`: an exam session from the command line,
// straight on the database: the checks, a progress bar on stderr, the fault report as a table,
// and the results sheet written next to the input.
import { readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { Language } from '../domain/localized.js';
import type { Principal } from '../domain/principal.js';
import { SkillcredError, type FieldError } from '../errors.js';
import type { BatchProgress, Submitted } from '../services/batches.js';
import type { Services } from '../services/index.js';

const WIDTH = 30;

/** A progress line: a bar of committed rows, and the counts of each stage. */
function progressLine(p: BatchProgress): string {
  const done = p.total === 0 ? 1 : p.committed / p.total;
  const bar = '#'.repeat(Math.round(done * WIDTH)).padEnd(WIDTH, '.');
  return `[${bar}] ${Math.round(done * 100)}%  validated ${p.validated}/${p.total}  signed ${p.signed}  committed ${p.committed}`;
}

/** Display width of a text in a terminal: CJK characters take two columns. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

const pad = (text: string, to: number) => text + ' '.repeat(Math.max(0, to - width(text)));

/** The faults of a refused sheet as a table a person reads: row, column, problem. */
function faultTable(errors: FieldError[], language: Language): string {
  const head = language === 'en' ? ['row', 'column', 'problem'] : language === 'zh-Hant' ? ['行', '欄', '問題'] : ['行', '列', '问题'];
  const rows = errors.map(({ detail, shown = {} }) => [
    shown.row === null || shown.row === undefined ? '-' : String(shown.row),
    String(shown.column || '-'),
    shown.value === undefined ? detail : `${detail} (${shown.value})`,
  ]);
  const w0 = Math.max(width(head[0]!), ...rows.map((r) => width(r[0]!)));
  const w1 = Math.min(24, Math.max(width(head[1]!), ...rows.map((r) => width(r[1]!))));
  return [head, ...rows].map((r) => `${pad(r[0]!, w0)}  ${pad(r[1]!, w1)}  ${r[2]}`).join('\n');
}

/** Runs `batch issue <file>`; returns the exit code. */
export async function batchIssue(
  services: Services,
  principal: Principal,
  args: { file: string; issuer: string; dryRun: boolean; language: Language },
  out: (value: unknown) => void,
  err: (text: string) => void,
): Promise<number> {
  const text = await readFile(args.file, 'utf8');
  const upload =
    extname(args.file).toLowerCase() === '.json' ? { source: 'json' as const, body: JSON.parse(text) as unknown } : { source: 'csv' as const, text };
  let last = '';
  const onProgress = (p: BatchProgress) => {
    const line = progressLine(p);
    if (line !== last) err(`\r${line}`);
    last = line;
  };
  let submitted: Submitted;
  try {
    submitted = await services.batches.submit(principal, upload, {
      dryRun: args.dryRun,
      language: args.language,
      issuer: args.issuer,
      background: () => {},
      onProgress,
    });
  } catch (error) {
    if (error instanceof SkillcredError && error.errors) {
      err(`\n${error.message}\n\n${faultTable(error.errors, args.language)}\n`);
      return 1;
    }
    throw error;
  }
  if (submitted.kind === 'dry-run') {
    err('\n');
    out(submitted.report);
    return 0;
  }
  // A batch submitted before (the same sheet) may be finished, or worked by a running server.
  const outcome =
    (await submitted.job) ??
    (await services.batches.run(submitted.batch.id, {
      onProgress: (p) => onProgress({ ...p, validated: submitted.batch.counts.total, total: submitted.batch.counts.total }),
    }));
  err('\n');
  const results = join(dirname(args.file), `${basename(args.file, extname(args.file))}.results.csv`);
  await writeFile(results, await services.batches.results(principal, submitted.batch.id, args.language));
  const status = await services.batches.status(principal, submitted.batch.id, { language: args.language, limit: 0 });
  out({ batch: status.id, state: status.state, counts: status.counts, outcome, replayed: submitted.replayed, results });
  return status.state === 'completed' && status.counts.failed === 0 ? 0 : 1;
}

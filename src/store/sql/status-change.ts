// setStatus, written once for every driver: read the entries the changes touch, decide each change
// in order with the domain rule, then apply everything in one atomic batch that starts with a
// guard. If any entry read has changed meanwhile (another request, isolate or process), the guard
// fails the batch, nothing is written, and the change is planned again on fresh rows. No driver
// needs interactive transactions or row locks for this, and every driver behaves alike.
import { decideChange, type StatusChange, type StatusPurpose } from '../../domain/status.js';
import { SkillcredError } from '../../errors.js';
import { stmt, type Driver, type Statement } from '../driver.js';
import type { AuditContext, SetStatusResult, Store } from '../store.js';
import { flag, num, text } from './columns.js';
import { chunks, SET_CHUNK, SET_STATEMENTS, type SetStatements } from './sets.js';

// A status change replanned this many times after losing races gives up with a 409.
const STATUS_ATTEMPTS = 12;
// onProgress is called after every this many changes planned, and once more when all are committed.
const PROGRESS_EVERY = 1000;
// The store_guard CHECK constraint (migration 0002) that fails a batch planned on stale rows.
const LOST_RACE = 'store_guard_lost_race';

/** A status entry as a change decides on it; `value` follows the changes planned so far. */
interface Entry {
  purpose: StatusPurpose;
  value: boolean;
  listId: number;
  index: number;
  issuerId: string;
  /** The value read, which the guard checks still holds at commit. */
  original: boolean;
}

type Plan =
  | Extract<SetStatusResult, { outcome: 'refused' }>
  | { outcome: 'applied'; changed: number; unchanged: number; skipped: number; statements: Statement[] };

type OnProgress = (done: number, total: number) => void;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Progress never goes backwards: a replanned attempt stays silent until it passes what was
 * reported, and the total is reported only once everything is committed.
 */
function progressReporter(total: number, onProgress: OnProgress | undefined) {
  let reported = 0;
  return {
    planned(done: number): void {
      if (!onProgress || done % PROGRESS_EVERY !== 0 || done >= total || done <= reported) return;
      reported = done;
      onProgress(done, total);
    },
    committed(): void {
      if (onProgress && total > 0) onProgress(total, total);
    },
  };
}

/** Store.setStatus over a driver. */
export function setStatusMethod(db: Driver): Store['setStatus'] {
  const sets = SET_STATEMENTS[db.dialect];
  return async (changes, audit, options = {}) => {
    const progress = progressReporter(changes.length, options.onProgress);
    for (let attempt = 1; ; attempt++) {
      const plan = await planChanges(db, sets, changes, audit, options.skipMissing ?? false, progress.planned);
      if (plan.outcome === 'refused') return plan;
      try {
        await db.batch(plan.statements);
      } catch (error) {
        const violation = db.constraintOf(error);
        if (violation?.kind !== 'check' || violation.name !== LOST_RACE) throw error;
        if (attempt >= STATUS_ATTEMPTS) {
          throw new SkillcredError('CONFLICT', 'the status of these credentials kept changing concurrently; retry the request');
        }
        await sleep(Math.random() * 10 * attempt); // jitter, so racing writers stop colliding
        continue;
      }
      progress.committed();
      const { changed, unchanged, skipped } = plan;
      return { outcome: 'applied', changed, unchanged, skipped };
    }
  };
}

/**
 * Decides the changes in order, in memory, so a later change sees an earlier one as it would
 * inside a transaction. Entries are read a chunk of credentials at a time, as the changes reach
 * them, so a refusal early in a long list stops reading there. Builds the batch: the guard over
 * every entry read, the bit writes, the audit rows (in change order) and the version bumps.
 */
async function planChanges(
  db: Driver,
  sets: SetStatements,
  changes: readonly StatusChange[],
  audit: AuditContext,
  skipMissing: boolean,
  planned: (done: number) => void,
): Promise<Plan> {
  const ids = [...new Set(changes.map((c) => c.credentialId))];
  const position = new Map(ids.map((id, i) => [id, i]));
  const entries = new Map<string, Entry[]>();
  let loaded = 0; // ids[0, loaded) have been read
  let changed = 0;
  let unchanged = 0;
  let skipped = 0;
  const audits: (string | number)[][] = [];
  const touched = new Set<number>();
  for (const [i, change] of changes.entries()) {
    while (position.get(change.credentialId)! >= loaded) {
      const part = ids.slice(loaded, loaded + SET_CHUNK);
      for (const r of await db.all(sets.entriesOfCredentials, [JSON.stringify(part)])) {
        const value = flag(r.value);
        const entry: Entry = {
          purpose: r.purpose as StatusPurpose,
          value,
          original: value,
          listId: num(r.list_id),
          index: num(r.idx),
          issuerId: text(r.issuer_id),
        };
        const id = text(r.credential_id);
        const held = entries.get(id);
        if (held) held.push(entry);
        else entries.set(id, [entry]);
      }
      loaded += part.length;
    }
    const decision = decideChange(change, entries.get(change.credentialId) ?? [], skipMissing);
    if (decision.kind === 'refuse') return { outcome: 'refused', credentialId: change.credentialId, reason: decision.reason };
    if (decision.kind === 'skip') skipped++;
    else if (decision.kind === 'unchanged') unchanged++;
    else {
      decision.entry.value = change.value;
      touched.add(decision.entry.listId);
      audits.push([change.credentialId, decision.entry.issuerId, change.purpose, decision.old ? 1 : 0, change.value ? 1 : 0]);
      changed++;
    }
    planned(i + 1);
  }
  const statements: Statement[] = [];
  if (changed > 0) {
    const read = [...entries.values()].flat();
    for (const part of chunks(read.map((e) => [e.listId, e.index, e.original ? 1 : 0]))) statements.push(stmt(sets.guardUnchanged, JSON.stringify(part)));
    for (const value of [1, 0]) {
      const flipped = read.filter((e) => e.value !== e.original && (e.value ? 1 : 0) === value).map((e) => [e.listId, e.index]);
      for (const part of chunks(flipped)) statements.push(stmt(sets.setBits, value, value, JSON.stringify(part)));
    }
    for (const part of chunks(audits))
      statements.push(stmt(sets.appendAudits, audit.actor, audit.reason, audit.requestId, audit.clientRequestId ?? null, audit.at, JSON.stringify(part)));
    statements.push(stmt(sets.bumpLists, JSON.stringify([...touched])));
  }
  return { outcome: 'applied', changed, unchanged, skipped, statements };
}

// Checking a whole batch before anything is signed: every row against the request schema, the
// certificate rules, the issuer's accreditation, the other rows and what the issuer already
// issued. Each row that passes becomes its draft (the unsigned credential; the ID number only as
// its holder binding), which is what the job later signs.
import { schemaFault, type BatchFault } from '../domain/batch-faults.js';
import { columnFor, type BatchItems } from '../domain/batch-sheet.js';
import { checkCertificate, type CertificateRequest } from '../domain/certificate.js';
import type { IssuerRecord } from '../domain/issuer.js';
import type { Language } from '../domain/localized.js';
import { message, SkillcredError } from '../errors.js';
import { scopeOf } from '../domain/accreditation.js';
import { trustParams } from '../i18n/trust.js';
import { validateCertificateRequest } from '../schemas/validators.js';
import type { Store } from '../store/store.js';
import { draftFromCertificate, type Draft, type IssueSettings } from './drafts.js';
import type { HolderService } from './holder.js';
import { certificateSettings } from './issuance.js';
import type { TrustService } from './trust.js';

/** A row that passed every check, ready to sign. */
export interface CheckedRow {
  item: number;
  sheetRow: number;
  certificateNumber: string;
  holderName: string;
  draft: Draft;
  settings: IssueSettings;
}

export interface CheckDeps {
  store: Pick<Store, 'issuedAmong'>;
  holder: Pick<HolderService, 'bind'>;
  trust: Pick<TrustService, 'mayIssue'>;
}

// Accreditation refusals that concern one row (the rest concern the issuer: a 403 for the batch).
const ROW_SCOPE: Record<string, { code: string; pointer: string }> = {
  kind: { code: 'not-accredited-kind', pointer: '/kind' },
  occupation: { code: 'not-accredited-occupation', pointer: '/occupation/code' },
  rank: { code: 'not-accredited-rank', pointer: '/level' },
};

// Never echoed back in a fault: the ID number is the one personal datum a sheet should not spread.
const NOT_ECHOED = new Set(['/holder/idNumber']);

function valueAt(item: unknown, pointer: string): string | undefined {
  let node = item;
  for (const key of pointer.split('/').slice(1)) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  return typeof node === 'string' || typeof node === 'number' ? String(node) : undefined;
}

/** Checks every row of `batch` for `issuer` at `now`: the rows to sign, or every fault (sorted by row). */
export async function checkBatch(
  deps: CheckDeps,
  issuer: IssuerRecord,
  batch: BatchItems,
  now: Date,
  language: Language,
): Promise<{ rows: CheckedRow[]; faults: BatchFault[] }> {
  const faults: BatchFault[] = [...batch.faults];
  const rows: CheckedRow[] = [];
  const missing = new Set(batch.missing.map((p) => `/${p.replace(/\./g, '/')}`));
  const fault = (i: number, pointer: string, code: string, params?: BatchFault['params']) => {
    const value = NOT_ECHOED.has(pointer) ? undefined : valueAt(batch.items[i], pointer);
    faults.push({
      row: batch.rows[i]!,
      item: i,
      column: columnFor(batch, pointer),
      pointer,
      code,
      ...(params ? { params } : {}),
      ...(value !== undefined ? { value } : {}),
    });
  };
  const shaped = new Set(batch.faults.filter((f) => f.item !== null).map((f) => f.item));
  const shapedAt = new Set(batch.faults.map((f) => `${f.item} ${f.pointer}`));
  const numbers = new Map<string, number>();
  const assessments = new Map<string, number>();

  for (let i = 0; i < batch.items.length; i++) {
    const item = batch.items[i];
    if (!validateCertificateRequest(item)) {
      const seen = new Set<string>();
      for (const e of validateCertificateRequest.errors ?? []) {
        const f = schemaFault(e, language);
        if (!f || (f.code === 'required' && (missing.has(f.pointer) || shapedAt.has(`${i} ${f.pointer}`))) || seen.has(`${f.pointer} ${f.code}`)) continue;
        seen.add(`${f.pointer} ${f.code}`);
        fault(i, f.pointer, f.code, f.params);
      }
      continue;
    }
    const request: CertificateRequest = item;
    const sheetRow = batch.rows[i]!;
    const firstWithNumber = numbers.get(request.certificateNumber);
    if (firstWithNumber !== undefined) fault(i, '/certificateNumber', 'duplicate-number', { other: firstWithNumber });
    else numbers.set(request.certificateNumber, sheetRow);
    const pair = `${request.assessment.id}\u0000${request.kind}`;
    const firstWithPair = assessments.get(pair);
    if (firstWithPair !== undefined) fault(i, '/assessment/id', 'duplicate-assessment', { other: firstWithPair });
    else assessments.set(pair, sheetRow);

    const check = checkCertificate(request, issuer);
    if (!check.ok) {
      for (const f of check.faults) {
        fault(i, f.pointer, f.code, { code: request.occupation.code, ...f.params });
      }
      continue;
    }
    if (shaped.has(i) || firstWithNumber !== undefined || firstWithPair !== undefined) continue;
    const draft = await draftFromCertificate(request, issuer, { now, bind: (n) => deps.holder.bind(issuer, n) });
    const decision = await deps.trust.mayIssue(issuer, draft.credential, now);
    if (!decision.trusted) {
      const scope = ROW_SCOPE[decision.code];
      if (!scope)
        throw new SkillcredError(
          'NOT_ACCREDITED',
          message(`not-accredited.${decision.code}`, { issuer: issuer.slug, ...trustParams(decision, scopeOf(draft.credential), now) }),
        );
      fault(i, scope.pointer, scope.code);
      continue;
    }
    rows.push({
      item: i,
      sheetRow,
      certificateNumber: request.certificateNumber,
      holderName: request.holder.name,
      draft,
      settings: certificateSettings(issuer, request),
    });
  }

  // Against what the issuer already issued: one set query each, not one per row.
  const issued = await deps.store.issuedAmong(
    issuer.id,
    rows.map((r) => r.certificateNumber),
    rows.map((r) => [r.draft.assessmentId!, r.draft.kind]),
  );
  const usedNumbers = new Set(issued.numbers);
  const usedPairs = new Set(issued.assessments.map(([a, k]) => `${a}\u0000${k}`));
  for (const r of rows) {
    if (usedNumbers.has(r.certificateNumber)) fault(r.item, '/certificateNumber', 'issued-number');
    if (usedPairs.has(`${r.draft.assessmentId}\u0000${r.draft.kind}`)) fault(r.item, '/assessment/id', 'issued-assessment');
  }
  faults.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || (a.item ?? -1) - (b.item ?? -1));
  return { rows, faults };
}

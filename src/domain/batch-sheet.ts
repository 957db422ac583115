// From what a client uploaded to the batch's items: a CSV sheet's records (header first) or a
// JSON body's `items`, each item a certificate request to check, and where a person finds it.
import { COLUMNS, cellValue, columnOf, isScientific, type ColumnSpec } from './batch-columns.js';
import type { BatchFault } from './batch-faults.js';

/** The most rows one batch may hold. */
const MAX_BATCH_ROWS = 5000;

/** A batch's items, read but not yet checked. */
export interface BatchItems {
  source: 'json' | 'csv';
  items: unknown[];
  /** Where a person finds each item: its spreadsheet row (the header is row 1), or its position from 1 (JSON). */
  rows: number[];
  /** The headers the sheet used, in order (empty for JSON). */
  headers: string[];
  /** Fields whose column the sheet lacks (already reported once): rows are not told again. */
  missing: string[];
  /** What the sheet's shape breaks (unknown, repeated or missing columns, lost digits). */
  faults: BatchFault[];
}

/** Refusal of the upload as a whole, before any row is read. */
export class BatchShapeError extends Error {
  constructor(
    readonly code: 'not-a-batch' | 'empty' | 'too-many-rows',
    readonly params: Record<string, number> = {},
  ) {
    super(code);
  }
}

const LANGUAGE_SUFFIX = /\.(zh-Hant|en)$/;
// Columns whose digits Excel turns into 1.10101E+17 when the cell is not formatted as text.
const DIGIT_COLUMNS = new Set(['holder.idNumber', 'certificateNumber', 'assessment.id', 'occupation.code']);

/** The items of a JSON body `{items: […]}`. */
export function jsonItems(body: unknown): BatchItems {
  const items = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as { items?: unknown }).items : undefined;
  if (!Array.isArray(items)) throw new BatchShapeError('not-a-batch');
  if (items.length === 0) throw new BatchShapeError('empty');
  if (items.length > MAX_BATCH_ROWS) throw new BatchShapeError('too-many-rows', { max: MAX_BATCH_ROWS, rows: items.length });
  const extra = Object.keys(body as object).filter((k) => k !== 'items');
  const faults: BatchFault[] = extra.map((k) => ({ row: null, item: null, column: k, pointer: `/${k}`, code: 'unknown-field' }));
  return { source: 'json', items, rows: items.map((_, i) => i + 1), headers: [], missing: [], faults };
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}

/** The items of a sheet: `records[0]` holds the headers, blank records are skipped (but counted as rows). */
export function sheetItems(records: readonly string[][]): BatchItems {
  const headers = (records[0] ?? []).map((h) => h.trim());
  const faults: BatchFault[] = [];
  const specs: (ColumnSpec | undefined)[] = [];
  const seen = new Map<string, string>();
  const hasData = (j: number) => records.some((r, i) => i > 0 && (r[j] ?? '').trim() !== '');
  headers.forEach((header, j) => {
    const spec = header === '' ? undefined : columnOf(header);
    specs.push(spec);
    if (!spec) {
      if (header !== '' || hasData(j)) faults.push({ row: 1, item: null, column: header, pointer: '', code: 'unknown-column' });
      return;
    }
    const first = seen.get(spec.path);
    if (first !== undefined) {
      faults.push({ row: 1, item: null, column: header, pointer: `/${spec.path.replace(/\./g, '/')}`, code: 'duplicate-column', params: { other: first } });
      specs[j] = undefined;
    } else seen.set(spec.path, header);
  });
  const missing = COLUMNS.filter((c) => c.required && !seen.has(c.path)).map((c) => c.path);
  for (const path of missing) {
    faults.push({
      row: 1,
      item: null,
      column: COLUMNS.find((c) => c.path === path)!.aliases[0]!,
      pointer: `/${path.replace(/\./g, '/')}`,
      code: 'missing-column',
      params: { path },
    });
  }

  const items: unknown[] = [];
  const rows: number[] = [];
  for (let r = 1; r < records.length; r++) {
    const record = records[r]!;
    if (record.every((cell) => cell.trim() === '')) continue;
    const item: Record<string, unknown> = {};
    const more = new Map<string, Record<string, string>>();
    const index = items.length;
    record.forEach((raw, j) => {
      const cell = raw.trim();
      if (cell === '') return;
      const spec = specs[j];
      if (!spec) {
        if (j >= headers.length) faults.push({ row: r + 1, item: index, column: `#${j + 1}`, pointer: '', code: 'extra-cells', value: cell });
        return;
      }
      if (DIGIT_COLUMNS.has(spec.path) && isScientific(cell)) {
        // What is left of an ID number is still not echoed back.
        const value = spec.path === 'holder.idNumber' ? {} : { value: cell };
        faults.push({ row: r + 1, item: index, column: headers[j]!, pointer: `/${spec.path.replace(/\./g, '/')}`, code: 'excel-scientific', ...value });
        return;
      }
      const lang = LANGUAGE_SUFFIX.exec(spec.path);
      if (lang) {
        const base = spec.path.slice(0, -lang[0].length);
        more.set(base, { ...more.get(base), [lang[1]!]: cell });
      } else setPath(item, spec.path, cellValue(spec.cell, cell));
    });
    // A text in more than one language is an object {zh-Hans, zh-Hant, en}; in one, a string.
    for (const [base, texts] of more) {
      const zh = base.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown> | undefined)?.[k], item);
      setPath(item, base, { ...(typeof zh === 'string' ? { 'zh-Hans': zh } : {}), ...texts });
    }
    item.kind ??= 'skill-level'; // the common case: a sheet without 证书类型 is a skill level session
    items.push(item);
    rows.push(r + 1);
  }
  if (items.length === 0 && faults.length === 0) throw new BatchShapeError('empty');
  if (items.length > MAX_BATCH_ROWS) throw new BatchShapeError('too-many-rows', { max: MAX_BATCH_ROWS, rows: items.length });
  return { source: 'csv', items, rows, headers, missing, faults };
}

/**
 * The column a person reads for a field (JSON pointer within one item): the sheet's own header
 * for it, or for the first column under it (`/level` → 等级); the dotted path when the sheet has
 * none (and always for JSON).
 */
export function columnFor(batch: Pick<BatchItems, 'headers'>, pointer: string): string {
  const path = pointer.replace(/^\//, '').replace(/\//g, '.');
  if (path === '') return '';
  const byPath = batch.headers.map((h) => ({ h, spec: columnOf(h) }));
  const exact = byPath.find((x) => x.spec?.path === path);
  if (exact) return exact.h;
  const under = byPath.find((x) => x.spec && (x.spec.path.startsWith(`${path}.`) || path.startsWith(`${x.spec.path}.`)));
  return under ? under.h : path;
}

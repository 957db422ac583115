// A batch as its issuer reads it: state, counts and per row the certificate's id, number and
// links (JSON), or the same as a results sheet (CSV) in the reader's language.
import { faultText } from '../domain/batch-faults.js';
import type { Language } from '../domain/localized.js';
import type { BatchRecord, BatchRowRecord } from '../store/store.js';
import { writeCsv } from './batch-csv.js';
import { credentialLinks } from './issuance.js';
import type { SignedCredential } from './record-issuance.js';

/** One row of a batch as reported. */
export interface BatchRowView {
  /** The spreadsheet row (the header is row 1), or the item's position from 1 (JSON). */
  row: number;
  /** The item's index in the batch, from 0. */
  item: number;
  certificateNumber: string;
  holderName: string;
  state: 'issued' | 'pending' | 'failed';
  credentialId: string | null;
  status?: 'revoked' | 'suspended';
  error?: { code: string; detail: string };
  links?: { self: string; certificate: string; verify: string };
}

/** A batch as reported: its job's state, counts and (a page of) its rows. */
export interface BatchView {
  id: string;
  state: BatchRecord['state'];
  source: BatchRecord['source'];
  counts: { total: number; issued: number; failed: number; pending: number };
  createdAt: string;
  finishedAt: string | null;
  links: { self: string; results: string; print: string };
  rows?: BatchRowView[];
  page?: { offset: number; limit: number };
}

/** The batch's own links. */
function batchLinks(publicUrl: string, id: string): BatchView['links'] {
  const self = `${publicUrl}/v1/batches/${id}`;
  return { self, results: `${self}/results.csv`, print: `${self}/print` };
}

/** The view of a batch, without rows. */
export function batchView(publicUrl: string, b: BatchRecord): BatchView {
  return {
    id: b.id,
    state: b.state,
    source: b.source,
    counts: { total: b.total, issued: b.issued, failed: b.failed, pending: b.total - b.issued - b.failed },
    createdAt: b.createdAt,
    finishedAt: b.finishedAt,
    links: batchLinks(publicUrl, b.id),
  };
}

/** One row as reported; an issued row with its links (the verify link is its QR code's text). */
export async function rowView(publicUrl: string, r: BatchRowRecord, language: Language): Promise<BatchRowView> {
  const view: BatchRowView = {
    row: r.sheetRow,
    item: r.rowNo,
    certificateNumber: r.certificateNumber,
    holderName: r.holderName,
    state: r.credentialId ? 'issued' : r.error ? 'failed' : 'pending',
    credentialId: r.credentialId,
  };
  if (r.revoked) view.status = 'revoked';
  else if (r.suspended) view.status = 'suspended';
  if (r.error) {
    const e = JSON.parse(r.error) as { code: string; detail: string };
    view.error = { code: e.code, detail: faultText(e.code, language, { detail: e.detail }, e.detail) };
  }
  if (r.credentialId && r.document) {
    const { self, certificate, verify } = await credentialLinks(publicUrl, r.credentialId, JSON.parse(r.document) as SignedCredential);
    view.links = { self, certificate, verify };
  }
  return view;
}

const RESULT_HEADERS: Record<Language, string[]> = {
  'zh-Hans': ['行号', '姓名', '证书编号', '状态', '证书ID', '核验链接', '证书页面', '说明'],
  'zh-Hant': ['行號', '姓名', '證書編號', '狀態', '證書ID', '核實連結', '證書頁面', '說明'],
  en: ['row', 'holder.name', 'certificateNumber', 'state', 'credentialId', 'links.verify', 'links.certificate', 'note'],
};

const STATES: Record<Language, Record<string, string>> = {
  'zh-Hans': { issued: '已发证', pending: '待签发', failed: '未发证', revoked: '已撤销', suspended: '已暂停' },
  'zh-Hant': { issued: '已發證', pending: '待簽發', failed: '未發證', revoked: '已撤銷', suspended: '已暫停' },
  en: { issued: 'issued', pending: 'pending', failed: 'not issued', revoked: 'revoked', suspended: 'suspended' },
};

/** The results sheet: one line per row, in the reader's language. */
export function resultsCsv(rows: BatchRowView[], language: Language): string {
  const states = STATES[language];
  return writeCsv([
    RESULT_HEADERS[language],
    ...rows.map((r) => [
      r.row,
      r.holderName,
      r.certificateNumber,
      states[r.status ?? r.state],
      r.credentialId,
      r.links?.verify,
      r.links?.certificate,
      r.error?.detail,
    ]),
  ]);
}

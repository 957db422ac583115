// An exam session's certificates as one printable document: the sheet of the single printable
// certificate (certificate-html.ts), once per certificate, one A4 page each, so the office prints
// the session, or saves it as one PDF, from the browser.
import { certificateSheet, printDocument, type CertificatePage } from './certificate-html.js';
import type { ChineseScript } from './certificate-view.js';

// Each sheet is exactly one A4 page (the page has no margin); a break before every sheet but the
// first, none inside one, and no screen gap or shadow in print.
const PAGES_CSS = `
.sheet { break-inside: avoid; page-break-inside: avoid; }
.sheet + .sheet { break-before: page; page-break-before: always; }
@media print { .sheet { margin: 0 auto; } }
`;

/** The print document of a batch: one page per certificate, in the given Chinese script. */
export function batchPrintHtml(script: ChineseScript, title: string, pages: readonly CertificatePage[]): string {
  return printDocument(script, title, pages.map(certificateSheet).join('\n'), PAGES_CSS);
}

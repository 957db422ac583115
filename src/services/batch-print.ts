// The print run of a batch: every issued certificate's page, as the single printable certificate
// has it (its QR code, a stamp when withdrawn), in one document.
import type { JsonObject } from '../credentials/data-integrity.js';
import type { Config } from '../config.js';
import { renderQrSvg } from '../qr/index.js';
import type { BatchRecord, Store } from '../store/store.js';
import { batchPrintHtml } from '../views/batch-print.js';
import type { CertificatePage } from '../views/certificate-html.js';
import { certificateView, type ChineseScript } from '../views/certificate-view.js';
import { qrTextOf } from './qr-text.js';
import type { SignedCredential } from './record-issuance.js';

const PAGE = 1000;

/** The print document of a batch's issued certificates (rows `offset` … `offset + limit`). */
export async function printBatch(
  deps: { store: Pick<Store, 'listBatchRows'>; config: Pick<Config, 'publicUrl'> },
  batch: BatchRecord,
  script: ChineseScript,
  opts: { offset?: number; limit?: number },
): Promise<string> {
  const { publicUrl } = deps.config;
  const end = (opts.offset ?? 0) + (opts.limit ?? batch.total);
  const pages: CertificatePage[] = [];
  for (let offset = opts.offset ?? 0; offset < end; offset += PAGE) {
    const rows = await deps.store.listBatchRows(batch.id, offset, Math.min(PAGE, end - offset));
    for (const r of rows) {
      if (!r.credentialId || !r.document) continue;
      const stored = JSON.parse(r.document) as SignedCredential;
      const view = typeof stored === 'string' ? null : certificateView(stored as JsonObject, script);
      if (!view) continue;
      pages.push({
        view,
        script,
        qrSvg: renderQrSvg((await qrTextOf(publicUrl, stored, r.credentialId)).text),
        verifyUrl: `${publicUrl}/v`,
        withdrawn: r.revoked ? 'revoked' : r.suspended ? 'suspended' : null,
      });
    }
    if (rows.length < PAGE) break;
  }
  return batchPrintHtml(script, `${batch.id} · ${pages.length}`, pages);
}

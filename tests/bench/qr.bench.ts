// Issue #4: how big each kind of certificate's QR code is (QR versions at L/M/Q of the full verify
// URL), the payload sizes behind them, the fallback links, and encode/decode speed.
import { deflateSync } from 'fflate';
import { canonicalJson } from '../../src/qr/canonical-json.js';
import { decodeQrPayload, encodeQrPayload, QR_FORMAT_VERSION, qrIdUrl, qrUrl, qrVersion, type QrLevel } from '../../src/qr/index.js';
import { bearer, createTestApp, vc2, type TestApp } from '../helpers/app.js';
import { issueCorpus, TYPICAL } from '../qr/corpus.js';
import { heading, measure } from './harness.js';

const LEVELS: QrLevel[] = ['L', 'M', 'Q'];

function row(cells: (string | number)[], widths: number[]): string {
  return '  ' + cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[0]!) : String(c).padStart(widths[i]!))).join(' ');
}

async function versions(t: TestApp, label: string, out: Record<string, number>): Promise<void> {
  const widths = [34, 6, 8, 8, 7, 4, 4, 4, 7];
  // "M f1": the same credential in payload format 1 (the old dictionary), for comparison.
  console.log(row(['kind', 'JSON B', 'deflate', 'payload', 'chars', 'L', 'M', 'Q', 'M f1'], widths));
  const entries = await issueCorpus(t);
  // An enveloped VC-JWT (VC-JOSE) credential, for comparison: it needs the fallback.
  const jwt = await t.call('POST', '/credentials/issue', { credential: vc2(t.devDid), options: { format: 'vc+jwt' } }, bearer(t.devKey));
  entries.push({
    name: 'VC API vc+jwt (enveloped)',
    credential: ((await jwt.json()) as { verifiableCredential: Record<string, unknown> }).verifiableCredential,
  });
  for (const { name, credential } of entries) {
    const json = new TextEncoder().encode(canonicalJson(credential));
    const payload = await encodeQrPayload(credential);
    const text = qrUrl(t.ports.config.publicUrl, payload);
    const v = LEVELS.map((l) => qrVersion(text, l));
    const bytes = Math.floor((payload.length * 5) / 8);
    const v1 = qrVersion(qrUrl(t.ports.config.publicUrl, await encodeQrPayload(credential, { format: 1 })), 'M');
    console.log(row([name, json.length, deflateSync(json, { level: 9 }).length, bytes, payload.length, ...v.map(show), show(v1)], widths));
    out[`${label}${name} M format 1`] = v1;
    for (const [i, l] of LEVELS.entries()) out[`${label}${name} ${l}`] = v[i]!;
    out[`${label}${name} payload bytes`] = bytes;
  }
  const id = qrIdUrl(t.ports.config.publicUrl, String(entries[0]!.credential.id));
  const v = LEVELS.map((l) => qrVersion(id, l));
  console.log(row(['fallback: ID link (urn:uuid)', '', '', '', id.length, ...v.map(show)], widths));
  for (const [i, l] of LEVELS.entries()) out[`${label}fallback id ${l}`] = v[i]!;
}

function show(v: number): string {
  return Number.isFinite(v) ? String(v) : '>40';
}

/** Prints the QR tables and the codec speed; returns every figure by name. */
export async function run(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const publicUrl of ['https://certs.example.cn', 'https://zs.skills-eval.org.cn:8443']) {
    heading(`QR versions of the verify URL (payload format ${QR_FORMAT_VERSION}) at L/M/Q, PUBLIC_URL ${publicUrl}; JSON/deflate/payload in bytes`);
    const t = await createTestApp({ env: { PUBLIC_URL: publicUrl } });
    try {
      await versions(t, publicUrl === 'https://certs.example.cn' ? '' : 'port+host: ', out);
    } finally {
      await t.close();
    }
  }
  console.log(`  target: "${TYPICAL}" ≤ 16 at M (got ${out[`${TYPICAL} M`]}), every kind ≤ 20 at M`);

  heading('QR payload codec, typical skill level certificate');
  const t = await createTestApp();
  try {
    const credential = (await issueCorpus(t)).find((c) => c.name === TYPICAL)!.credential;
    const payload = await encodeQrPayload(credential);
    out['encode ops/s'] = (await measure('encodeQrPayload (includes its own decode check)', () => encodeQrPayload(credential), 1)).opsPerSec;
    out['decode ops/s'] = (await measure('decodeQrPayload', () => decodeQrPayload(payload), 1)).opsPerSec;
  } finally {
    await t.close();
  }
  return out;
}

// The printable A4 certificate: one self-contained HTML page (inline CSS, the QR code as inline
// SVG, system fonts), so it prints or saves as PDF from any browser and loads nothing else.
import type { Bilingual, CertificateView, ChineseScript } from './certificate-view.js';

/** The national query site printed on skill level certificates (text only, never fetched). */
const NATIONAL_QUERY_SITE = 'zscx.osta.org.cn';

/** What the page needs besides the certificate fields. */
export interface CertificatePage {
  view: CertificateView;
  script: ChineseScript;
  /** The QR code as an SVG document (rendered from the credential's QR text). */
  qrSvg: string;
  /** Where the verify page lives, printed under the QR code. */
  verifyUrl: string;
  /** A status bit set on the credential: printed across the sheet so the copy cannot pass as valid. */
  withdrawn: 'revoked' | 'suspended' | null;
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

const TEXT: Record<string, Record<ChineseScript, string> & { en: string }> = {
  name: { 'zh-Hans': '姓名', 'zh-Hant': '姓名', en: 'Name' },
  idType: { 'zh-Hans': '证件类型', 'zh-Hant': '證件類型', en: 'ID document' },
  idNumber: { 'zh-Hans': '证件号码', 'zh-Hant': '證件號碼', en: 'ID number' },
  idNumberValue: { 'zh-Hans': '不予打印，扫码核验', 'zh-Hant': '不予打印，掃碼核實', en: 'Not printed: confirm it with the verify page' },
  occupation: { 'zh-Hans': '职业', 'zh-Hant': '職業', en: 'Occupation' },
  workType: { 'zh-Hans': '工种/方向', 'zh-Hant': '工種/方向', en: 'Work type' },
  number: { 'zh-Hans': '证书编号', 'zh-Hant': '證書編號', en: 'Certificate No.' },
  issuer: { 'zh-Hans': '评价机构', 'zh-Hant': '評價機構', en: 'Evaluation organisation' },
  date: { 'zh-Hans': '发证日期', 'zh-Hant': '發證日期', en: 'Date of issue' },
  photo: { 'zh-Hans': '照片', 'zh-Hant': '照片', en: 'Photo' },
  scan: { 'zh-Hans': '扫码验证真伪', 'zh-Hant': '掃碼核實真偽', en: 'Scan to verify' },
  query: { 'zh-Hans': '全国联网查询', 'zh-Hant': '全國聯網查詢', en: 'National query site' },
  revoked: { 'zh-Hans': '已撤销', 'zh-Hant': '已撤銷', en: 'REVOKED' },
  suspended: { 'zh-Hans': '已暂停', 'zh-Hant': '已暫停', en: 'SUSPENDED' },
  revokedNote: {
    'zh-Hans': '此证书已被发证机构撤销，不能作为有效证书使用。',
    'zh-Hant': '此證書已被發證機構撤銷，不能作為有效證書使用。',
    en: 'The issuer has revoked this certificate: it is not valid.',
  },
  suspendedNote: {
    'zh-Hans': '此证书已被发证机构暂停，暂停期间不能作为有效证书使用。',
    'zh-Hant': '此證書已被發證機構暫停，暫停期間不能作為有效證書使用。',
    en: 'The issuer has suspended this certificate: it is not valid while suspended.',
  },
  printHint: {
    'zh-Hans': '打印或另存为 PDF：使用浏览器的“打印”（Ctrl+P / ⌘P），纸张 A4，边距“无”。',
    'zh-Hant': '打印或另存為 PDF：使用瀏覽器的「打印」（Ctrl+P / ⌘P），紙張 A4，邊界「無」。',
    en: 'To print or save as PDF use your browser’s Print (Ctrl+P / ⌘P), paper A4, margins “none”.',
  },
  fingerprint: {
    'zh-Hans': '本证书为可验证的数字证书，证件号码以加盐哈希保存；扫描二维码可离线核验签名、在线查询撤销状态。',
    'zh-Hant': '本證書為可核實的數碼證書，證件號碼以加鹽散列值保存；掃描二維碼可離線核實簽名、網上查詢撤銷狀態。',
    en: 'A verifiable digital certificate. The ID number is kept only as a salted hash; scan the QR code to check the signature and the revocation status.',
  },
};

function label(key: string, script: ChineseScript): string {
  const t = TEXT[key]!;
  return `<span class="zh">${esc(t[script])}</span><span class="en">${esc(t.en)}</span>`;
}

function value(v: Bilingual, extra = ''): string {
  const en = v.en && v.en !== v.zh ? `<span class="en">${esc(v.en)}</span>` : '';
  return `<span class="zh">${esc(v.zh)}${extra}</span>${en}`;
}

/** A row of the fields table; none at all for an empty value (nothing is printed as "--"). */
function row(key: string, script: ChineseScript, html: string, empty: boolean): string {
  return empty ? '' : `<tr><th scope="row">${label(key, script)}</th><td>${html}</td></tr>`;
}

/** Renders the printable certificate page. Every value is escaped; nothing is fetched. */
export function certificateHtml(page: CertificatePage): string {
  const { view: v, script } = page;
  return printDocument(script, `${v.title.zh} ${v.certificateNumber} · ${v.holderName}`, certificateSheet(page));
}

/** A whole HTML document around printed sheets: the print hint, the sheets, the page's CSS (and `css`). */
export function printDocument(script: ChineseScript, title: string, sheets: string, css = ''): string {
  const lang = script === 'zh-Hant' ? 'zh-Hant' : 'zh-Hans';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(title)}</title>
<style>${CSS}${css}</style>
</head>
<body>
<p class="toolbar">${esc(TEXT.printHint![script])}<br><span class="en">${esc(TEXT.printHint!.en)}</span></p>
${sheets}
</body>
</html>
`;
}

/** One certificate's A4 sheet (`<main class="sheet">`): one page of a print document. */
export function certificateSheet(page: CertificatePage): string {
  const { view: v, script } = page;
  const t = (key: string) => TEXT[key]![script];
  const code = v.occupationCode ? ` <span class="code">(${esc(v.occupationCode)})</span>` : '';
  const rows = [
    row('name', script, `<span class="zh holder">${esc(v.holderName)}</span>`, !v.holderName),
    row('idType', script, value(v.idDocumentType), !v.idDocumentType.zh),
    // The credential carries only a salted hash of the number: there is nothing to print or mask.
    row('idNumber', script, `<span class="zh muted">${esc(t('idNumberValue'))}</span><span class="en muted">${esc(TEXT.idNumberValue!.en)}</span>`, false),
    row('occupation', script, value(v.occupation, code), !v.occupation.zh && !v.occupationCode),
    row('workType', script, `<span class="zh">${esc(v.workType)}</span>`, !v.workType),
    v.level.zh
      ? `<tr><th scope="row"><span class="zh">${esc(v.levelLabel.zh)}</span><span class="en">${esc(v.levelLabel.en)}</span></th><td>${value(v.level)}</td></tr>`
      : '',
    row('number', script, `<span class="zh mono">${esc(v.certificateNumber)}</span>`, !v.certificateNumber),
  ]
    .filter(Boolean)
    .join('\n');
  const note = page.withdrawn === 'revoked' ? 'revokedNote' : 'suspendedNote';
  const banner = page.withdrawn
    ? `<p class="withdrawn" role="alert"><strong>${esc(t(page.withdrawn))} · ${esc(TEXT[page.withdrawn]!.en)}</strong> ${esc(t(note))} ${esc(TEXT[note]!.en)}</p>`
    : '';
  // No empty photo box: a photo is printed only when the credential itself carries one.
  const photo = v.photo ? `<div class="photo"><img src="${esc(v.photo)}" alt="${esc(t('photo'))} / ${esc(TEXT.photo!.en)}"></div>` : '';
  const issueRows = [
    `<div><dt>${label('issuer', script)}</dt><dd>${value(v.issuer)}${v.filingCode ? `<span class="en mono">${esc(v.filingCode)}</span>` : ''}</dd></div>`,
    v.issueDate.zh ? `<div><dt>${label('date', script)}</dt><dd>${value(v.issueDate)}</dd></div>` : '',
  ].join('\n      ');
  const stamp = page.withdrawn ? `<div class="stamp" aria-hidden="true">${esc(t(page.withdrawn))}<br>${esc(TEXT[page.withdrawn]!.en)}</div>` : '';
  return `<main class="sheet">
${stamp}
<div class="frame">
  ${banner}
  <header>
    <h1><span class="zh">${esc(v.title.zh)}</span><span class="en">${esc(v.title.en)}</span></h1>
  </header>
  <p class="statement"><span class="zh">${esc(v.statement.zh)}</span><span class="en">${esc(v.statement.en)}</span></p>
  <section class="body">
    ${photo}
    <table class="fields">
${rows}
    </table>
  </section>
  <section class="issue">
    <dl>
      ${issueRows}
    </dl>
    <figure class="qr">
      ${page.qrSvg}
      <figcaption><span class="zh">${esc(t('scan'))}</span><span class="en">${esc(TEXT.scan!.en)}</span><span class="url">${esc(page.verifyUrl)}</span></figcaption>
    </figure>
  </section>
  <footer>
    <p>${label('query', script)}<span class="site">${esc(NATIONAL_QUERY_SITE)}</span></p>
    <p class="note"><span class="zh">${esc(t('fingerprint'))}</span><span class="en">${esc(TEXT.fingerprint!.en)}</span></p>
  </footer>
</div>
</main>`;
}

const CSS = `
@page { size: A4 portrait; margin: 0; }
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  margin: 0; background: #e7e5e0; color: #1d1d1f;
  font-family: system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
    "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif;
}
:lang(zh-Hant) body, html:lang(zh-Hant) {
  font-family: system-ui, -apple-system, "Segoe UI", "PingFang TC", "Microsoft JhengHei", "Noto Sans CJK TC",
    "Source Han Sans TC", sans-serif;
}
.toolbar { max-width: 210mm; margin: 12px auto; padding: 8px 12px; font-size: 14px; color: #3a3a3a; }
.toolbar .en { display: inline; color: #5a5a5a; }
.sheet {
  position: relative; width: 210mm; height: 297mm; margin: 0 auto 24px; padding: 10mm;
  background: #fffdf7; box-shadow: 0 2px 12px rgba(0,0,0,.25); overflow: hidden;
}
.frame {
  height: 100%; padding: 12mm 14mm 9mm; display: flex; flex-direction: column;
  border: 1.2mm double #9a7b2f; outline: 0.4mm solid #9a7b2f; outline-offset: -3.2mm;
}
.zh, .en { display: block; }
.en { font-family: Georgia, "Times New Roman", "Noto Serif", serif; color: #45433f; font-size: 0.82em; }
header { text-align: center; margin-bottom: 7mm; }
h1 { margin: 0; font-weight: 700; }
h1 .zh {
  font-family: "Songti SC", "STSong", "SimSun", "Noto Serif CJK SC", "Source Han Serif SC", serif;
  font-size: 30pt; letter-spacing: 0.35em; padding-left: 0.35em; color: #7a1f1f;
}
:lang(zh-Hant) h1 .zh { font-family: "Songti TC", "PMingLiU", "Noto Serif CJK TC", "Source Han Serif TC", serif; }
h1 .en { font-size: 12pt; letter-spacing: 0.18em; text-transform: uppercase; margin-top: 2mm; color: #7a1f1f; }
.statement { margin: 0 0 8mm; font-size: 11.5pt; line-height: 1.6; text-align: center; }
.statement .en { margin-top: 1mm; }
.body { display: flex; gap: 9mm; align-items: flex-start; }
.photo { flex: 0 0 33mm; height: 45mm; border: 0.3mm solid #8d8a83; }
.photo img { display: block; width: 100%; height: 100%; object-fit: cover; }
.fields { flex: 1; border-collapse: collapse; font-size: 11.5pt; }
.fields th, .fields td { text-align: left; vertical-align: top; padding: 2.2mm 0; border-bottom: 0.2mm solid #ddd6c6; }
.fields th { width: 34mm; font-weight: 600; padding-right: 4mm; }
.fields th .en { font-weight: 400; }
.holder { font-size: 15pt; font-weight: 700; letter-spacing: 0.1em; }
.code, .mono { font-variant-numeric: tabular-nums; letter-spacing: 0.04em; }
/* Certificate numbers and codes are read character by character: whole, never broken mid-token. */
.code, .mono { white-space: nowrap; overflow-wrap: normal; word-break: keep-all; }
.muted { color: #5f5c55; }
.issue { margin-top: auto; display: flex; justify-content: space-between; align-items: flex-end; gap: 8mm; }
.issue dl { margin: 0; font-size: 11.5pt; }
.issue dl div { margin-bottom: 4mm; }
.issue dt { font-weight: 600; margin-bottom: 1mm; }
.issue dt .zh, .issue dt .en { display: inline; margin-right: 2mm; }
.issue dd { margin: 0; }
.qr { margin: 0; width: 40mm; text-align: center; }
.qr svg { display: block; width: 40mm; height: 40mm; }
.qr figcaption { font-size: 8.5pt; margin-top: 1mm; }
.qr .url { display: block; font-size: 7pt; color: #5f5c55; word-break: break-all; }
footer { margin-top: 6mm; padding-top: 3mm; border-top: 0.2mm solid #ddd6c6; font-size: 9pt; }
footer p { margin: 0 0 1.5mm; }
footer .zh, footer .en { display: inline; margin-right: 2mm; }
footer .site { font-weight: 600; letter-spacing: 0.03em; }
footer .note .en { display: block; margin-top: 0.5mm; }
.withdrawn { margin: 0 0 5mm; padding: 2mm 4mm; background: #b3261e; color: #fff; font-size: 10pt; }
.stamp {
  position: absolute; top: 42%; left: 50%; transform: translate(-50%, -50%) rotate(-24deg); z-index: 1;
  border: 2mm solid rgba(179, 38, 30, .7); color: rgba(179, 38, 30, .7); padding: 4mm 10mm;
  font-size: 40pt; font-weight: 800; text-align: center; line-height: 1.15; pointer-events: none;
}
@media screen and (max-width: 820px) {
  .sheet { width: auto; height: auto; min-height: 0; margin: 0 8px 16px; padding: 4mm; }
  .frame { padding: 6mm 5mm; }
  .body, .issue { flex-direction: column; align-items: stretch; }
  .photo { align-self: center; }
  /* label above value: the value gets the whole width, so a 22-character number fits unbroken */
  .fields, .fields tbody, .fields tr, .fields th, .fields td { display: block; width: auto; }
  .fields th { padding: 2.2mm 0 0.5mm; border-bottom: 0; }
  .fields th .zh, .fields th .en { display: inline; margin-right: 2mm; }
  .fields td { padding-top: 0; }
  .issue { margin-top: 6mm; }
  .qr { align-self: center; }
  h1 .zh { font-size: 22pt; letter-spacing: 0.15em; }
}
@media print {
  body { background: none; }
  .toolbar { display: none; }
  .sheet { margin: 0; box-shadow: none; page-break-after: avoid; break-after: avoid; }
}
`;

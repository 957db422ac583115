// The page at `/`: what this service is and where to go, in the visitor's language with a switch.
// One self-contained HTML document (inline CSS, no script, no fonts or images by URL).
import type { Language } from '../i18n/format.js';

const esc = (s: string): string => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

interface LandingText {
  title: string;
  lead: string;
  points: string[];
  links: { href: string; label: string; note: string }[];
  langLabel: string;
  footer: string;
}

const TEXT: Record<Language, LandingText> = {
  'zh-Hans': {
    title: '职业技能证书核验',
    lead: '本服务签发可验证的职业技能证书（职业技能等级证书、专项职业能力证书、企业技能等级认证），任何人都可核验。证书是带数字签名的 W3C 可验证凭证，二维码里就是证书本身。',
    points: [
      '评价机构通过 API 签发证书，并公布撤销和暂停状态列表。',
      '任何人扫描证书上的二维码，即可在浏览器中核验签名、有效期、撤销状态和评价机构的备案资质。',
      '证件号码从不出现在证书中：证书只带有用发证机构密钥计算的散列值，无法离线猜测；核对持证人时由本服务在线比对，号码不保存、不记录。',
    ],
    links: [
      { href: '/v', label: '核验证书', note: '扫描二维码、上传图片或粘贴证书内容' },
      { href: '/docs', label: 'API 文档', note: '签发、状态、核验与可信机构名单的接口说明' },
      { href: '/trust-list', label: '可信机构名单', note: '本服务签名的评价机构、密钥与备案资质（JSON）' },
      { href: '/openapi.json', label: 'OpenAPI 描述', note: '机器可读的 API 描述（OpenAPI 3.1）' },
    ],
    langLabel: '语言',
    footer: '本页面不加载任何外部资源。',
  },
  'zh-Hant': {
    title: '職業技能證書核實',
    lead: '本服務簽發可供核實的職業技能證書（職業技能等級證書、專項職業能力證書、企業技能等級認證），任何人都可核實。證書是帶數碼簽署的 W3C 可驗證憑證，二維碼裏就是證書本身。',
    points: [
      '評價機構經 API 簽發證書，並公佈撤銷及暫停狀態列表。',
      '任何人掃描證書上的二維碼，即可在瀏覽器中核實簽名、有效期、撤銷狀態及評價機構的備案資格。',
      '證件號碼從不出現在證書中：證書只帶有以發證機構密碼匙計算的散列值，無法離線猜測；核對持證人時由本服務在線比對，號碼不儲存、不記錄。',
    ],
    links: [
      { href: '/v', label: '核實證書', note: '掃描二維碼、上載圖片或貼上證書內容' },
      { href: '/docs', label: 'API 文件', note: '簽發、狀態、核實及可信機構名單的介面說明' },
      { href: '/trust-list', label: '可信機構名單', note: '本服務簽署的評價機構、密碼匙及備案資格（JSON）' },
      { href: '/openapi.json', label: 'OpenAPI 描述', note: '機器可讀的 API 描述（OpenAPI 3.1）' },
    ],
    langLabel: '語言',
    footer: '本網頁不載入任何外部資源。',
  },
  en: {
    title: 'Vocational skill certificates, verifiable',
    lead: 'This service issues and verifies vocational skill certificates (skill level certificates, specialized ability certificates, enterprise certifications) as digitally signed W3C Verifiable Credentials: the QR code holds the certificate itself.',
    points: [
      'Accredited evaluation organisations issue certificates through the API and publish revocation and suspension lists.',
      'Anyone who scans a certificate’s QR code checks, in the browser, its signature, validity, revocation status and the issuer’s accreditation.',
      'ID numbers never appear in a certificate: it holds only a hash keyed with a secret of its issuer, which no one can test a guess against offline; the holder check is made online by this service, which neither stores nor logs the number.',
    ],
    links: [
      { href: '/v', label: 'Verify a certificate', note: 'scan the QR code, upload a photo or paste the certificate' },
      { href: '/docs', label: 'API reference', note: 'issuance, status, verification and the trust list' },
      { href: '/trust-list', label: 'Trust list', note: 'the accredited issuers, their keys and accreditations, signed (JSON)' },
      { href: '/openapi.json', label: 'OpenAPI description', note: 'the machine-readable API description (OpenAPI 3.1)' },
    ],
    langLabel: 'Language',
    footer: 'This page loads nothing from outside this service.',
  },
};

const NAMES: Record<Language, string> = { 'zh-Hans': '简体中文', 'zh-Hant': '繁體中文', en: 'English' };

/** The landing page in `lang`, linking the same page in the other two languages. */
export function landingHtml(lang: Language): string {
  const t = TEXT[lang];
  const switcher = (Object.keys(NAMES) as Language[])
    .map((l) => (l === lang ? `<span aria-current="true" lang="${l}">${NAMES[l]}</span>` : `<a href="/?lang=${l}" hreflang="${l}" lang="${l}">${NAMES[l]}</a>`))
    .join('');
  const links = t.links
    .map((l) => `<li><a href="${esc(l.href)}"><strong>${esc(l.label)}</strong><code>${esc(l.href)}</code><span>${esc(l.note)}</span></a></li>`)
    .join('\n      ');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${esc(t.title)} · skillcred</title>
<link rel="icon" href="data:,">
<style>${CSS}</style>
</head>
<body>
<header>
  <p class="brand">skillcred</p>
  <nav class="langs" aria-label="${esc(t.langLabel)}">${switcher}</nav>
</header>
<main>
  <h1>${esc(t.title)}</h1>
  <p class="lead">${esc(t.lead)}</p>
  <ul class="links">
      ${links}
  </ul>
  <ul class="points">
    ${t.points.map((p) => `<li>${esc(p)}</li>`).join('\n    ')}
  </ul>
</main>
<footer><p>${esc(t.footer)}</p></footer>
</body>
</html>
`;
}

const CSS = `
*, *::before, *::after { box-sizing: border-box; }
body { margin: 0; color: #1b1c1f; background: #f4f5f7; font: 16px/1.6 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }
:lang(zh-Hant) body, html:lang(zh-Hant) body { font-family: system-ui, -apple-system, "Segoe UI", "PingFang HK", "PingFang TC", "Microsoft JhengHei", "Noto Sans CJK HK", "Noto Sans CJK TC", sans-serif; }
header, main, footer { max-width: 44rem; margin: 0 auto; padding: 0 1rem; }
header { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: .5rem; padding-top: 1rem; }
.brand { margin: 0; font-weight: 800; letter-spacing: .02em; color: #0b4ea2; }
.langs { display: flex; gap: .25rem; }
.langs a, .langs span { padding: .3rem .6rem; border-radius: 8px; text-decoration: none; font-size: .9rem; }
.langs a { color: #0b4ea2; }
.langs span { background: #0b4ea2; color: #fff; }
h1 { font-size: 1.8rem; line-height: 1.25; margin: 1.5rem 0 .75rem; }
.lead { font-size: 1.05rem; margin: 0 0 1.25rem; }
.links { list-style: none; margin: 0 0 1.5rem; padding: 0; display: grid; gap: .6rem; }
.links a { display: grid; grid-template-columns: 1fr auto; gap: .1rem .75rem; padding: .85rem 1rem; border-radius: 12px; background: #fff; border: 1px solid #dde1e6; color: inherit; text-decoration: none; }
.links a:hover, .links a:focus-visible { border-color: #0b4ea2; outline: none; box-shadow: 0 0 0 3px rgba(11, 78, 162, .2); }
.links strong { color: #0b4ea2; font-size: 1.1rem; }
.links code { align-self: center; color: #57606a; font-size: .85rem; white-space: nowrap; }
.links span { grid-column: 1 / -1; color: #444a52; font-size: .92rem; }
.points { margin: 0 0 2rem; padding-left: 1.2rem; color: #30343a; }
.points li { margin-bottom: .4rem; }
footer { color: #57606a; font-size: .85rem; padding-bottom: 2rem; }
`;

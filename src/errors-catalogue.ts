// The `detail` of every problem the API answers, in zh-Hans, zh-Hant (Hong Kong usage) and
// English, by message key. A SkillcredError carries its key and params; its English detail is
// rendered from here when it is made, the caller's language (Accept-Language) when answered.
// `{reason}` is a library's or the fetch policy's own English: Chinese details keep it marked
// as technical information, since the API's readers are developers who may need it.
import { fill, type Language, type Params, type Text } from './i18n/format.js';
import { fieldText } from './errors-fields.js';
import { TERMS } from './i18n/terms.js';
import { TRUST_DETAILS } from './i18n/trust.js';

const tx = (hans: string, hant: string, en: string): Text => ({ 'zh-Hans': hans, 'zh-Hant': hant, en });

export const API_MESSAGES = {
  'body.media-type': tx(
    '请以 application/json 发送请求体（收到的是 {got}）',
    '請以 application/json 傳送請求內容（收到的是 {got}）',
    'send the body as application/json (got {got})',
  ),
  'body.no-media-type': tx(
    '请以 application/json 发送请求体（请求没有 Content-Type）',
    '請以 application/json 傳送請求內容（請求沒有 Content-Type）',
    'send the body as application/json (got no Content-Type)',
  ),
  'body.too-large': tx('请求体超过 {max} 字节', '請求內容超過 {max} 字節', 'the request body exceeds {max} bytes'),
  'body.not-utf8': tx('请求体不是 UTF-8 文本', '請求內容不是 UTF-8 文字', 'the request body is not UTF-8 text'),
  'body.empty': tx('请求体为空', '請求內容為空', 'the request body is empty'),
  'body.not-json': tx(
    '请求体不是有效的 JSON（技术信息：{reason}）',
    '請求內容不是有效的 JSON（技術資料：{reason}）',
    'the request body is not valid JSON: {reason}',
  ),
  'header.idempotency-key': tx(
    'Idempotency-Key 必须是 1 至 255 个可见 ASCII 字符',
    'Idempotency-Key 必須是 1 至 255 個可見 ASCII 字元',
    'Idempotency-Key must be 1-255 visible ASCII characters',
  ),
  'route.not-found': tx('没有 {method} {path} 这个接口', '沒有 {method} {path} 這個介面', 'no route for {method} {path}'),
  'http.bad-request': tx('请求无效（技术信息：{reason}）', '請求無效（技術資料：{reason}）', '{reason}'),
  internal: tx(
    '发生意外错误，已连同请求编号记录在日志中',
    '發生意外錯誤，已連同請求編號記錄在日誌中',
    'an unexpected error occurred; it has been logged with the request id',
  ),
  'internal.replay-lost': tx('幂等重放时找不到证书 {id}', '冪等重放時找不到證書 {id}', 'idempotent replay lost credential {id}'),
  'auth.missing': tx(
    '请以 "Authorization: Bearer <token>" 发送 API 密钥或管理令牌',
    '請以 "Authorization: Bearer <token>" 傳送 API 密碼匙或管理令牌',
    'send an API key or the admin token as "Authorization: Bearer <token>"',
  ),
  'auth.invalid': tx(
    'Bearer 令牌不是有效的 API 密钥或管理令牌',
    'Bearer 令牌不是有效的 API 密碼匙或管理令牌',
    'the bearer token is not a valid API key or admin token',
  ),
  'auth.wrong-kind': tx(
    '此操作需要{needs:principals}，而不是{have:principal}',
    '此操作需要{needs:principals}，而不是{have:principal}',
    '{action} needs {needs:principals}, not {have:principal}',
  ),
  'forbidden.sign-as-other': tx(
    '此 API 密钥只能以 {own} 的身份签发；{issuer} 是另一发证机构',
    '此 API 密碼匙只能以 {own} 的身份簽發；{issuer} 是另一發證機構',
    'this API key signs only as {own}; {issuer} is another issuer',
  ),
  'forbidden.sign-as-foreign': tx(
    '此 API 密钥只能以 {own} 的身份签发；{issuer} 不在本服务托管',
    '此 API 密碼匙只能以 {own} 的身份簽發；{issuer} 不在本服務託管',
    'this API key signs only as {own}; {issuer} is not hosted here',
  ),
  'forbidden.issuer-gone': tx('此 API 密钥所属的发证机构已不存在', '此 API 密碼匙所屬的發證機構已不存在', 'the issuer of this API key no longer exists'),
  'forbidden.partner-gone': tx('此 API 密钥所属的合作方已不存在', '此 API 密碼匙所屬的合作方已不存在', 'the partner of this API key no longer exists'),
  'forbidden.own-issuer-only': tx('发证机构的密钥只能操作本机构的证书', '發證機構的密碼匙只能操作本機構的證書', 'an issuer key acts only on its own issuer'),
  'rate-limited': tx(
    '已达到{window:window} {limit} {what:counted}的上限；请在 {retry} 秒后重试',
    '已達到{window:window} {limit} {what:counted}的上限；請在 {retry} 秒後重試',
    'limit of {limit} {what} {window:window} reached; retry in {retry} s',
  ),
  'not-found.credential': tx('没有证书 {id}', '沒有證書 {id}', 'no credential {id}'),
  'not-found.own-credential': tx('没有由您签发的证书 {id}', '沒有由您簽發的證書 {id}', 'no credential {id} issued by you'),
  'not-found.certificate-page': tx(
    '证书 {id} 不是技能证书，没有证书页面',
    '證書 {id} 不是技能證書，沒有證書頁面',
    'credential {id} is not a skill certificate: it has no certificate page',
  ),
  'not-found.status-list-url': tx('{url} 不是本服务的状态列表', '{url} 不是本服務的狀態列表', '{url} is not a status list of this service'),
  'not-found.status-list': tx(
    '发证机构 {slug} 没有第 {seq} 号{purpose:purpose}状态列表',
    '發證機構 {slug} 沒有第 {seq} 號{purpose:purpose}狀態列表',
    'no {purpose} status list {seq} of issuer {slug}',
  ),
  'not-found.status-path': tx(
    '{path} 不是状态列表：用途须为 revocation 或 suspension，编号须为正整数',
    '{path} 不是狀態列表：用途須為 revocation 或 suspension，編號須為正整數',
    'no status list at {path}: purpose is revocation or suspension, list a positive number',
  ),
  'not-found.issuer': tx('没有发证机构 "{slug}"', '沒有發證機構 "{slug}"', 'no issuer "{slug}"'),
  'not-found.did-web-issuer': tx('没有 did:web 发证机构 {slug}', '沒有 did:web 發證機構 {slug}', 'no did:web issuer {slug}'),
  'not-found.issuer-key': tx('发证机构 {slug} 没有密钥 {key}', '發證機構 {slug} 沒有密碼匙 {key}', 'issuer {slug} has no key {key}'),
  'not-found.api-key': tx('没有有效的 API 密钥 "{id}"', '沒有有效的 API 密碼匙 "{id}"', 'no active API key "{id}"'),
  'conflict.no-service-key': tx(
    '本服务还没有签名密钥（首次启动设置尚未运行）',
    '本服務還沒有簽署密碼匙（首次啟動設定尚未運行）',
    'the service has no signing key yet (first-start setup has not run)',
  ),
  'conflict.duplicate': tx('与已签发的证书重复（{reason}）', '與已簽發的證書重複（{reason}）', '{reason}'),
  'conflict.no-free-index': tx(
    '无法取得空闲的状态列表索引；请重试',
    '無法取得空閒的狀態列表索引；請重試',
    'could not claim free status-list indexes; retry the request',
  ),
  'conflict.idempotency': tx(
    '此 Idempotency-Key 已用于另一个请求体',
    '此 Idempotency-Key 已用於另一個請求內容',
    'this Idempotency-Key was already used for a different request body',
  ),
  'conflict.issuer-exists': tx('slug 为 "{slug}" 的发证机构已存在', 'slug 為 "{slug}" 的發證機構已存在', 'an issuer with slug "{slug}" already exists'),
  'conflict.issuer-or-did-exists': tx(
    'slug 为 "{slug}" 的发证机构或其 DID 已存在',
    'slug 為 "{slug}" 的發證機構或其 DID 已存在',
    'an issuer with slug "{slug}" or its DID already exists',
  ),
  'conflict.did-key-rotation': tx(
    'did:key 发证机构就是其密钥本身，不能轮换；请另建发证机构',
    'did:key 發證機構就是其密碼匙本身，不能輪換；請另建發證機構',
    'a did:key issuer is its key and cannot rotate it; create a new issuer instead',
  ),
  'conflict.key-ref-used': tx(
    '此发证机构已用过密钥 "{ref}"；请轮换到新配置的密钥',
    '此發證機構已用過密碼匙 "{ref}"；請輪換到新配置的密碼匙',
    'key "{ref}" was already used by this issuer; rotate to a newly provisioned key',
  ),
  'conflict.partner-exists': tx('合作方 "{slug}" 已存在', '合作方 "{slug}" 已存在', 'a partner "{slug}" already exists'),
  'conflict.no-assessment': tx(
    '证书 {id} 不属于任何评价；请使用 scope "credential"',
    '證書 {id} 不屬於任何評價；請使用 scope "credential"',
    'credential {id} belongs to no assessment; use scope "credential"',
  ),
  'conflict.revoked-final': tx('证书 {id} 已撤销，撤销不可恢复', '證書 {id} 已撤銷，撤銷不可恢復', 'credential {id} is revoked, and revocation is final'),
  'conflict.no-status-entry': tx(
    '证书 {id} 签发时没有{purpose:purpose}状态条目',
    '證書 {id} 簽發時沒有{purpose:purpose}狀態條目',
    'credential {id} was issued without a {purpose} status entry',
  ),
  'conflict.no-current-key': tx('发证机构没有当前的签名密钥', '發證機構沒有當前的簽署密碼匙', 'the issuer has no current signing key'),
  'conflict.no-usable-key': tx(
    '发证机构 {slug} 没有可用的签名密钥（其密钥已被标记为泄露或已停用）：请用 POST /admin/issuers/{slug}/keys/rotate 轮换（npm run admin -- keys rotate {slug}）',
    '發證機構 {slug} 沒有可用的簽署密碼匙（其密碼匙已被標記為洩露或已停用）：請用 POST /admin/issuers/{slug}/keys/rotate 輪換（npm run admin -- keys rotate {slug}）',
    'issuer {slug} has no usable signing key (its key was marked compromised or retired): rotate it with POST /admin/issuers/{slug}/keys/rotate (npm run admin -- keys rotate {slug})',
  ),
  'conflict.retroactive': tx(
    '{field} {at:datetime}是过去的时间：{slug} 此后签发的 {affected} 张证书将不再被核验为可信。确有此意请发送 "retroactive": true。',
    '{field} {at:datetime}是過去的時間：{slug} 此後簽發的 {affected} 張證書將不再被核實為可信。確有此意請傳送 "retroactive": true。',
    '{field} {at} is in the past: {affected} certificate(s) {slug} issued since would stop verifying as trusted. Send "retroactive": true to mean it.',
  ),
  'conflict.key-ref-taken': tx(
    'keyRef "{ref}" 已属于本部署的另一个密钥；请为此另行配置新密钥',
    'keyRef "{ref}" 已屬於本部署的另一個密碼匙；請為此另行配置新密碼匙',
    'keyRef "{ref}" already belongs to a key of this deployment; provision a new key for this one',
  ),
  'unavailable.list-unsignable': tx(
    '发证机构 {slug} 的第 {seq} 号{purpose:purpose}列表在其密钥轮换之前无法签署',
    '發證機構 {slug} 的第 {seq} 號{purpose:purpose}列表在其密碼匙輪換之前無法簽署',
    'the {purpose} list {seq} of {slug} cannot be signed until the issuer\'s key is rotated',
  ),
  'conflict.key-unavailable': tx('此部署没有 {key} 的私钥', '此部署沒有 {key} 的私人密碼匙', 'the private key of {key} is not available on this deployment'),
  'conflict.key-mismatch': tx(
    '所存 {key} 的私钥与其公钥不匹配',
    '所存 {key} 的私人密碼匙與其公開密碼匙不配對',
    'the stored private key of {key} does not match its public key',
  ),
  'keys.cannot-store': tx(
    '此部署不能生成或保存私钥（密钥 "{ref}"）：请用 `npm run admin -- keys generate <ref>` 生成，把输出的条目加入 ISSUER_KEYS 机密（`wrangler secret put ISSUER_KEYS`），再发送 "keyRef": "<ref>"',
    '此部署不能產生或保存私人密碼匙（密碼匙 "{ref}"）：請用 `npm run admin -- keys generate <ref>` 產生，把輸出的條目加入 ISSUER_KEYS 機密（`wrangler secret put ISSUER_KEYS`），再傳送 "keyRef": "<ref>"',
    'this deployment cannot generate or store private keys (key "{ref}"): generate one with `npm run admin -- keys generate <ref>`, add the printed entry to the ISSUER_KEYS secret (`wrangler secret put ISSUER_KEYS`), then send "keyRef": "<ref>"',
  ),
  'conflict.key-file-exists': tx('KEYS_DIR 中已有私钥 "{ref}"', 'KEYS_DIR 中已有私人密碼匙 "{ref}"', 'a private key "{ref}" already exists in KEYS_DIR'),
  'unavailable.key-file': tx(
    'KEYS_DIR 中 "{ref}" 的私钥文件无法读取；请从备份恢复',
    'KEYS_DIR 中 "{ref}" 的私人密碼匙檔案無法讀取；請從備份還原',
    'the private key file of "{ref}" in KEYS_DIR cannot be read; restore it from the backup',
  ),
  'keys.bad-ref': tx('keyRef "{ref}"：{field:field}', 'keyRef "{ref}"：{field:field}', 'keyRef "{ref}": {field:field}'),
  'context.unknown': tx('本服务不认识 JSON-LD 上下文 "{url}"', '本服務不認識 JSON-LD 上下文 "{url}"', 'JSON-LD context "{url}" is not one this service knows'),
  'context.unknown-at': tx(
    '{pointer}：本服务不认识上下文 {url}',
    '{pointer}：本服務不認識上下文 {url}',
    '{pointer}: {url} is not a context this service knows',
  ),
  'jsonld.undefined-term': tx(
    '{term} 未由证书的 @context 定义（{event}）',
    '{term} 未由證書的 @context 定義（{event}）',
    "{term} is not defined by the credential's @context ({event})",
  ),
  'jsonld.failed': tx('JSON-LD 处理失败（技术信息：{reason}）', 'JSON-LD 處理失敗（技術資料：{reason}）', 'JSON-LD processing failed: {reason}'),
  'jcs.failed': tx('文档无法进行 JCS 规范化', '文件無法進行 JCS 規範化', 'document cannot be JCS-canonicalized'),
  'qr.not-exact': tx(
    '无法把证书放入二维码：{pointer}：{detail}',
    '無法把證書放入二維碼：{pointer}：{detail}',
    'cannot put the credential in a QR payload: {pointer}: {detail}',
  ),
  'fetch.refused': tx('未获取（技术信息：{reason}）', '未擷取（技術資料：{reason}）', 'not fetched: {reason}'),
  'fetch.failed': tx('获取 {url} 失败（技术信息：{reason}）', '擷取 {url} 失敗（技術資料：{reason}）', 'GET {url}: {reason}'),
} satisfies Record<string, Text>;

/** Problems whose detail is the trust registry's reason (shared with the verifier's trust step). */
const NOT_ACCREDITED: Text = tx('{issuer} 不能签发此证书：', '{issuer} 不能簽發此證書：', '{issuer} may not issue this: ');

export type ApiMessageKey = keyof typeof API_MESSAGES | `not-accredited.${keyof typeof TRUST_DETAILS}`;

/** The wording of an API message in `lang`; undefined for a key the catalogue lacks. */
export function apiText(key: string, params: Params, lang: Language): string | undefined {
  let template = (API_MESSAGES as Record<string, Text>)[key]?.[lang];
  if (template === undefined && key.startsWith('not-accredited.')) {
    const reason = (TRUST_DETAILS as Record<string, Text>)[key.slice('not-accredited.'.length)]?.[lang];
    if (reason !== undefined) template = NOT_ACCREDITED[lang] + (lang === 'en' ? reason : reason.replace(/。$/, ''));
  }
  return template === undefined ? undefined : fill(template, params, lang, FORMATTERS);
}

/** The terms, and `{x:field}`: a field message (its key in `x`) worded inside a problem's detail. */
const FORMATTERS = { ...TERMS, field: (key: string, lang: Language) => fieldText(key, {}, lang) ?? key };

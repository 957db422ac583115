// The Chinese of every API message (src/errors-catalogue.ts has the English): zh-Hans as the
// mainland writes it, zh-Hant as Hong Kong and Macau do. Same keys, same placeholders.
import type { API_MESSAGES } from './errors-catalogue.js';
import { BUDGET_DETAILS } from './i18n/budget.js';
import type { Text } from './i18n/format.js';

/** A text in Simplified and in Traditional Chinese. */
export interface Zh {
  'zh-Hans': string;
  'zh-Hant': string;
}

export const zh = (hans: string, hant: string): Zh => ({ 'zh-Hans': hans, 'zh-Hant': hant });

/** The Chinese of a three-language text shared with the verifier. */
export const zhOf = (text: Text): Zh => zh(text['zh-Hans'], text['zh-Hant']);

export const API_MESSAGES_ZH: Record<keyof typeof API_MESSAGES, Zh> = {
  'body.media-type': zh('请以 application/json 发送请求体（收到的是 {got}）', '請以 application/json 傳送請求內容（收到的是 {got}）'),
  'body.no-media-type': zh('请以 application/json 发送请求体（请求没有 Content-Type）', '請以 application/json 傳送請求內容（請求沒有 Content-Type）'),
  'body.too-large': zh('请求体超过 {max} 字节', '請求內容超過 {max} 字節'),
  'body.not-utf8': zh('请求体不是 UTF-8 文本', '請求內容不是 UTF-8 文字'),
  'body.empty': zh('请求体为空', '請求內容為空'),
  'body.not-json': zh('请求体不是有效的 JSON（技术信息：{reason}）', '請求內容不是有效的 JSON（技術資料：{reason}）'),
  'header.idempotency-key': zh('Idempotency-Key 必须是 1 至 255 个可见 ASCII 字符', 'Idempotency-Key 必須是 1 至 255 個可見 ASCII 字元'),
  'route.not-found': zh('没有 {method} {path} 这个接口', '沒有 {method} {path} 這個介面'),
  'http.bad-request': zh('请求无效（技术信息：{reason}）', '請求無效（技術資料：{reason}）'),
  internal: zh('发生意外错误，已连同请求编号记录在日志中', '發生意外錯誤，已連同請求編號記錄在日誌中'),
  'internal.replay-lost': zh('幂等重放时找不到证书 {id}', '冪等重放時找不到證書 {id}'),
  'auth.missing': zh('请以 "Authorization: Bearer <token>" 发送 API 密钥或管理令牌', '請以 "Authorization: Bearer <token>" 傳送 API 密碼匙或管理令牌'),
  'auth.invalid': zh('Bearer 令牌不是有效的 API 密钥或管理令牌', 'Bearer 令牌不是有效的 API 密碼匙或管理令牌'),
  'auth.wrong-kind': zh('此操作需要{needs:principals}，而不是{have:principal}', '此操作需要{needs:principals}，而不是{have:principal}'),
  'forbidden.sign-as-other': zh('此 API 密钥只能以 {own} 的身份签发；{issuer} 是另一发证机构', '此 API 密碼匙只能以 {own} 的身份簽發；{issuer} 是另一發證機構'),
  'forbidden.sign-as-foreign': zh(
    '此 API 密钥只能以 {own} 的身份签发；{issuer} 不在本服务托管',
    '此 API 密碼匙只能以 {own} 的身份簽發；{issuer} 不在本服務託管',
  ),
  'forbidden.issuer-gone': zh('此 API 密钥所属的发证机构已不存在', '此 API 密碼匙所屬的發證機構已不存在'),
  'forbidden.partner-gone': zh('此 API 密钥所属的合作方已不存在', '此 API 密碼匙所屬的合作方已不存在'),
  'forbidden.own-issuer-only': zh('发证机构的密钥只能操作本机构的证书', '發證機構的密碼匙只能操作本機構的證書'),
  'rate-limited': zh(
    '已达到{window:window} {limit} {what:counted}的上限；请在 {retry} 秒后重试',
    '已達到{window:window} {limit} {what:counted}的上限；請在 {retry} 秒後重試',
  ),
  'not-found.credential': zh('没有证书 {id}', '沒有證書 {id}'),
  'not-found.own-credential': zh('没有由您签发的证书 {id}', '沒有由您簽發的證書 {id}'),
  'not-found.certificate-page': zh('证书 {id} 不是技能证书，没有证书页面', '證書 {id} 不是技能證書，沒有證書頁面'),
  'not-found.status-list-url': zh('{url} 不是本服务的状态列表', '{url} 不是本服務的狀態列表'),
  'not-found.status-list': zh('发证机构 {slug} 没有第 {seq} 号{purpose:purpose}状态列表', '發證機構 {slug} 沒有第 {seq} 號{purpose:purpose}狀態列表'),
  'not-found.status-path': zh(
    '{path} 不是状态列表：用途须为 revocation 或 suspension，编号须为正整数',
    '{path} 不是狀態列表：用途須為 revocation 或 suspension，編號須為正整數',
  ),
  'not-found.issuer': zh('没有发证机构 "{slug}"', '沒有發證機構 "{slug}"'),
  'not-found.did-web-issuer': zh('没有 did:web 发证机构 {slug}', '沒有 did:web 發證機構 {slug}'),
  'not-found.issuer-key': zh('发证机构 {slug} 没有密钥 {key}', '發證機構 {slug} 沒有密碼匙 {key}'),
  'not-found.batch': zh('没有您的批次 {id}', '沒有您的批次 {id}'),
  'batch.issuer-param': zh(
    '管理员须以 ?issuer=<slug> 指明由哪个发证机构签发此批次（须是已有机构）',
    '管理員須以 ?issuer=<slug> 指明由哪個發證機構簽發此批次（須是已有機構）',
  ),
  'internal.batch-issuer-gone': zh('批次 {id} 的发证机构已不存在', '批次 {id} 的發證機構已不存在'),
  'body.csv-charset': zh(
    '只读取 UTF-8 编码的表格，而不是 {charset}：请另存为"CSV UTF-8"（Excel：另存为 → CSV UTF-8（逗号分隔）；WPS：文件类型 CSV，编码 UTF-8）',
    '只讀取 UTF-8 編碼的表格，而不是 {charset}：請另存為「CSV UTF-8」（Excel：另存新檔 → CSV UTF-8（逗號分隔）；WPS：檔案類型 CSV，編碼 UTF-8）',
  ),
  'body.csv-not-utf8': zh(
    '表格不是 UTF-8 文本：请另存为"CSV UTF-8"（Excel：另存为 → CSV UTF-8（逗号分隔）；WPS：文件类型 CSV，编码 UTF-8）',
    '表格不是 UTF-8 文字：請另存為「CSV UTF-8」（Excel：另存新檔 → CSV UTF-8（逗號分隔）；WPS：檔案類型 CSV，編碼 UTF-8）',
  ),
  'not-found.api-key': zh('没有有效的 API 密钥 "{id}"', '沒有有效的 API 密碼匙 "{id}"'),
  'not-found.lookup': zh('本服务签发的证书中，没有与此证书编号和持证人姓名相符的证书', '本服務簽發的證書中，沒有與此證書編號和持證人姓名相符的證書'),
  'conflict.no-service-key': zh('本服务还没有签名密钥（首次启动设置尚未运行）', '本服務還沒有簽署密碼匙（首次啟動設定尚未運行）'),
  'conflict.duplicate': zh('与已签发的证书重复（{reason}）', '與已簽發的證書重複（{reason}）'),
  'conflict.no-free-index': zh('无法取得空闲的状态列表索引；请重试', '無法取得空閒的狀態列表索引；請重試'),
  'conflict.idempotency': zh('此 Idempotency-Key 已用于另一个请求体', '此 Idempotency-Key 已用於另一個請求內容'),
  'conflict.issuer-exists': zh('slug 为 "{slug}" 的发证机构已存在', 'slug 為 "{slug}" 的發證機構已存在'),
  'conflict.issuer-or-did-exists': zh('slug 为 "{slug}" 的发证机构或其 DID 已存在', 'slug 為 "{slug}" 的發證機構或其 DID 已存在'),
  'conflict.did-key-rotation': zh('did:key 发证机构就是其密钥本身，不能轮换；请另建发证机构', 'did:key 發證機構就是其密碼匙本身，不能輪換；請另建發證機構'),
  'conflict.key-ref-used': zh('此发证机构已用过密钥 "{ref}"；请轮换到新配置的密钥', '此發證機構已用過密碼匙 "{ref}"；請輪換到新配置的密碼匙'),
  'conflict.partner-exists': zh('合作方 "{slug}" 已存在', '合作方 "{slug}" 已存在'),
  'conflict.no-assessment': zh('证书 {id} 不属于任何评价；请使用 scope "credential"', '證書 {id} 不屬於任何評價；請使用 scope "credential"'),
  'conflict.revoked-final': zh('证书 {id} 已撤销，撤销不可恢复', '證書 {id} 已撤銷，撤銷不可恢復'),
  'conflict.no-status-entry': zh('证书 {id} 签发时没有{purpose:purpose}状态条目', '證書 {id} 簽發時沒有{purpose:purpose}狀態條目'),
  'conflict.no-current-key': zh('发证机构没有当前的签名密钥', '發證機構沒有當前的簽署密碼匙'),
  'conflict.no-usable-key': zh(
    '发证机构 {slug} 没有可用的签名密钥（其密钥已被标记为泄露或已停用）：请用 POST /admin/issuers/{slug}/keys/rotate 轮换（npm run admin -- keys rotate {slug}）',
    '發證機構 {slug} 沒有可用的簽署密碼匙（其密碼匙已被標記為洩露或已停用）：請用 POST /admin/issuers/{slug}/keys/rotate 輪換（npm run admin -- keys rotate {slug}）',
  ),
  'conflict.retroactive': zh(
    '{field} {at:datetime}是过去的时间：{slug} 此后签发的 {affected} 张证书将不再被核验为可信。确有此意请发送 "retroactive": true。',
    '{field} {at:datetime}是過去的時間：{slug} 此後簽發的 {affected} 張證書將不再被核實為可信。確有此意請傳送 "retroactive": true。',
  ),
  'warning.issued-expired': zh(
    '凭证已签发，但其 {field} {until:datetime} 已经过去：任何核验方都会判定它已过期',
    '憑證已簽發，但其 {field} {until:datetime} 已經過去：任何核實方都會判定它已過期',
  ),
  'conflict.key-ref-taken': zh(
    'keyRef "{ref}" 已属于本部署的另一个密钥；请为此另行配置新密钥',
    'keyRef "{ref}" 已屬於本部署的另一個密碼匙；請為此另行配置新密碼匙',
  ),
  'unavailable.list-unsignable': zh(
    '发证机构 {slug} 的第 {seq} 号{purpose:purpose}列表在其密钥轮换之前无法签署',
    '發證機構 {slug} 的第 {seq} 號{purpose:purpose}列表在其密碼匙輪換之前無法簽署',
  ),
  'conflict.key-unavailable': zh('此部署没有 {key} 的私钥', '此部署沒有 {key} 的私人密碼匙'),
  'conflict.key-mismatch': zh('所存 {key} 的私钥与其公钥不匹配', '所存 {key} 的私人密碼匙與其公開密碼匙不配對'),
  'keys.cannot-store': zh(
    '此部署不能生成或保存私钥（密钥 "{ref}"）：请用 `npm run admin -- keys generate <ref>` 生成，把输出的条目加入 ISSUER_KEYS 机密（`wrangler secret put ISSUER_KEYS`），再发送 "keyRef": "<ref>"',
    '此部署不能產生或保存私人密碼匙（密碼匙 "{ref}"）：請用 `npm run admin -- keys generate <ref>` 產生，把輸出的條目加入 ISSUER_KEYS 機密（`wrangler secret put ISSUER_KEYS`），再傳送 "keyRef": "<ref>"',
  ),
  'keys.bad-ref': zh('keyRef "{ref}"：{field:field}', 'keyRef "{ref}"：{field:field}'),
  'conflict.key-file-exists': zh('KEYS_DIR 中已有私钥 "{ref}"', 'KEYS_DIR 中已有私人密碼匙 "{ref}"'),
  'unavailable.key-file': zh('KEYS_DIR 中 "{ref}" 的私钥文件无法读取；请从备份恢复', 'KEYS_DIR 中 "{ref}" 的私人密碼匙檔案無法讀取；請從備份還原'),
  'context.unknown': zh('本服务不认识 JSON-LD 上下文 "{url}"', '本服務不認識 JSON-LD 上下文 "{url}"'),
  'context.unknown-at': zh('{pointer}：本服务不认识上下文 {url}', '{pointer}：本服務不認識上下文 {url}'),
  'jsonld.undefined-term': zh('{term} 未由证书的 @context 定义（{event}）', '{term} 未由證書的 @context 定義（{event}）'),
  'jsonld.failed': zh('JSON-LD 处理失败（技术信息：{reason}）', 'JSON-LD 處理失敗（技術資料：{reason}）'),
  'jcs.failed': zh('文档无法进行 JCS 规范化', '文件無法進行 JCS 規範化'),
  'budget.max-bytes': zhOf(BUDGET_DETAILS['max-bytes']),
  'budget.max-depth': zhOf(BUDGET_DETAILS['max-depth']),
  'budget.max-nodes': zhOf(BUDGET_DETAILS['max-nodes']),
  'budget.inline-context': zhOf(BUDGET_DETAILS['inline-context']),
  'rdfc.limits': zh(
    'RDF 规范化超出工作量上限（maxWorkFactor {factor}，{ms} 毫秒；技术信息：{reason}）',
    'RDF 規範化超出工作量上限（maxWorkFactor {factor}，{ms} 毫秒；技術資料：{reason}）',
  ),
  'pepper.unavailable': zh('持证人号码密钥 {id} 在本部署中不可用', '持證人號碼密碼匙 {id} 在本部署中不可用'),
  'qr.not-exact': zh('无法把证书放入二维码：{pointer}：{detail}', '無法把證書放入二維碼：{pointer}：{detail}'),
  'fetch.refused': zh('未获取（技术信息：{reason}）', '未擷取（技術資料：{reason}）'),
  'fetch.failed': zh('获取 {url} 失败（技术信息：{reason}）', '擷取 {url} 失敗（技術資料：{reason}）'),
};

/** The start of a NOT_ACCREDITED detail, before the trust registry's reason. */
export const NOT_ACCREDITED_PREFIX_ZH = zh('{issuer} 不能签发此证书：', '{issuer} 不能簽發此證書：');

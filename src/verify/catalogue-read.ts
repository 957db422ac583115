// Problem messages of reading a credential and checking its proofs: title and detail of each
// code in zh-Hans, zh-Hant (Hong Kong usage) and English. `{reason}` carries a library's own
// English explanation: English details include it, the Chinese ones say the same in plain words
// and leave it to `params.reason` (an employer on a Chinese page reads no library English).
import type { Text } from '../i18n/format.js';

/** One problem code's title and detail templates. */
export interface ProblemMessage {
  title: Text;
  detail: Text;
}

/** A text in zh-Hans, zh-Hant and English, in that order. */
export const tx = (hans: string, hant: string, en: string): Text => ({ 'zh-Hans': hans, 'zh-Hant': hant, en });

export const READ_MESSAGES = {
  empty: { title: tx('内容为空', '內容為空', 'Empty'), detail: tx('没有读到任何内容。', '沒有讀到任何內容。', 'the credential is empty') },
  'not-json': {
    title: tx('不是有效的 JSON', '不是有效的 JSON', 'Not valid JSON'),
    detail: tx('内容以 JSON 开头，但无法解析。', '內容以 JSON 開頭，但無法解析。', 'the text starts like JSON but does not parse'),
  },
  'bad-qr': {
    title: tx('二维码内容无法解码', '二維碼內容無法解碼', 'QR content does not decode'),
    detail: tx(
      '二维码内容无法解码：可能扫描不完整，或内容被截断、改动。',
      '二維碼內容無法解碼：可能掃描不完整，或內容被截斷、改動。',
      'the QR payload does not decode: {reason}',
    ),
  },
  'unrecognised-text': {
    title: tx('无法识别的内容', '無法識別的內容', 'Unrecognised text'),
    detail: tx(
      '内容既不是证书，也不是 JWT 或本系统的二维码。',
      '內容既不是證書，也不是 JWT 或本系統的二維碼。',
      'the text is neither a credential, a JWT nor a skillcred QR code',
    ),
  },
  'unknown-credential': {
    title: tx('未知证书', '未知證書', 'Unknown credential'),
    detail: tx('本服务没有编号为 {id} 的证书。', '本服務沒有編號為 {id} 的證書。', 'no credential {id} is known here'),
  },
  'not-an-object': {
    title: tx('不是证书', '不是證書', 'Not a credential'),
    detail: tx(
      '证书必须是 JSON 对象，而不是{type:jsonType}。',
      '證書必須是 JSON 物件，而不是{type:jsonType}。',
      'a credential must be a JSON object, not {type}',
    ),
  },
  'bad-jwt': {
    title: tx('JWT 无法解析', 'JWT 無法解析', 'JWT does not parse'),
    detail: tx('JWT 无法解析：格式不正确或内容不完整。', 'JWT 無法解析：格式不正確或內容不完整。', 'the JWT does not parse: {reason}'),
  },
  malformed: {
    title: tx('证书格式错误', '證書格式錯誤', 'Malformed credential'),
    detail: tx('证书不符合 W3C 可验证凭证的数据模型（{pointer}）。', '證書不符合 W3C 可驗證憑證的資料模型（{pointer}）。', '{pointer}: {reason}'),
  },
  'unknown-context': {
    title: tx('未知的上下文', '未知的上下文', 'Unknown context'),
    detail: tx(
      '证书使用了本服务不认识的 @context：{context}（上下文从不联网获取）。',
      '證書使用了本服務不認識的 @context：{context}（上下文從不經網絡擷取）。',
      '@context {context} is not one this verifier knows (contexts are never fetched)',
    ),
  },
  'jwt-not-vc2': {
    title: tx('不是 VC 2.0 证书', '不是 VC 2.0 證書', 'Not VC 2.0'),
    detail: tx('vc+jwt 格式的证书必须是 VC 2.0。', 'vc+jwt 格式的證書必須是 VC 2.0。', 'a vc+jwt credential must be VC 2.0'),
  },
  'jwt-not-vc1': {
    title: tx('不是 VC 1.1 证书', '不是 VC 1.1 證書', 'Not VC 1.1'),
    detail: tx(
      'VC 1.1 JWT（jwt_vc_json）的 vc 声明必须包含 VC 1.1 证书；VC 2.0 应使用 vc+jwt。',
      'VC 1.1 JWT（jwt_vc_json）的 vc 聲明必須包含 VC 1.1 證書；VC 2.0 應使用 vc+jwt。',
      'the vc claim of a VC 1.1 JWT (jwt_vc_json) must hold a VC 1.1 credential; VC 2.0 is secured as vc+jwt',
    ),
  },
  'no-proof': {
    title: tx('证书没有签名', '證書沒有簽名', 'No proof'),
    detail: tx('证书没有附带任何签名。', '證書沒有附帶任何數碼簽署。', 'the credential carries no proof'),
  },
  'malformed-proof': {
    title: tx('签名格式错误', '簽名格式錯誤', 'Malformed proof'),
    detail: tx('签名（proof）必须是对象或对象数组。', '簽名（proof）必須是物件或物件陣列。', 'proof must be an object or an array of objects'),
  },
  'not-a-presentation': {
    title: tx('不是可验证表述', '不是可驗證表述', 'Not a presentation'),
    detail: tx(
      '可验证表述必须是 JSON 对象，type 须包含 VerifiablePresentation，第一个 @context 须是 VC 基础上下文。',
      '可驗證表述必須是 JSON 物件，type 須包含 VerifiablePresentation，第一個 @context 須是 VC 基礎上下文。',
      'a presentation must be a JSON object whose type includes VerifiablePresentation and whose first @context is a VC base context',
    ),
  },
  'unsupported-proof': {
    title: tx('不支持的签名类型', '不支援的簽名類型', 'Unsupported proof'),
    detail: tx(
      '本服务不支持签名类型 {type}：无法核验，但这并不表示证书是伪造的。',
      '本服務不支援簽名類型 {type}：無法核實，但這並不表示證書是偽造的。',
      'proof type {type} is not supported (DataIntegrityProof with eddsa-rdfc-2022 or eddsa-jcs-2022, and Ed25519Signature2020 are)',
    ),
  },
  'unsupported-cryptosuite': {
    title: tx('不支持的签名套件', '不支援的數碼簽署套件', 'Unsupported cryptosuite'),
    detail: tx(
      '本服务不支持签名套件 {cryptosuite}（支持 eddsa-rdfc-2022 与 eddsa-jcs-2022）。',
      '本服務不支援數碼簽署套件 {cryptosuite}（支援 eddsa-rdfc-2022 及 eddsa-jcs-2022）。',
      'cryptosuite {cryptosuite} is not supported (eddsa-rdfc-2022 and eddsa-jcs-2022 are)',
    ),
  },
  'unsupported-alg': {
    title: tx('不支持的签名算法', '不支援的簽名算法', 'Unsupported algorithm'),
    detail: tx('本服务不支持此 JWT 签名算法（支持 EdDSA、ES256 与 ES384）。', '本服務不支援此 JWT 簽名算法（支援 EdDSA、ES256 及 ES384）。', '{reason}'),
  },
  'wrong-purpose': {
    title: tx('签名用途不符', '簽名用途不符', 'Wrong proof purpose'),
    detail: tx(
      '签名用途（proofPurpose）应为 {expected}，实为 {actual}。',
      '簽名用途（proofPurpose）應為 {expected}，實為 {actual}。',
      'proofPurpose must be {expected}, not {actual}',
    ),
  },
  'bad-created': {
    title: tx('签名时间格式错误', '簽名時間格式錯誤', 'Bad proof date'),
    detail: tx(
      '签名时间（proof.created）不是有效的日期时间。',
      '簽名時間（proof.created）不是有效的日期時間。',
      'proof.created is not an XML Schema dateTimeStamp',
    ),
  },
  'unresolvable-key': {
    title: tx('无法找到签名密钥', '無法找到簽名密碼匙', 'Unknown signing key'),
    detail: tx(
      '无法取得签名所用的密钥 {key}：发证机构未公布它，或无法获取。',
      '無法取得簽名所用的密碼匙 {key}：發證機構未公佈它，或無法擷取。',
      'cannot resolve {key}: {reason}',
    ),
  },
  'broken-chain': {
    title: tx('签名链不完整', '簽名鏈不完整', 'Broken proof chain'),
    detail: tx('签名链不完整：所引用的前一个签名缺失或不符。', '簽名鏈不完整：所引用的前一個簽名缺失或不符。', '{reason}'),
  },
  'key-type-mismatch': {
    title: tx('密钥类型与签名不符', '密碼匙類型與簽名不符', 'Wrong kind of key'),
    detail: tx(
      '{suite} 签名须使用 Ed25519 密钥，而 {key} 是 {algorithm} 密钥。',
      '{suite} 簽名須使用 Ed25519 密碼匙，而 {key} 是 {algorithm} 密碼匙。',
      '{suite} proofs are made with Ed25519 keys; {key} is a {algorithm} key',
    ),
  },
  'bad-signature': {
    title: tx('签名与内容不符', '簽名與內容不符', 'Signature does not verify'),
    detail: tx('数字签名与证书内容不符：证书在签名后被改动过，或签名是伪造的。', '數碼簽署與證書內容不符：證書在簽名後被改動過，或簽名是偽造的。', '{reason}'),
  },
  'related-resource-mismatch': {
    title: tx('关联资源摘要不符', '關聯資源摘要不符', 'Related resource does not match'),
    detail: tx('证书引用的关联资源（如上下文）与其摘要不符。', '證書引用的關聯資源（如上下文）與其摘要不符。', '{reason}'),
  },
  'jwt-typ': {
    title: tx('JWT 类型错误', 'JWT 類型錯誤', 'Wrong JWT type'),
    detail: tx('JWT 头部的 typ 不符合规范。', 'JWT 標頭的 typ 不符合規範。', '{reason}'),
  },
  'jwt-crit': {
    title: tx('JWT 含无法识别的关键扩展', 'JWT 含無法識別的關鍵擴展', 'Unknown critical JWT header'),
    detail: tx('JWT 头部把本服务不理解的扩展标为关键（crit）。', 'JWT 標頭把本服務不理解的擴展標為關鍵（crit）。', '{reason}'),
  },
  'alg-key-mismatch': {
    title: tx('签名算法与密钥不符', '簽名算法與密碼匙不符', 'Algorithm does not fit the key'),
    detail: tx('JWT 的签名算法不能由其 kid 所指的密钥产生。', 'JWT 的簽名算法不能由其 kid 所指的密碼匙產生。', '{reason}'),
  },
  'jwt-vc-claim': {
    title: tx('VC 2.0 JWT 不应含 vc 声明', 'VC 2.0 JWT 不應含 vc 聲明', 'vc claim in a VC 2.0 JWT'),
    detail: tx('VC 2.0 JWT 的内容就是证书本身，不应含 vc 或 vp 声明。', 'VC 2.0 JWT 的內容就是證書本身，不應含 vc 或 vp 聲明。', '{reason}'),
  },
  'jwt-iss-mismatch': {
    title: tx('JWT 签发者与证书签发机构不符', 'JWT 簽發者與證書簽發機構不符', 'JWT issuer is not the credential issuer'),
    detail: tx('JWT 的 iss 与证书的签发机构不一致。', 'JWT 的 iss 與證書的簽發機構不一致。', '{reason}'),
  },
  'jwt-claim-mismatch': {
    title: tx('JWT 声明与证书内容不符', 'JWT 聲明與證書內容不符', 'JWT claims contradict the credential'),
    detail: tx('JWT 的声明与证书内容互相矛盾。', 'JWT 的聲明與證書內容互相矛盾。', '{reason}'),
  },
  'jwt-claim-malformed': {
    title: tx('JWT 声明格式错误', 'JWT 聲明格式錯誤', 'Malformed JWT claim'),
    detail: tx('JWT 的时间声明（exp、nbf 或 iat）不是有效的数值日期。', 'JWT 的時間聲明（exp、nbf 或 iat）不是有效的數值日期。', '{reason}'),
  },
  'jwt-expired': {
    title: tx('JWT 已过期', 'JWT 已過期', 'JWT expired'),
    detail: tx('JWT 已于 {at:datetime}过期（exp）。', 'JWT 已於 {at:datetime}過期（exp）。', 'the JWT expired at {at:datetime} (exp)'),
  },
  'jwt-not-yet-valid': {
    title: tx('JWT 尚未生效', 'JWT 尚未生效', 'JWT not yet valid'),
    detail: tx('JWT 在 {at:datetime}之前无效（nbf）。', 'JWT 在 {at:datetime}之前無效（nbf）。', 'the JWT is not valid before {at:datetime} (nbf)'),
  },
  'jwt-rejected': { title: tx('JWT 被拒绝', 'JWT 被拒絕', 'JWT rejected'), detail: tx('JWT 未通过核验。', 'JWT 未通過核實。', '{reason}') },
  'holder-key-mismatch': {
    title: tx('签名者不是持有人', '簽署者不是持有人', 'Proof not by the holder'),
    detail: tx(
      '表述由 {key} 签名，它不是持有人 {holder} 的密钥。',
      '表述由 {key} 簽署，它不是持有人 {holder} 的密碼匙。',
      'the presentation is signed by {key}, which is not a key of its holder {holder}',
    ),
  },
  'challenge-mismatch': {
    title: tx('挑战值不符', '挑戰值不符', 'Challenge mismatch'),
    detail: tx('签名中的挑战值 {actual} 不是预期的值。', '簽名中的挑戰值 {actual} 不是預期的值。', 'the challenge {actual} is not the expected one'),
  },
  'domain-mismatch': {
    title: tx('域不符', '域不符', 'Domain mismatch'),
    detail: tx('签名中的域 {actual} 不是预期的值。', '簽名中的域 {actual} 不是預期的值。', 'the domain {actual} is not the expected one'),
  },
} satisfies Record<string, ProblemMessage>;

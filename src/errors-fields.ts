// What is wrong with one field of a request, in zh-Hans, zh-Hant (Hong Kong usage) and English:
// the `errors[].detail` of a 400/422 problem. A field error carries its key and params; the
// English is rendered from here, the caller's language when the problem is answered.
import { fill, type Language, type Params, type Text } from './i18n/format.js';
import { TERMS } from './i18n/terms.js';

const tx = (hans: string, hant: string, en: string): Text => ({ 'zh-Hans': hans, 'zh-Hant': hant, en });

export const FIELD_MESSAGES = {
  // JSON Schema keywords (the generated validators); English as Ajv words it.
  'field.required': tx('为必填项', '為必填項', 'is required'),
  'field.not-allowed': tx('不是此处允许的属性', '不是此處允許的屬性', 'is not an allowed property here'),
  'field.enum': tx('必须是以下之一：{values}', '必須是以下之一：{values}', 'must be one of {values}'),
  'field.const': tx('必须是 {value}', '必須是 {value}', 'must be {value}'),
  'field.pattern': tx('必须符合格式 {pattern}', '必須符合格式 {pattern}', 'must match {pattern}'),
  'field.format': tx('必须是有效的 {format}', '必須是有效的 {format}', 'must be a valid {format}'),
  'field.type': tx('必须是{type:jsonType}', '必須是{type:jsonType}', 'must be {type}'),
  'field.max-length': tx('不能超过 {limit} 个字符', '不能超過 {limit} 個字元', 'must NOT have more than {limit} characters'),
  'field.min-length': tx('不能少于 {limit} 个字符', '不能少於 {limit} 個字元', 'must NOT have fewer than {limit} characters'),
  'field.max-items': tx('不能超过 {limit} 项', '不能超過 {limit} 項', 'must NOT have more than {limit} items'),
  'field.min-items': tx('不能少于 {limit} 项', '不能少於 {limit} 項', 'must NOT have fewer than {limit} items'),
  'field.max-properties': tx('不能超过 {limit} 个属性', '不能超過 {limit} 個屬性', 'must NOT have more than {limit} properties'),
  'field.min-properties': tx('不能少于 {limit} 个属性', '不能少於 {limit} 個屬性', 'must NOT have fewer than {limit} properties'),
  'field.compare': tx('必须 {comparison} {limit}', '必須 {comparison} {limit}', 'must be {comparison} {limit}'),
  'field.multiple-of': tx('必须是 {limit} 的倍数', '必須是 {limit} 的倍數', 'must be multiple of {limit}'),
  'field.unique-items': tx(
    '不能有重复项（第 {j} 项与第 {i} 项相同）',
    '不能有重複項（第 {j} 項與第 {i} 項相同）',
    'must NOT have duplicate items (items ## {j} and {i} are identical)',
  ),
  'field.dependent-required': tx(
    '有 {deps} 时必须有 {property}',
    '有 {deps} 時必須有 {property}',
    'must have property {property} when property {deps} is present',
  ),
  'field.invalid': tx('不符合要求（{keyword}）', '不符合要求（{keyword}）', '{reason} ({keyword})'),
  'field.shape': tx('不符合预期的结构', '不符合預期的結構', 'does not match the expected shape'),
  // The W3C data model (src/credentials/vc-model.ts).
  'field.type-strings': tx('type 必须是字符串或字符串数组', 'type 必須是字串或字串陣列', 'type must be a string or an array of strings'),
  'field.type-include': tx('type 必须包含 {type}', 'type 必須包含 {type}', 'type must include {type}'),
  'field.json-object': tx('必须是 JSON 对象', '必須是 JSON 物件', 'must be a JSON object'),
  'field.not-empty': tx('不能为空', '不能為空', 'must not be empty'),
  'field.context-entry': tx('每个 @context 条目必须是 URL 或对象', '每個 @context 條目必須是 URL 或物件', 'each @context entry must be a URL or an object'),
  'field.base-context-first': tx(
    '基础上下文 {context} 必须排在第一位，而不是第 {position} 位',
    '基礎上下文 {context} 必須排在第一位，而不是第 {position} 位',
    'the base context {context} must come first, not at position {position}',
  ),
  'field.first-context': tx(
    '第一个 @context 必须是 {v2}（VC 1.1 为 {v1}）',
    '第一個 @context 必須是 {v2}（VC 1.1 為 {v1}）',
    'the first @context must be {v2} (or {v1} for VC 1.1)',
  ),
  'field.mixed-contexts': tx(
    '不能混用 VC 1.1 与 VC 2.0 的基础上下文',
    '不能混用 VC 1.1 與 VC 2.0 的基礎上下文',
    'must not mix the VC 1.1 and VC 2.0 base contexts',
  ),
  'field.url': tx('必须是 URL', '必須是 URL', 'must be a URL'),
  'field.url-or-object': tx('必须是 URL，或带 URL id 的对象', '必須是 URL，或帶 URL id 的物件', 'must be a URL or an object with a URL id'),
  'field.non-empty-object': tx('必须是非空对象', '必須是非空物件', 'must be a non-empty object'),
  'field.datetimestamp': tx(
    '必须是带时区的日期时间，例如 2025-06-30T08:00:00Z',
    '必須是帶時區的日期時間，例如 2025-06-30T08:00:00Z',
    'must be an XML Schema dateTimeStamp, e.g. 2025-06-30T08:00:00Z',
  ),
  'field.not-before': tx('不能早于 {other}', '不能早於 {other}', 'must not be before {other}'),
  'field.vc11-term': tx(
    '这是 VC 1.1 的属性；VC 2.0 使用 {replacement}',
    '這是 VC 1.1 的屬性；VC 2.0 使用 {replacement}',
    'is VC 1.1; VC 2.0 uses {replacement}',
  ),
  'field.object': tx('必须是对象', '必須是物件', 'must be an object'),
  'field.schema-id': tx('为必填项（架构的 URL）', '為必填項（架構的 URL）', 'is required (the URL of the schema)'),
  'field.absent': tx('必须省略', '必須省略', 'must be absent'),
  'field.unknown-context': tx('未知的上下文（上下文从不联网获取）', '未知的上下文（上下文從不經網絡擷取）', 'unknown context (contexts are never fetched)'),
  'field.related-object': tx(
    '必须是带 id 及 digestSRI 或 digestMultibase 的对象（不能只是 URL）',
    '必須是帶 id 及 digestSRI 或 digestMultibase 的物件（不能只是 URL）',
    'must be an object with an id and a digestSRI or digestMultibase (not a bare URL)',
  ),
  'field.repeated-id': tx(
    '与 {other} 重复：每个关联资源的 id 必须唯一',
    '與 {other} 重複：每個關聯資源的 id 必須唯一',
    'repeats {other}: each related resource id must be unique',
  ),
  'field.needs-digest': tx('需要 digestSRI 或 digestMultibase', '需要 digestSRI 或 digestMultibase', 'needs a digestSRI or a digestMultibase'),
  'field.sri': tx('必须是 SRI 摘要，例如 sha384-<base64>', '必須是 SRI 摘要，例如 sha384-<base64>', 'must be SRI metadata such as sha384-<base64>'),
  'field.multibase': tx(
    '必须是 multibase 字符串（u… base64url 或 z… base58btc）',
    '必須是 multibase 字串（u… base64url 或 z… base58btc）',
    'must be a multibase string (u… base64url or z… base58btc)',
  ),
  'field.no-proof-yet': tx('待签发的证书不能已带签名', '待簽發的證書不能已帶簽名', 'the credential to issue must not carry a proof yet'),
  'field.vc-jwt-v2': tx(
    'vc+jwt（VC-JOSE-COSE）只用于 VC 2.0 证书；请发送 VC 2.0 证书，VC 1.1 请使用 jwt_vc_json',
    'vc+jwt（VC-JOSE-COSE）只用於 VC 2.0 證書；請傳送 VC 2.0 證書，VC 1.1 請使用 jwt_vc_json',
    'vc+jwt (VC-JOSE-COSE) secures VC 2.0 credentials only; send a VC 2.0 credential, or use jwt_vc_json for VC 1.1',
  ),
  'field.jwt-vc-json-v1': tx(
    'jwt_vc_json 是 VC 1.1 的 JWT 编码；VC 2.0 证书应使用 vc+jwt',
    'jwt_vc_json 是 VC 1.1 的 JWT 編碼；VC 2.0 證書應使用 vc+jwt',
    'jwt_vc_json is the VC Data Model 1.1 JWT encoding; a VC 2.0 credential is secured as vc+jwt',
  ),
  'field.not-json': tx('无法精确表示为 JSON（{reason}）', '無法精確表示為 JSON（{reason}）', '{reason}'),
  // Request specifics.
  'field.check-names': tx('必须是检查名称的数组', '必須是檢查名稱的陣列', 'must be an array of check names'),
  'field.unknown-check': tx('未知的检查 {name}；可用：{known}', '未知的檢查 {name}；可用：{known}', 'unknown check {name}; known: {known}'),
  'field.options-object': tx('必须是对象', '必須是物件', 'must be an object'),
  'field.option-string': tx('必须是不超过 256 个字符的字符串', '必須是不超過 256 個字元的字串', 'must be a string of at most 256 characters'),
  'field.label': tx('必须是不超过 80 个字符的字符串', '必須是不超過 80 個字元的字串', 'must be a string of at most 80 characters'),
  'field.scale': tx(
    '必须是 1 至 32 的整数（每个模块的像素数）',
    '必須是 1 至 32 的整數（每個模組的像素數）',
    'must be a whole number of pixels per module, 1-32',
  ),
  'field.print-script': tx(
    '必须是 zh-Hans 或 zh-Hant（英文总是并列打印）',
    '必須是 zh-Hans 或 zh-Hant（英文總是並列打印）',
    'must be zh-Hans or zh-Hant (English is always printed beside it)',
  ),
  'field.limit': tx('必须是 1 至 10000 的整数', '必須是 1 至 10000 的整數', 'must be a whole number from 1 to 10000'),
  'field.after': tx('必须晚于 {other}', '必須晚於 {other}', 'must be after {other}'),
  'field.date-time': tx('必须是日期时间', '必須是日期時間', 'must be a date-time'),
  'field.purpose-with-boolean': tx('使用布尔状态时为必填项', '使用布林狀態時為必填項', 'is required with a boolean status'),
  'field.issuer-for-admin': tx(
    '使用管理令牌时为必填项：请写明发证机构（其 slug）',
    '使用管理令牌時為必填項：請寫明發證機構（其 slug）',
    'is required for the admin token: name the issuer (its slug)',
  ),
  'field.credential-id': tx(
    '必须是 1 至 {max} 个可见字符的证书 id',
    '必須是 1 至 {max} 個可見字元的證書 id',
    'must be a credential id of 1-{max} visible characters',
  ),
  'field.percent-encoded-id': tx('不是有效的百分号编码证书 id', '不是有效的百分號編碼證書 id', 'is not a valid percent-encoded credential id'),
  'field.idempotency-key': tx('必须是 1 至 255 个可见 ASCII 字符', '必須是 1 至 255 個可見 ASCII 字元', 'must be 1-255 visible ASCII characters'),
  'field.keyref-missing': tx(
    '此部署没有以该引用名配置的私钥',
    '此部署沒有以該引用名配置的私人密碼匙',
    'no private key with this reference is provisioned on this deployment',
  ),
  'field.keyref-not-jwk': tx(
    '所配置的密钥不是 Ed25519 私钥 JWK',
    '所配置的密碼匙不是 Ed25519 私人密碼匙 JWK',
    'the provisioned key is not a private Ed25519 JWK',
  ),
  'field.keyref-mismatch': tx('私钥 d 与公钥 x 不匹配', '私人密碼匙 d 與公開密碼匙 x 不配對', 'the private key d does not belong to the public key x'),
  'field.keyref-taken': tx('已属于另一个密钥', '已屬於另一個密碼匙', 'already belongs to another key'),
  'field.before-issuer-existed': tx('早于发证机构的创建时间（{at}）', '早於發證機構的建立時間（{at}）', 'is before the issuer was created ({at})'),
  'field.before-key-existed': tx('早于密钥的生成时间（{at}）', '早於密碼匙的產生時間（{at}）', 'is before the key was created ({at})'),
  'field.retroactive': tx('日期在过去时必须为 true（影响 {affected} 张证书）', '日期在過去時必須為 true（影響 {affected} 張證書）', 'must be true for a date in the past ({affected} certificate(s) affected)'),
  'field.leap-second': tx(
    '是闰秒（…:60），本服务不接受：请用 …:59 或下一秒',
    '是閏秒（…:60），本服務不接受：請用 …:59 或下一秒',
    'is a leap second (…:60), which this service does not accept: use …:59 or the next second',
  ),
  'field.unreadable-date': tx(
    '不是本服务能读取的日期时间（RFC 3339，例如 2025-06-20T08:00:00Z）',
    '不是本服務能讀取的日期時間（RFC 3339，例如 2025-06-20T08:00:00Z）',
    'is not a date-time this service can read (RFC 3339, e.g. 2025-06-20T08:00:00Z)',
  ),
  'field.key-ref-shape': tx('必须是 1 至 64 个字母、数字、点、连字符或下划线', '必須是 1 至 64 個字母、數字、點、連字號或底線', 'must be 1-64 letters, digits, dots, dashes or underscores'),
  'field.year-range': tx('必须是 1900 至 9999 年之间的日期时间', '必須是 1900 至 9999 年之間的日期時間', 'must be a date-time between the years 1900 and 9999'),
  'field.keyref-required': tx(
    '此部署必须提供：请写明已配置在 ISSUER_KEYS 中的密钥',
    '此部署必須提供：請寫明已配置在 ISSUER_KEYS 中的密碼匙',
    'required here: name a key provisioned in ISSUER_KEYS',
  ),
  // Certificate rules (src/domain/certificate.ts: Fault codes, prefixed field.).
  'field.occupation-name-required': tx(
    '为必填项：本服务不认识职业 {code}（{version} 版）的名称',
    '為必填項：本服務不認識職業 {code}（{version} 版）的名稱',
    'is required: occupation {code} ({version} edition) is not one this service knows by name',
  ),
  'field.rank-without-grade': tx(
    '第 {rank} 级（{rank:rank}）没有证书等级：职业技能等级证书只涵盖第 2 至 6 级（五级至一级）',
    '第 {rank} 級（{rank:rank}）沒有證書等級：職業技能等級證書只涵蓋第 2 至 6 級（五級至一級）',
    'rank {rank} ({rank:rank}) has no printed grade: skill level certificates cover ranks 2-6 (五级-一级)',
  ),
  'field.grade-rank-mismatch': tx(
    '等级 {grade} 对应第 {gradeRank} 级，但 level.rank 写的是 {rank}（{rankGrade}）',
    '等級 {grade} 對應第 {gradeRank} 級，但 level.rank 寫的是 {rank}（{rankGrade}）',
    'grade {grade} is rank {gradeRank}, but level.rank says {rank} ({rankGrade})',
  ),
  'field.grade-below-start': tx(
    '{occupation:occupation}从{start:grade}起评；{rank:grade}不在其评价范围内',
    '{occupation:occupation}從{start:grade}起評；{rank:grade}不在其評價範圍內',
    '{occupation:occupation} starts at {start:grade}; {rank:grade} is not certified for it',
  ),
  'field.certificate-number': tx(
    '必须是职业技能等级证书编号：Y 或 S 后接 21 位数字',
    '必須是職業技能等級證書編號：Y 或 S 後接 21 位數字',
    'must be a skill level certificate number: Y or S followed by 21 digits',
  ),
  'field.org-kind-mismatch': tx(
    '以 {letter} 开头，但发证机构备案为 {orgKind}（{orgKind:orgKind}）',
    '以 {letter} 開頭，但發證機構備案為 {orgKind}（{orgKind:orgKind}）',
    'starts with {letter}, but the issuer is filed as {orgKind} ({orgKind:orgKind})',
  ),
  'field.grade-digit-mismatch': tx(
    '等级数字（第 16 位）是 {digit}，但等级是{rank:grade}（{gradeDigit}）',
    '等級數字（第 16 位）是 {digit}，但等級是{rank:grade}（{gradeDigit}）',
    'grade digit (16th character) is {digit}, but the grade is {rank:grade} ({gradeDigit})',
  ),
  'field.level-only-skill': tx(
    '只有职业技能等级证书有等级；请改用 {use}',
    '只有職業技能等級證書有等級；請改用 {use}',
    'only skill-level certificates carry a level; use {use}',
  ),
  'field.specialty-only-specialized': tx('只有专项职业能力证书有专项', '只有專項職業能力證書有專項', 'only specialized-ability certificates carry a specialty'),
  'field.enterprise-only-enterprise': tx(
    '只有企业技能等级认证有企业等级',
    '只有企業技能等級認證有企業等級',
    'only enterprise certifications carry an enterprise level',
  ),
} satisfies Record<string, Text>;

/** True for a key the field catalogue words. */
export function isFieldKey(key: string): key is FieldKey {
  return Object.hasOwn(FIELD_MESSAGES, key);
}

export type FieldKey = keyof typeof FIELD_MESSAGES;

/** A field error before it is worded: the JSON pointer, the message key and its values. */
export interface FieldMessage {
  pointer: string;
  key: FieldKey;
  params?: Params;
}

/** The wording of a field message in `lang`. */
export function fieldText(key: string, params: Params, lang: Language): string | undefined {
  const template = (FIELD_MESSAGES as Record<string, Text>)[key]?.[lang];
  return template === undefined ? undefined : fill(template, params, lang, TERMS);
}

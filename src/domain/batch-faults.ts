// What is wrong with a row of an exam-session sheet, by code, in zh-Hans, zh-Hant (Hong Kong
// usage) and English. A small catalogue of its own, keyed like the field messages of the API
// (`field.<code>`), so it folds into a shared catalogue by moving the entries.
import type { Language } from './localized.js';

type Params = Record<string, string | number>;
type Text = Record<Language, string>;

/** One fault of a batch: where a person finds it (sheet row, column) and what is wrong (code + params). */
export interface BatchFault {
  /** The spreadsheet row (the header is row 1), or the item's position from 1 (JSON); null for the upload as a whole. */
  row: number | null;
  /** The item's index in the batch (from 0), null for the header row. */
  item: number | null;
  /** The column as the client named it (CSV header), or the field path (JSON). */
  column: string;
  /** The JSON pointer of the field within the item. */
  pointer: string;
  code: string;
  params?: Params;
  /** The cell as given, when it helps to see it. */
  value?: string;
}

const tx = (hans: string, hant: string, en: string): Text => ({ 'zh-Hans': hans, 'zh-Hant': hant, en });

export const BATCH_FAULT_MESSAGES: Record<string, Text> = {
  // The upload as a whole.
  'batch-rejected': tx(
    '表格有 {faults} 处问题，涉及 {rows} 行：未签发任何证书',
    '表格有 {faults} 處問題，涉及 {rows} 行：未簽發任何證書',
    '{faults} problems in {rows} rows: nothing was issued',
  ),
  'not-a-batch': tx(
    '请发送 {"items": [证书请求, …]}（JSON）或 CSV 表格（Content-Type: text/csv）',
    '請傳送 {"items": [證書請求, …]}（JSON）或 CSV 表格（Content-Type: text/csv）',
    'send {"items": [<certificate request>, …]} (JSON) or a CSV sheet (Content-Type: text/csv)',
  ),
  empty: tx('表格中没有任何数据行', '表格中沒有任何資料行', 'the batch has no rows'),
  'too-many-rows': tx(
    '一批最多 {max} 行，此批有 {rows} 行：请分批上传',
    '一批最多 {max} 行，此批有 {rows} 行：請分批上載',
    'a batch holds at most {max} rows, this one has {rows}: split it',
  ),
  // The sheet's shape.
  'unknown-column': tx('无法识别的列名', '無法識別的欄名', 'is not a column this service knows'),
  'duplicate-column': tx('与“{other}”是同一列，重复了', '與「{other}」是同一欄，重複了', 'repeats the column "{other}"'),
  'missing-column': tx('缺少此列（{path}）', '缺少此欄（{path}）', 'is missing ({path})'),
  'extra-cells': tx('该行的单元格多于表头的列数', '該行的儲存格多於表頭的欄數', 'the row has more cells than the header has columns'),
  'excel-scientific': tx(
    '数字被表格软件改成了科学计数法，原数字已丢失：请把该列设为“文本”格式后重新填写',
    '數字被試算表軟件改成了科學記數法，原數字已遺失：請把該欄設為「文字」格式後重新填寫',
    'the spreadsheet turned the digits into scientific notation and lost them: format the column as text and enter them again',
  ),
  'csv-syntax': tx('CSV 格式错误：{reason}', 'CSV 格式錯誤：{reason}', 'CSV syntax error: {reason}'),
  'unknown-field': tx('不是此处允许的字段', '不是此處允許的欄位', 'is not an allowed field here'),
  // The request's schema.
  required: tx('为必填项', '為必填項', 'is required'),
  enum: tx('必须是以下之一：{allowed}', '必須是以下之一：{allowed}', 'must be one of {allowed}'),
  type: tx('类型不对：应为{type}', '類型不對：應為{type}', 'must be {type}'),
  'too-long': tx('不能超过 {limit} 个字符', '不能超過 {limit} 個字元', 'must not be longer than {limit} characters'),
  range: tx('必须在 {min} 到 {max} 之间', '必須在 {min} 至 {max} 之間', 'must be from {min} to {max}'),
  date: tx('必须是日期，例如 2025-06-20', '必須是日期，例如 2025-06-20', 'must be a date such as 2025-06-20'),
  'date-time': tx('必须是日期或日期时间，例如 2025-06-20', '必須是日期或日期時間，例如 2025-06-20', 'must be a date or date-time such as 2025-06-20'),
  'pattern.holder.idNumber': tx(
    '证件号码只能含字母、数字、括号、连字符和空格，4 到 32 个字符',
    '證件號碼只能含字母、數字、括號、連字號和空格，4 至 32 個字元',
    'an ID number has 4-32 letters, digits, brackets, hyphens or spaces',
  ),
  'pattern.occupation.code': tx(
    '职业编码的格式是 D-DD-DD-DD，例如 4-04-05-05',
    '職業編碼的格式是 D-DD-DD-DD，例如 4-04-05-05',
    'an occupation code looks like D-DD-DD-DD, e.g. 4-04-05-05',
  ),
  'pattern.assessment.id': tx(
    '考核批次只能含字母、数字和 . _ : -，最多 64 个字符',
    '考核批次只能含字母、數字和 . _ : -，最多 64 個字元',
    'an assessment id has up to 64 letters, digits or . _ : -',
  ),
  'pattern.certificateNumber': tx(
    '证书编号只能含字母、数字和连字符，最多 40 个字符',
    '證書編號只能含字母、數字和連字號，最多 40 個字元',
    'a certificate number has up to 40 letters, digits or hyphens',
  ),
  pattern: tx('格式不对', '格式不對', 'is not in the expected format'),
  invalid: tx('不符合要求（{detail}）', '不符合要求（{detail}）', 'is not valid ({detail})'),
  // The certificate rules (src/domain/certificate.ts), under the codes the API's field messages use.
  'occupation-name-required': tx(
    '本服务不认识职业编码 {code}：请填写职业名称',
    '本服務不認識職業編碼 {code}：請填寫職業名稱',
    'occupation {code} is not one this service knows by name: give its name',
  ),
  'rank-without-grade': tx(
    '该级别没有证书等级：职业技能等级证书只发五级至一级',
    '該級別沒有證書等級：職業技能等級證書只發五級至一級',
    'this rank has no printed grade: skill level certificates cover 五级 to 一级',
  ),
  'grade-rank-mismatch': tx('等级与新八级工级别不一致', '等級與新八級工級別不一致', 'the grade and the ladder rank disagree'),
  'grade-below-start': tx('该职业不设这么低的等级', '該職業不設這麼低的等級', 'this occupation does not start at this grade'),
  'certificate-number': tx(
    '职业技能等级证书编号应为 Y 或 S 加 21 位数字',
    '職業技能等級證書編號應為 Y 或 S 加 21 位數字',
    'a skill level certificate number is Y or S followed by 21 digits',
  ),
  'org-kind-mismatch': tx(
    '证书编号的首字母与本机构的备案类别（Y/S）不符',
    '證書編號的首字母與本機構的備案類別（Y/S）不符',
    "the number's first letter is not the issuer's filed kind (Y/S)",
  ),
  'grade-digit-mismatch': tx(
    '证书编号第 16 位（等级）与等级不符',
    '證書編號第 16 位（等級）與等級不符',
    "the number's 16th character (the grade) does not match the grade",
  ),
  'level-only-skill': tx('只有职业技能等级证书填写等级', '只有職業技能等級證書填寫等級', 'only skill level certificates carry a grade'),
  'specialty-only-specialized': tx(
    '只有专项职业能力证书填写专项能力',
    '只有專項職業能力證書填寫專項能力',
    'only specialized ability certificates carry a specialty',
  ),
  'enterprise-only-enterprise': tx('只有企业认证填写企业等级', '只有企業認證填寫企業等級', 'only enterprise certifications carry an enterprise level'),
  // Duplicates and accreditation.
  'duplicate-number': tx('证书编号与第 {other} 行重复', '證書編號與第 {other} 行重複', 'repeats the certificate number of row {other}'),
  'duplicate-assessment': tx(
    '同一考核批次、同类证书与第 {other} 行重复',
    '同一考核批次、同類證書與第 {other} 行重複',
    'repeats the assessment and certificate kind of row {other}',
  ),
  'issued-number': tx('该证书编号已经发过证书', '該證書編號已經發過證書', 'a certificate with this number was already issued'),
  'issued-assessment': tx('该考核批次已发过同类证书', '該考核批次已發過同類證書', 'this assessment already has a certificate of this kind'),
  'not-accredited-kind': tx('本机构未获备案颁发此类证书', '本機構未獲備案頒發此類證書', 'the issuer is not accredited for this kind of certificate'),
  'not-accredited-occupation': tx('本机构未获备案评价该职业', '本機構未獲備案評價該職業', 'the issuer is not accredited for this occupation'),
  'not-accredited-rank': tx('本机构未获备案评价该等级', '本機構未獲備案評價該等級', 'the issuer is not accredited for this level'),
};

/** The wording of a fault in a language; an unknown code falls back to the detail given. */
export function faultText(code: string, language: Language, params: Params = {}, fallback = code): string {
  const text = BATCH_FAULT_MESSAGES[code]?.[language];
  if (!text) return fallback;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (params[name] !== undefined ? String(params[name]) : m));
}

/** The part of an Ajv error a fault is made from. */
export interface SchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

const TYPE_NAMES: Record<string, Text> = {
  integer: tx('整数', '整數', 'a whole number'),
  string: tx('文字', '文字', 'text'),
  boolean: tx('是或否', '是或否', 'true or false'),
  object: tx('对象', '物件', 'an object'),
};

/** A schema error as a fault's pointer, code and params (null: says nothing a person can act on). */
export function schemaFault(e: SchemaError, language: Language): { pointer: string; code: string; params?: Params } | null {
  const p = e.params;
  const path = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  switch (e.keyword) {
    case 'required':
      return { pointer: `${e.instancePath}/${String(p.missingProperty)}`, code: 'required' };
    case 'additionalProperties':
      return { pointer: `${e.instancePath}/${String(p.additionalProperty)}`, code: 'unknown-field' };
    case 'enum':
      return { pointer: e.instancePath, code: 'enum', params: { allowed: (p.allowedValues as unknown[]).map(String).join(', ') } };
    case 'pattern':
      return { pointer: e.instancePath, code: BATCH_FAULT_MESSAGES[`pattern.${path}`] ? `pattern.${path}` : 'pattern' };
    case 'format':
      return { pointer: e.instancePath, code: p.format === 'date' ? 'date' : 'date-time' };
    case 'type':
      return { pointer: e.instancePath, code: 'type', params: { type: TYPE_NAMES[String(p.type)]?.[language] ?? String(p.type) } };
    case 'maxLength':
      return { pointer: e.instancePath, code: 'too-long', params: { limit: Number(p.limit) } };
    case 'minLength':
      return { pointer: e.instancePath, code: 'required' };
    case 'minimum':
    case 'maximum':
      // The only bounded numbers of a certificate request are ladder ranks (1-8).
      return { pointer: e.instancePath, code: 'range', params: { min: 1, max: 8 } };
    case 'if':
    case 'oneOf':
    case 'anyOf':
    case 'allOf':
      return null;
    default:
      return { pointer: e.instancePath, code: 'invalid', params: { detail: e.keyword } };
  }
}

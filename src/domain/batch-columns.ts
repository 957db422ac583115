// The columns of an exam-session sheet: each is a field path of the certificate request, named
// in the sheet by that path or by a Chinese alias (Simplified or Traditional), with the cell
// readings an office's spreadsheet produces (dates as Excel writes them, 是/否, grade names).
import { LADDER } from './ladder.js';

/** How a cell's text becomes the request's value. */
export type CellKind = 'text' | 'boolean' | 'date' | 'date-time' | 'kind' | 'id-type' | 'grade' | 'rank';

/** One column a sheet may have. */
export interface ColumnSpec {
  /** The certificate request's field path, dotted (`holder.name`); `.zh-Hant` / `.en` for more languages of a text. */
  path: string;
  /** Names a sheet may use instead of the path; the first is the template's header. */
  aliases: readonly string[];
  cell: CellKind;
  /** Every row needs it (whatever the kind): a sheet without the column is refused once, not per row. */
  required?: boolean;
}

const col = (path: string, cell: CellKind, aliases: string[], required = false): ColumnSpec => ({ path, cell, aliases, ...(required ? { required } : {}) });

/** Every column, in template order. */
export const COLUMNS: readonly ColumnSpec[] = [
  col('kind', 'kind', ['证书类型', '證書類型']),
  col('holder.name', 'text', ['姓名'], true),
  col('holder.idType', 'id-type', ['证件类型', '證件類型'], true),
  col('holder.idNumber', 'text', ['证件号码', '證件號碼', '身份证号码', '身份證號碼', '身份证号'], true),
  col('occupation.code', 'text', ['职业编码', '職業編碼', '职业代码', '職業代碼'], true),
  col('occupation.name', 'text', ['职业名称', '職業名稱']),
  col('occupation.name.zh-Hant', 'text', ['职业名称(繁体)', '職業名稱(繁體)']),
  col('occupation.name.en', 'text', ['职业名称(英文)', '職業名稱(英文)']),
  col('occupation.workType', 'text', ['工种', '工種', '工种/方向', '工種/方向', '职业方向', '職業方向']),
  col('occupation.classificationVersion', 'text', ['职业分类大典版本', '職業分類大典版本']),
  col('level.grade', 'grade', ['等级', '等級']),
  col('level.rank', 'rank', ['新八级工', '新八級工']),
  col('specialty.name', 'text', ['专项能力', '專項能力', '专项职业能力', '專項職業能力']),
  col('specialty.name.zh-Hant', 'text', ['专项能力(繁体)', '專項能力(繁體)']),
  col('specialty.name.en', 'text', ['专项能力(英文)', '專項能力(英文)']),
  col('specialty.code', 'text', ['专项能力规范编码', '專項能力規範編碼', '规范编码', '規範編碼']),
  col('enterprise.title', 'text', ['企业认证名称', '企業認證名稱']),
  col('enterprise.title.zh-Hant', 'text', ['企业认证名称(繁体)', '企業認證名稱(繁體)']),
  col('enterprise.title.en', 'text', ['企业认证名称(英文)', '企業認證名稱(英文)']),
  col('enterprise.level', 'text', ['企业等级', '企業等級']),
  col('enterprise.rank', 'rank', ['企业等级对应八级工', '企業等級對應八級工']),
  col('assessment.id', 'text', ['考核批次', '考核编号', '考核編號'], true),
  col('assessment.date', 'date', ['考核日期'], true),
  col('certificateNumber', 'text', ['证书编号', '證書編號'], true),
  col('validFrom', 'date-time', ['发证日期', '發證日期', '生效日期']),
  col('suspension', 'boolean', ['可暂停', '可暫停']),
  col('cryptosuite', 'text', ['签名套件', '簽署套件']),
];

/** The columns of the published template: what a skill level session needs (证书类型 defaults to it). */
const TEMPLATE_PATHS = [
  'holder.name',
  'holder.idType',
  'holder.idNumber',
  'occupation.code',
  'occupation.workType',
  'level.grade',
  'certificateNumber',
  'assessment.id',
  'assessment.date',
] as const;

/** The template's headers per language (English: the field paths). */
export const TEMPLATE_HEADERS: Record<'zh-Hans' | 'zh-Hant' | 'en', readonly string[]> = {
  'zh-Hans': ['姓名', '证件类型', '证件号码', '职业编码', '工种', '等级', '证书编号', '考核批次', '考核日期'],
  'zh-Hant': ['姓名', '證件類型', '證件號碼', '職業編碼', '工種', '等級', '證書編號', '考核批次', '考核日期'],
  en: TEMPLATE_PATHS,
};

/**
 * A header as compared: Unicode-normalised (full-width brackets and letters as ASCII), without
 * spaces, ASCII in lower case, so `证件号码 `, `职业名称（繁体）` and `Holder.Name` all match.
 */
function headerKey(header: string): string {
  return header.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

const BY_HEADER = new Map<string, ColumnSpec>();
for (const c of COLUMNS) for (const name of [c.path, ...c.aliases]) BY_HEADER.set(headerKey(name), c);

/** The column a header names, if any. */
export function columnOf(header: string): ColumnSpec | undefined {
  return BY_HEADER.get(headerKey(header));
}

const KINDS: Record<string, string> = {
  职业技能等级证书: 'skill-level',
  職業技能等級證書: 'skill-level',
  专项职业能力证书: 'specialized-ability',
  專項職業能力證書: 'specialized-ability',
  企业技能等级认证: 'enterprise',
  企業技能等級認證: 'enterprise',
  企业认证: 'enterprise',
  企業認證: 'enterprise',
};

const ID_TYPES: Record<string, string> = {
  居民身份证: 'resident-identity-card',
  居民身份證: 'resident-identity-card',
  身份证: 'resident-identity-card',
  身份證: 'resident-identity-card',
  护照: 'passport',
  護照: 'passport',
  港澳居民来往内地通行证: 'hk-macau-permit',
  港澳居民來往內地通行證: 'hk-macau-permit',
  台湾居民来往大陆通行证: 'taiwan-permit',
  台灣居民來往大陸通行證: 'taiwan-permit',
  香港身份证: 'hk-identity-card',
  香港身份證: 'hk-identity-card',
  澳门身份证: 'macau-identity-card',
  澳門身份證: 'macau-identity-card',
  外国人永久居留身份证: 'foreign-permanent-residence',
  外國人永久居留身份證: 'foreign-permanent-residence',
  其他证件: 'other',
  其他證件: 'other',
};

const DIGIT_GRADES = ['', '一级', '二级', '三级', '四级', '五级'];
const HANT_GRADES: Record<string, string> = { 一級: '一级', 二級: '二级', 三級: '三级', 四級: '四级', 五級: '五级' };

function grade(v: string): string {
  const m = /^(?:level\s*)?([1-5])\s*(?:级|級)?$/i.exec(v);
  return m ? DIGIT_GRADES[Number(m[1])]! : (HANT_GRADES[v] ?? v);
}

function rank(v: string): number | string {
  if (/^\d+$/.test(v)) return Number(v);
  const rung = LADDER.find((r) => r.names['zh-Hans'] === v || r.names['zh-Hant'] === v || r.names.en.toLowerCase() === v.toLowerCase());
  return rung ? rung.rank : v;
}

const YES = new Set(['true', 'yes', 'y', '1', '是', '是的']);
const NO = new Set(['false', 'no', 'n', '0', '否', '不']);

/** A calendar date as Excel and WPS write it (2025/6/20, 2025.6.20, 2025年6月20日) as YYYY-MM-DD; other text unchanged. */
function isoDate(v: string): string {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : v;
}

/**
 * The request value of a (trimmed, non-empty) cell. What does not read as its kind is passed on
 * unchanged, so the request's schema names the problem in its own words.
 */
export function cellValue(kind: CellKind, v: string): unknown {
  switch (kind) {
    case 'text':
      return v;
    case 'boolean':
      return YES.has(v.toLowerCase()) ? true : NO.has(v.toLowerCase()) ? false : v;
    case 'date':
      return isoDate(v);
    case 'date-time': {
      // A bare date is that day in China Standard Time, as the office means it.
      const d = isoDate(v);
      return /^\d{4}-\d{2}-\d{2}$/.test(d) ? `${d}T00:00:00+08:00` : v;
    }
    case 'kind':
      return KINDS[v] ?? v;
    case 'id-type':
      return ID_TYPES[v] ?? v;
    case 'grade':
      return grade(v);
    case 'rank':
      return rank(v);
  }
}

/** Excel shows long digit strings (ID numbers) as 1.10101E+17 and saves them so: the digits are lost. */
export function isScientific(v: string): boolean {
  return /^\d(\.\d+)?e\+?\d+$/i.test(v);
}

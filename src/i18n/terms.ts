// The service's own terms in three languages, as placeholder formatters (`{rank:rank}`): message
// params stay machine values (a rank number, an exit-reason code) and each language names them.
import { rungOf } from '../domain/ladder.js';
import { findOccupation } from '../domain/occupations.js';
import type { Formatter, Text } from './format.js';

type Table = Record<string, Text>;

/** Picks the text of `value` from a table; unknown values print as they are. */
function from(table: Table): Formatter {
  return (value, lang) => table[value]?.[lang] ?? value;
}

/** Formats a comma-separated list item by item, joined the way each language lists things. */
function listOf(one: Formatter, conj: Text): Formatter {
  return (value, lang) => {
    const items = value.split(',').map((v) => one(v.trim(), lang));
    if (items.length < 2) return items.join('');
    if (lang === 'en') return `${items.slice(0, -1).join(', ')} ${conj.en} ${items.at(-1)}`;
    return conj[lang] === '、' ? items.join('、') : `${items.slice(0, -1).join('、')}${conj[lang]}${items.at(-1)}`;
  };
}

/** Certificate kinds as a class of documents ("skill level certificates"). */
const KINDS: Table = {
  'skill-level': { 'zh-Hans': '职业技能等级证书', 'zh-Hant': '職業技能等級證書', en: 'skill level certificates' },
  'specialized-ability': { 'zh-Hans': '专项职业能力证书', 'zh-Hant': '專項職業能力證書', en: 'specialized ability certificates' },
  enterprise: { 'zh-Hans': '企业技能等级认证', 'zh-Hant': '企業技能等級認證', en: 'enterprise certifications' },
  other: { 'zh-Hans': '其他证书', 'zh-Hant': '其他證書', en: 'other credentials' },
};

/** Why an issuer left its chain (the proposed set of DOMAIN.md). */
const EXIT_REASONS: Table = {
  'voluntary-withdrawal': { 'zh-Hans': '主动退出', 'zh-Hant': '主動退出', en: 'voluntary withdrawal' },
  'failed-review': { 'zh-Hans': '考核评估不合格', 'zh-Hant': '考核評估不合格', en: 'failed review' },
  misconduct: { 'zh-Hans': '违规或虚假评价', 'zh-Hant': '違規或虛假評價', en: 'misconduct or fraudulent evaluation' },
  'dissolution-or-merger': { 'zh-Hans': '机构注销或合并', 'zh-Hant': '機構註銷或合併', en: 'dissolution or merger' },
  'filing-revoked': { 'zh-Hans': '备案被撤销', 'zh-Hant': '備案被撤銷', en: 'filing revoked' },
  'term-expired': { 'zh-Hans': '期满未续', 'zh-Hant': '期滿未續', en: 'term expired' },
};

const PURPOSES: Table = {
  revocation: { 'zh-Hans': '撤销', 'zh-Hant': '撤銷', en: 'revocation' },
  suspension: { 'zh-Hans': '暂停', 'zh-Hant': '暫停', en: 'suspension' },
};

/** The verification steps and the checks a caller selects (English keeps the API's own names). */
const STEPS: Table = {
  parse: { 'zh-Hans': '读取证书', 'zh-Hant': '讀取證書', en: 'parse' },
  proof: { 'zh-Hans': '数字签名', 'zh-Hant': '數碼簽署', en: 'proof' },
  issuer: { 'zh-Hans': '签发密钥', 'zh-Hant': '簽發密碼匙', en: 'issuer' },
  trust: { 'zh-Hans': '机构资质', 'zh-Hant': '機構資格', en: 'trust' },
  validity: { 'zh-Hans': '有效期', 'zh-Hant': '有效期', en: 'validity' },
  status: { 'zh-Hans': '撤销/暂停状态', 'zh-Hant': '撤銷/暫停狀態', en: 'status' },
  holder: { 'zh-Hans': '持证人', 'zh-Hant': '持證人', en: 'holder' },
  previous: { 'zh-Hans': '前一步', 'zh-Hant': '前一步', en: 'previous' },
};

/** JSON value types, as JSON Schema and our messages name them. */
const JSON_TYPES: Table = {
  null: { 'zh-Hans': '空值（null）', 'zh-Hant': '空值（null）', en: 'null' },
  array: { 'zh-Hans': '数组', 'zh-Hant': '陣列', en: 'array' },
  'an array': { 'zh-Hans': '数组', 'zh-Hant': '陣列', en: 'an array' },
  object: { 'zh-Hans': '对象', 'zh-Hant': '物件', en: 'object' },
  string: { 'zh-Hans': '字符串', 'zh-Hant': '字串', en: 'string' },
  number: { 'zh-Hans': '数字', 'zh-Hant': '數字', en: 'number' },
  integer: { 'zh-Hans': '整数', 'zh-Hant': '整數', en: 'integer' },
  boolean: { 'zh-Hans': '布尔值', 'zh-Hant': '布林值', en: 'boolean' },
};

/** Who may call: the principal kinds, with the article English needs. */
const PRINCIPALS: Table = {
  admin: { 'zh-Hans': '管理令牌', 'zh-Hant': '管理令牌', en: 'the admin token' },
  issuer: { 'zh-Hans': '发证机构的 API 密钥', 'zh-Hant': '發證機構的 API 密碼匙', en: 'an issuer key' },
  partner: { 'zh-Hans': '合作方的 API 密钥', 'zh-Hant': '合作方的 API 密碼匙', en: 'a partner key' },
};

/** What a rate limit counts. */
const COUNTED: Table = {
  requests: { 'zh-Hans': '次请求', 'zh-Hant': '次請求', en: 'requests' },
  verifications: { 'zh-Hans': '次核验', 'zh-Hant': '次核實', en: 'verifications' },
  'anonymous requests': { 'zh-Hans': '次匿名请求', 'zh-Hant': '次匿名請求', en: 'anonymous requests' },
  'failed authentications': { 'zh-Hans': '次认证失败', 'zh-Hant': '次認證失敗', en: 'failed authentications' },
  lookups: { 'zh-Hans': '次证书编号查询', 'zh-Hant': '次證書編號查詢', en: 'lookups' },
  'unmatched lookups of this certificate number': {
    'zh-Hans': '次此证书编号的无结果查询',
    'zh-Hant': '次此證書編號的無結果查詢',
    en: 'unmatched lookups of this certificate number',
  },
};

const WINDOWS: Table = {
  '60': { 'zh-Hans': '每分钟', 'zh-Hant': '每分鐘', en: 'a minute' },
  '3600': { 'zh-Hans': '每小时', 'zh-Hant': '每小時', en: 'an hour' },
};

const ORG_KINDS: Table = {
  Y: { 'zh-Hans': '用人单位', 'zh-Hant': '用人單位', en: 'employer' },
  S: { 'zh-Hans': '社会培训评价组织', 'zh-Hant': '社會培訓評價組織', en: 'social evaluation organisation' },
};

/** The documents the CPU budget checks (src/credentials/budget.ts), as a message's subject. */
const DOCUMENTS: Table = {
  credential: { 'zh-Hans': '证书', 'zh-Hant': '證書', en: 'the credential' },
  presentation: { 'zh-Hans': '出示文件（presentation）', 'zh-Hant': '出示文件（presentation）', en: 'the presentation' },
  'vc-claim': { 'zh-Hans': 'JWT 的 vc 声明', 'zh-Hant': 'JWT 的 vc 聲明', en: 'the vc claim' },
  document: { 'zh-Hans': '待签名文档', 'zh-Hant': '待簽署文件', en: 'the document' },
  'proof-options': { 'zh-Hans': '签名选项', 'zh-Hant': '簽署選項', en: 'the proof options' },
};

/** Why the holder could not be checked (the `holder-unavailable` problem). */
const HOLDER_WHY: Table = {
  'not-ours': {
    'zh-Hans': '只有本服务签发的证书才能在这里核对持证人',
    'zh-Hant': '只有本服務簽發的證書才能在這裏核對持證人',
    en: 'only certificates issued by this service can have their holder checked here',
  },
  'pepper-missing': {
    'zh-Hans': '签发机构用于持证人号码的密钥在本部署中不可用',
    'zh-Hant': '簽發機構用於持證人號碼的密碼匙在本部署中不可用',
    en: "the issuer's key for holder numbers is not available on this deployment",
  },
  'keyed-offline': {
    'zh-Hans': '持证人的证件号码以签发机构的密钥加密保存，只有签发服务能在线核对',
    'zh-Hant': '持證人的證件號碼以簽發機構的密碼匙加密保存，只有簽發服務能在線核對',
    en: "the holder's ID number is bound with the issuer's secret key: only the issuing service can compare it, online",
  },
  'no-hash': {
    'zh-Hans': '证书中没有可比对的持证人身份散列值',
    'zh-Hant': '證書中沒有可比對的持證人身份散列值',
    en: 'the credential carries no hashed identity to compare with',
  },
  limited: {
    'zh-Hans': '核对次数已达上限，请稍后再试',
    'zh-Hant': '核對次數已達上限，請稍後再試',
    en: 'too many holder checks: try again later',
  },
  error: {
    'zh-Hans': '持证人核对未能完成',
    'zh-Hant': '持證人核對未能完成',
    en: 'the holder check could not complete',
  },
};

const rankName: Formatter = (value, lang) => rungOf(Number(value))?.names[lang] ?? value;

/** A ladder rank by the grade printed for it: 四级 / 四級 / Level 4 (四级), so English matches the paper. */
const grade: Formatter = (value, lang) => {
  const rung = rungOf(Number(value));
  if (!rung?.grade) return rankName(value, lang);
  const n = rung.gradeDigit;
  if (lang === 'en') return `Level ${n} (${rung.grade})`;
  return lang === 'zh-Hant' ? rung.grade.replace('级', '級') : rung.grade;
};

const rank = rankName;

const occupation: Formatter = (value, lang) => {
  const known = findOccupation(value, '2022');
  if (!known) return value;
  return lang === 'en' ? `${known.names.en} (${value})` : `${known.names[lang]}（${value}）`;
};

const OR: Text = { 'zh-Hans': '或', 'zh-Hant': '或', en: 'or' };
const AND: Text = { 'zh-Hans': '、', 'zh-Hant': '、', en: 'and' };

/** Every term formatter, by the name placeholders use. */
export const TERMS: Record<string, Formatter> = {
  kind: from(KINDS),
  exit: from(EXIT_REASONS),
  purpose: from(PURPOSES),
  step: from(STEPS),
  jsonType: listOf(from(JSON_TYPES), OR),
  principals: listOf(from(PRINCIPALS), OR),
  principal: from(PRINCIPALS),
  counted: from(COUNTED),
  window: (value, lang) => WINDOWS[value]?.[lang] ?? (lang === 'en' ? `per ${value} s` : `每 ${value} 秒`),
  orgKind: from(ORG_KINDS),
  rank,
  grade,
  ranks: listOf(rank, AND),
  occupation,
  document: from(DOCUMENTS),
  holderWhy: from(HOLDER_WHY),
};

// What a printed certificate shows, read from a signed credential. Pure: no HTTP, no I/O.
import type { JsonObject } from '../credentials/data-integrity.js';
import { GRADE_NAMES, rungOf, type PrintedGrade } from '../domain/ladder.js';
import { findOccupation, type ClassificationVersion } from '../domain/occupations.js';

/** Chinese script of a printed certificate; English is always printed beside it. */
export type ChineseScript = 'zh-Hans' | 'zh-Hant';

/** One text in the printed Chinese script and in English (either may be missing). */
export interface Bilingual {
  zh: string;
  en: string;
}

/** The fields of a printed certificate (DOMAIN.md "Fields of a skill level certificate"). */
export interface CertificateView {
  kind: string;
  title: Bilingual;
  statement: Bilingual;
  holderName: string;
  idDocumentType: Bilingual;
  occupation: Bilingual;
  occupationCode: string;
  workType: string;
  /** Label and value of the level line: grade (skill level), item (specialized), level (enterprise). */
  levelLabel: Bilingual;
  level: Bilingual;
  certificateNumber: string;
  issuer: Bilingual;
  filingCode: string;
  issueDate: Bilingual;
}

const ID_TYPES: Record<string, { 'zh-Hans': string; 'zh-Hant': string; en: string }> = {
  'resident-identity-card': { 'zh-Hans': '居民身份证', 'zh-Hant': '居民身份證', en: 'Resident identity card' },
  passport: { 'zh-Hans': '护照', 'zh-Hant': '護照', en: 'Passport' },
  'hk-macau-permit': { 'zh-Hans': '港澳居民来往内地通行证', 'zh-Hant': '港澳居民來往內地通行證', en: 'Mainland travel permit for Hong Kong and Macao residents' },
  'taiwan-permit': { 'zh-Hans': '台湾居民来往大陆通行证', 'zh-Hant': '台灣居民來往大陸通行證', en: 'Mainland travel permit for Taiwan residents' },
  'hk-identity-card': { 'zh-Hans': '香港身份证', 'zh-Hant': '香港身份證', en: 'Hong Kong identity card' },
  'macau-identity-card': { 'zh-Hans': '澳门身份证', 'zh-Hant': '澳門身份證', en: 'Macao identity card' },
  'foreign-permanent-residence': { 'zh-Hans': '外国人永久居留身份证', 'zh-Hant': '外國人永久居留身份證', en: 'Foreign permanent resident ID card' },
  other: { 'zh-Hans': '其他证件', 'zh-Hant': '其他證件', en: 'Other identity document' },
};

const LEVEL_LABELS: Record<string, { 'zh-Hans': string; 'zh-Hant': string; en: string }> = {
  'skill-level': { 'zh-Hans': '等级', 'zh-Hant': '等級', en: 'Grade' },
  'specialized-ability': { 'zh-Hans': '专项职业能力', 'zh-Hant': '專項職業能力', en: 'Specialized ability' },
  enterprise: { 'zh-Hans': '企业等级', 'zh-Hant': '企業等級', en: 'Enterprise level' },
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const obj = (v: unknown): JsonObject => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function pick(map: unknown, plain: unknown, script: ChineseScript): Bilingual {
  const m = obj(map);
  const zh = str(m[script]) || str(m['zh-Hans']) || str(plain);
  return { zh, en: str(m.en) };
}

/**
 * The issue date as printed: the calendar day of `validFrom` in China Standard Time (UTC+8, no
 * daylight saving), so a certificate signed at 01:00 Beijing time is not dated the day before.
 */
export function issueDate(validFrom: string): Bilingual {
  const ms = Date.parse(validFrom);
  if (Number.isNaN(ms)) return { zh: '', en: '' };
  const d = new Date(ms + 8 * 3600_000);
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
  return { zh: `${y}年${m + 1}月${day}日`, en: `${day} ${MONTHS[m]} ${y}` };
}

/** Reads the certificate fields of an Open Badges skill credential; null when it is not one. */
export function certificateView(credential: JsonObject, script: ChineseScript = 'zh-Hans'): CertificateView | null {
  const subjectRaw = credential.credentialSubject;
  const subject = obj(Array.isArray(subjectRaw) ? subjectRaw[0] : subjectRaw);
  const achievement = obj(subject.achievement);
  const kind = str(achievement.certificateKind);
  if (!kind) return null;
  const identifiers = Array.isArray(subject.identifier) ? subject.identifier.map(obj) : [];
  const name = identifiers.find((i) => i.identityType === 'name' && i.hashed === false);
  const alignment = obj(Array.isArray(achievement.alignment) ? achievement.alignment[0] : undefined);
  const code = str(alignment.targetCode);
  const version = (str(achievement.classificationVersion) || '2022') as ClassificationVersion;
  const known = code ? findOccupation(code, version) : undefined;
  const issuer = obj(credential.issuer);
  const idType = ID_TYPES[str(subject.identityDocumentType)];

  let level: Bilingual = { zh: '', en: '' };
  if (kind === 'skill-level') {
    const grade = str(achievement.printedGrade);
    const rung = typeof achievement.ladderRank === 'number' ? rungOf(achievement.ladderRank) : undefined;
    const names = GRADE_NAMES[grade as PrintedGrade];
    level = {
      zh: [names ? names[script] : grade, rung?.names[script]].filter(Boolean).join(' · '),
      en: [names?.en, rung?.names.en].filter(Boolean).join(' · '),
    };
  } else if (kind === 'specialized-ability') {
    level = pick(achievement.localizedName, achievement.specialtyItem, script);
  } else {
    const rung = typeof achievement.ladderRank === 'number' ? rungOf(achievement.ladderRank) : undefined;
    level = {
      zh: [str(achievement.enterpriseTitle), str(achievement.enterpriseLevel), rung?.names[script]].filter(Boolean).join(' · '),
      en: [str(achievement.enterpriseLevel), rung?.names.en].filter(Boolean).join(' · '),
    };
  }
  const levelLabel = LEVEL_LABELS[kind] ?? LEVEL_LABELS.enterprise!;
  return {
    kind,
    title: pick(credential.localizedName, credential.name, script),
    statement: pick(achievement.localizedDescription, achievement.description, script),
    holderName: str(name?.identityHash),
    idDocumentType: idType ? { zh: idType[script], en: idType.en } : { zh: str(subject.identityDocumentType), en: '' },
    occupation: known ? { zh: known.names[script], en: known.names.en } : { zh: str(alignment.targetName), en: '' },
    occupationCode: code,
    workType: str(achievement.workType) || '--',
    levelLabel: { zh: levelLabel[script], en: levelLabel.en },
    level,
    certificateNumber: str(subject.certificateNumber),
    issuer: pick(issuer.localizedName, issuer.name, script),
    filingCode: str(issuer.filingCode),
    issueDate: issueDate(str(credential.validFrom) || str(credential.issuanceDate)),
  };
}

// What a printed certificate shows, read from a signed credential. Pure: no HTTP, no I/O.
import type { JsonObject } from '../credentials/data-integrity.js';
import { GRADE_NAMES, rungOf, type PrintedGrade } from '../domain/ladder.js';
import { findOccupation, type ClassificationVersion } from '../domain/occupations.js';
import { formatDate } from '../i18n/format.js';

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
  /** When it was issued (empty when unknown): never its validFrom, which may lie in the future. */
  issueDate: Bilingual;
  /** The holder's photo as a data: URL, when the credential carries one (nothing is ever fetched). */
  photo: string | null;
}

const ID_TYPES: Record<string, { 'zh-Hans': string; 'zh-Hant': string; en: string }> = {
  'resident-identity-card': { 'zh-Hans': '居民身份证', 'zh-Hant': '居民身份證', en: 'Resident identity card' },
  passport: { 'zh-Hans': '护照', 'zh-Hant': '護照', en: 'Passport' },
  'hk-macau-permit': {
    'zh-Hans': '港澳居民来往内地通行证',
    'zh-Hant': '港澳居民來往內地通行證',
    en: 'Mainland travel permit for Hong Kong and Macao residents',
  },
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

const CJK = /[\u3400-\u9fff]/;
const obj = (v: unknown): JsonObject => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function pick(map: unknown, plain: unknown, script: ChineseScript): Bilingual {
  const m = obj(map);
  const zh = str(m[script]) || str(m['zh-Hans']) || str(plain);
  return { zh, en: str(m.en) };
}

/**
 * The issue date as printed: the calendar day of the issuance in China Standard Time (UTC+8, no
 * daylight saving), so a certificate signed at 01:00 Beijing time is not dated the day before.
 */
export function issueDate(issuedAt: string): Bilingual {
  if (Number.isNaN(Date.parse(issuedAt))) return { zh: '', en: '' };
  return { zh: formatDate(issuedAt, 'zh-Hans'), en: formatDate(issuedAt, 'en') };
}

/**
 * When a credential was issued: our own issuance record when the caller has it, else its Data
 * Integrity proof's `created` (a vc+jwt credential's `iat` is outside the credential).
 */
function issuedAtOf(credential: JsonObject, recorded?: string | null): string {
  if (recorded) return recorded;
  const proofs = Array.isArray(credential.proof) ? credential.proof : [credential.proof];
  return proofs.map((p) => str(obj(p).created)).find((c) => c && !Number.isNaN(Date.parse(c))) ?? '';
}

/** "--" (and dashes alone) is how Open Badges certificates say "no work type": no value. */
function value(v: unknown): string {
  const s = str(v).trim();
  return /^[-–—]*$/.test(s) ? '' : s;
}

/** A photo the credential carries inline (OB 3.0 `image` of the subject): data: images only. */
function photoOf(subject: JsonObject): string | null {
  const image = subject.image;
  const url = typeof image === 'string' ? image : str(obj(image).id);
  return /^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/=]+$/.test(url) ? url : null;
}

/** Reads the certificate fields of an Open Badges skill credential; null when it is not one. */
export function certificateView(credential: JsonObject, script: ChineseScript = 'zh-Hans', recordedIssuedAt?: string | null): CertificateView | null {
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
    // The enterprise's own level name is in its language only: English gets the ladder rank alone.
    const own = str(achievement.enterpriseLevel);
    level = {
      zh: [str(achievement.enterpriseTitle), own, rung?.names[script]].filter(Boolean).join(' · '),
      en: [CJK.test(own) ? '' : own, rung?.names.en].filter(Boolean).join(' · '),
    };
  }
  const levelLabel = LEVEL_LABELS[kind] ?? LEVEL_LABELS.enterprise!;
  const title = pick(credential.localizedName, credential.name, script);
  // An enterprise title's English carries the level as written (三星): drop it rather than print Chinese as English.
  const ownLevel = str(achievement.enterpriseLevel);
  if (kind === 'enterprise' && CJK.test(ownLevel) && title.en.endsWith(` · ${ownLevel}`)) title.en = title.en.slice(0, -` · ${ownLevel}`.length);
  return {
    kind,
    title,
    statement: pick(achievement.localizedDescription, achievement.description, script),
    holderName: str(name?.identityHash),
    idDocumentType: idType ? { zh: idType[script], en: idType.en } : { zh: str(subject.identityDocumentType), en: '' },
    occupation: known ? { zh: known.names[script], en: known.names.en } : { zh: str(alignment.targetName), en: '' },
    occupationCode: code,
    workType: value(achievement.workType),
    levelLabel: { zh: levelLabel[script], en: levelLabel.en },
    level,
    certificateNumber: str(subject.certificateNumber),
    issuer: pick(issuer.localizedName, issuer.name, script),
    filingCode: str(issuer.filingCode),
    issueDate: issueDate(issuedAtOf(credential, recordedIssuedAt)),
    photo: photoOf(subject),
  };
}

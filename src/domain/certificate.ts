import type { Fault } from './fault.js';
import { legacyBindingInput } from './holder.js';
import type { IssuerRecord } from './issuer.js';
import { parseCertificateNumber } from './certificate-number.js';
import { rungOf, rungOfGrade, type Rung } from './ladder.js';
import { toNames, type LocalizedNames } from './localized.js';
import { findOccupation, type ClassificationVersion } from './occupations.js';
import type { AssessmentRequest, CertificateRequest } from './requests.js';

const CERTIFICATE_KINDS = ['skill-level', 'specialized-ability', 'enterprise'] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

export type { AssessmentRequest, CertificateRequest } from './requests.js';

/** A certificate request whose cross-field rules hold, with everything looked up. */
export interface CheckedCertificate {
  request: CertificateRequest;
  occupationNames: LocalizedNames;
  classificationVersion: ClassificationVersion;
  rung: Rung | null;
}

export const KIND_NAMES: Record<CertificateKind, LocalizedNames> = {
  'skill-level': { 'zh-Hans': '职业技能等级证书', 'zh-Hant': '職業技能等級證書', en: 'Vocational Skill Level Certificate' },
  'specialized-ability': {
    'zh-Hans': '专项职业能力证书',
    'zh-Hant': '專項職業能力證書',
    en: 'Specialized Vocational Ability Certificate',
  },
  enterprise: { 'zh-Hans': '企业技能等级认证', 'zh-Hant': '企業技能等級認證', en: 'Enterprise Skill Certification' },
};

export const STATEMENTS: Record<CertificateKind, LocalizedNames> = {
  'skill-level': {
    'zh-Hans': '经职业技能等级认定，持证人达到本证书所载职业（工种）等级的技能要求。',
    'zh-Hant': '經職業技能等級認定，持證人達到本證書所載職業（工種）等級的技能要求。',
    en: 'Through vocational skill level evaluation, the holder meets the skill requirements of the occupation and level stated on this certificate.',
  },
  'specialized-ability': {
    'zh-Hans': '经专项职业能力考核，持证人具备本证书所载专项职业能力。',
    'zh-Hant': '經專項職業能力考核，持證人具備本證書所載專項職業能力。',
    en: 'Through specialized vocational ability assessment, the holder has the specific competence stated on this certificate.',
  },
  enterprise: {
    'zh-Hans': '经企业技能评价，持证人达到本企业所载岗位等级的技能要求。',
    'zh-Hant': '經企業技能評價，持證人達到本企業所載崗位等級的技能要求。',
    en: "Through the enterprise's skill evaluation, the holder meets the skill requirements of the stated enterprise level.",
  },
};

export const ACHIEVEMENT_TYPES: Record<CertificateKind, string> = {
  'skill-level': 'Certificate',
  'specialized-ability': 'Certificate',
  enterprise: 'Certification',
};

export const FRAMEWORK: Record<ClassificationVersion, string> = {
  '2015': '中华人民共和国职业分类大典（2015年版）',
  '2022': '中华人民共和国职业分类大典（2022年版）',
};

/** A checked certificate, or every rule it breaks. */
export type CertificateCheck = { ok: true; checked: CheckedCertificate } | { ok: false; faults: Fault[] };

/**
 * Applies the rules a schema cannot express: known occupations, rank ↔ grade, the certificate
 * number's shape, org-kind letter and grade digit. Reports every broken field, each by pointer.
 */
export function checkCertificate(request: CertificateRequest, issuer: Pick<IssuerRecord, 'orgKind'>, base = ''): CertificateCheck {
  const errors: Fault[] = [];
  const version = request.occupation.classificationVersion ?? '2022';
  const known = findOccupation(request.occupation.code, version);
  let occupationNames: LocalizedNames = { 'zh-Hans': '' };
  if (request.occupation.name !== undefined) occupationNames = toNames(request.occupation.name);
  else if (known) occupationNames = { ...known.names };
  else {
    errors.push({
      pointer: `${base}/occupation/name`,
      code: 'occupation-name-required',
      params: { code: request.occupation.code, version },
    });
  }

  let rung: Rung | null = null;
  if (request.kind === 'skill-level') {
    const { rank, grade } = request.level ?? {};
    const byRank = rank !== undefined ? rungOf(rank) : undefined;
    const byGrade = grade !== undefined ? rungOfGrade(grade) : undefined;
    if (byRank && !byRank.grade) {
      errors.push({
        pointer: `${base}/level/rank`,
        code: 'rank-without-grade',
        params: { rank: rank! },
      });
    } else if (byRank && byGrade && byRank.rank !== byGrade.rank) {
      errors.push({
        pointer: `${base}/level/grade`,
        code: 'grade-rank-mismatch',
        params: { grade: grade!, gradeRank: byGrade.rank, rank: rank!, rankGrade: byRank.grade ?? '' },
      });
    } else {
      rung = byRank ?? byGrade ?? null;
    }
    if (rung && known?.minRank && rung.rank < known.minRank) {
      errors.push({
        pointer: `${base}/level`,
        code: 'grade-below-start',
        params: { occupation: known.code, start: rungOf(known.minRank)!.rank, rank: rung.rank },
      });
    }
    const parts = parseCertificateNumber(request.certificateNumber);
    if (!parts) {
      errors.push({
        pointer: `${base}/certificateNumber`,
        code: 'certificate-number',
      });
    } else {
      if (parts.orgKind !== issuer.orgKind) {
        errors.push({
          pointer: `${base}/certificateNumber`,
          code: 'org-kind-mismatch',
          params: { letter: parts.orgKind, orgKind: issuer.orgKind },
        });
      }
      if (rung?.gradeDigit && parts.gradeDigit !== rung.gradeDigit) {
        errors.push({
          pointer: `${base}/certificateNumber`,
          code: 'grade-digit-mismatch',
          params: { digit: parts.gradeDigit, rank: rung.rank, gradeDigit: rung.gradeDigit },
        });
      }
    }
  } else if (request.level !== undefined) {
    errors.push({ pointer: `${base}/level`, code: 'level-only-skill', params: { use: request.kind === 'enterprise' ? 'enterprise' : 'specialty' } });
  }
  if (request.kind === 'enterprise' && request.enterprise?.rank !== undefined) rung = rungOf(request.enterprise.rank) ?? null;
  if (request.kind !== 'specialized-ability' && request.specialty !== undefined) {
    errors.push({ pointer: `${base}/specialty`, code: 'specialty-only-specialized' });
  }
  if (request.kind !== 'enterprise' && request.enterprise !== undefined) {
    errors.push({ pointer: `${base}/enterprise`, code: 'enterprise-only-enterprise' });
  }
  if (errors.length > 0) return { ok: false, faults: errors };
  return { ok: true, checked: { request, occupationNames, classificationVersion: version, rung } };
}

/** Splits an assessment into its two certificates (specialized ability + enterprise certification). */
export function assessmentCertificates(a: AssessmentRequest): CertificateRequest[] {
  const common = {
    holder: a.holder,
    occupation: a.occupation,
    assessment: a.assessment,
    ...(a.validFrom !== undefined ? { validFrom: a.validFrom } : {}),
    ...(a.suspension !== undefined ? { suspension: a.suspension } : {}),
    ...(a.cryptosuite !== undefined ? { cryptosuite: a.cryptosuite } : {}),
  };
  return [
    { ...common, kind: 'specialized-ability', specialty: a.specialty, certificateNumber: a.certificateNumbers.specializedAbility },
    { ...common, kind: 'enterprise', enterprise: a.enterprise, certificateNumber: a.certificateNumbers.enterprise },
  ];
}

/**
 * The legacy (unkeyed) OB 3.0 IdentityHash of an ID number: `sha256$` + hex(SHA-256(normalized +
 * salt)). Certificates issued before keyed bindings carry it; it is only ever recomputed to check
 * them, never issued (see domain/holder.ts).
 */
export async function legacyIdentityHash(idNumber: string, salt: string, sha256: (data: Uint8Array) => Promise<Uint8Array>): Promise<string> {
  const digest = await sha256(legacyBindingInput(salt, idNumber));
  return 'sha256$' + Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

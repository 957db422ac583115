// The Open Badges 3.0 AchievementCredential of a skill certificate: the JSON the issuer signs.
import { ACHIEVEMENT_TYPES, FRAMEWORK, KIND_NAMES, STATEMENTS, type CheckedCertificate } from '../domain/certificate.js';
import type { IssuerRecord } from '../domain/issuer.js';
import { GRADE_NAMES } from '../domain/ladder.js';
import { joinNames, toNames, type LocalizedNames } from '../domain/localized.js';
import { CREDENTIALS_V2, OPEN_BADGES_V3, SKILLCRED_CONTEXT_V1 } from './contexts.js';
import { contextRelatedResource } from './related-resource.js';

function localized(names: LocalizedNames): Record<string, string> {
  return { ...names };
}

function achievementOf(c: CheckedCertificate, issuer: IssuerRecord): Record<string, unknown> {
  const { request: r, occupationNames, classificationVersion, rung } = c;
  const code = r.occupation.code;
  let titleParts: LocalizedNames[] = [occupationNames];
  let id: string;
  const extra: Record<string, unknown> = {};
  if (r.kind === 'skill-level') {
    const grade = rung!.grade!;
    titleParts = [occupationNames, GRADE_NAMES[grade], rung!.names];
    id = `urn:skillcred:achievement:skill-level:${classificationVersion}:${code}:${rung!.rank}`;
    Object.assign(extra, { ladderRank: rung!.rank, printedGrade: grade });
  } else if (r.kind === 'specialized-ability') {
    const specialty = toNames(r.specialty!.name);
    titleParts = [specialty];
    id = `urn:skillcred:achievement:specialized-ability:${classificationVersion}:${code}:${encodeURIComponent(r.specialty!.code ?? specialty['zh-Hans'])}`;
    extra.specialtyItem = specialty['zh-Hans'];
  } else {
    const title = toNames(r.enterprise!.title);
    titleParts = [title, { 'zh-Hans': r.enterprise!.level, 'zh-Hant': r.enterprise!.level, en: r.enterprise!.level }];
    id = `urn:skillcred:achievement:enterprise:${issuer.slug}:${code}:${encodeURIComponent(r.enterprise!.level)}`;
    Object.assign(extra, { enterpriseTitle: title['zh-Hans'], enterpriseLevel: r.enterprise!.level });
    if (rung) extra.ladderRank = rung.rank;
  }
  const title = joinNames(titleParts, { 'zh-Hans': ' ', 'zh-Hant': ' ', en: ', ' });
  return {
    id,
    type: ['Achievement'],
    achievementType: ACHIEVEMENT_TYPES[r.kind],
    name: title['zh-Hans'],
    description: STATEMENTS[r.kind]['zh-Hans'],
    criteria: { narrative: STATEMENTS[r.kind]['zh-Hans'] },
    alignment: [
      {
        type: ['Alignment'],
        targetType: 'ext:OccupationalClassification',
        targetName: occupationNames['zh-Hans'],
        targetCode: code,
        targetFramework: FRAMEWORK[classificationVersion],
        targetUrl: `https://w3id.org/skillcred/occupations/${classificationVersion}/${code}`,
      },
    ],
    certificateKind: r.kind,
    classificationVersion,
    workType: r.occupation.workType ?? '--',
    ...extra,
    localizedName: localized(title),
    localizedDescription: localized(STATEMENTS[r.kind]),
  };
}

/** The issuer's OB 3.0 Profile as embedded in its credentials. */
function issuerProfile(issuer: IssuerRecord): Record<string, unknown> {
  return {
    id: issuer.did,
    type: ['Profile'],
    name: issuer.names['zh-Hans'],
    localizedName: localized(issuer.names),
    orgKind: issuer.orgKind,
    filingCode: issuer.filingCode,
  };
}

/**
 * Builds the unsigned Open Badges 3.0 AchievementCredential of a checked certificate. The holder's
 * ID number appears only as its keyed holder binding (`holderIdentityHash`, see domain/holder.ts); status entries are added at signing.
 * Async because the relatedResource digest of our context is computed with WebCrypto.
 */
export async function buildCertificateCredential(
  c: CheckedCertificate,
  issuer: IssuerRecord,
  parts: { id: string; validFrom: string; holderIdentityHash: string; salt: string },
): Promise<Record<string, unknown>> {
  const r = c.request;
  return {
    '@context': [CREDENTIALS_V2, OPEN_BADGES_V3, SKILLCRED_CONTEXT_V1],
    id: parts.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: KIND_NAMES[r.kind]['zh-Hans'],
    localizedName: localized(KIND_NAMES[r.kind]),
    issuer: issuerProfile(issuer),
    validFrom: parts.validFrom,
    // VC 2.0 §5.3: https://w3id.org/skillcred/v1 does not resolve yet, so a verifier may fetch a
    // copy from anywhere (our /skillcred/v1 or a mirror); the signed digest lets it tell whether
    // that copy is the context this certificate was signed against.
    relatedResource: [await contextRelatedResource()],
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        { type: 'IdentityObject', identityHash: r.holder.name, identityType: 'name', hashed: false },
        {
          type: 'IdentityObject',
          identityHash: parts.holderIdentityHash,
          identityType: 'nationalIdentityNumber',
          hashed: true,
          salt: parts.salt,
        },
      ],
      // OB 3.0's IdentityObject admits no extra properties: the document type sits on the subject.
      identityDocumentType: r.holder.idType,
      achievement: achievementOf(c, issuer),
      certificateNumber: r.certificateNumber,
      assessmentId: r.assessment.id,
      assessmentDate: r.assessment.date,
    },
  };
}

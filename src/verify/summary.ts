import type { JsonObject } from '../credentials/data-integrity.js';
import type { Localized, Summary } from './result.js';

const obj = (v: unknown): JsonObject | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function localized(plain: unknown, map: unknown): Localized | undefined {
  const out: Localized = {};
  const m = obj(map);
  if (m) for (const lang of ['zh-Hans', 'zh-Hant', 'en'] as const) if (typeof m[lang] === 'string') out[lang] = m[lang] as string;
  if (typeof plain === 'string' && !out['zh-Hans']) out['zh-Hans'] = plain;
  return Object.keys(out).length ? out : undefined;
}

/** What a person needs to see of a credential, read defensively (it may be malformed). */
export function summarize(credential: JsonObject): Summary {
  const subjectRaw = credential.credentialSubject;
  const subject = obj(Array.isArray(subjectRaw) ? subjectRaw[0] : subjectRaw) ?? {};
  const achievement = obj(subject.achievement) ?? {};
  const identifiers = Array.isArray(subject.identifier) ? subject.identifier.map(obj).filter(Boolean) : [];
  const nameId = identifiers.find((i) => i!.identityType === 'name' && i!.hashed === false);
  const alignment = Array.isArray(achievement.alignment) ? obj(achievement.alignment[0]) : undefined;
  const issuer = obj(credential.issuer);
  const summary: Summary = {};
  const set = <K extends keyof Summary>(k: K, v: Summary[K] | undefined) => {
    if (v !== undefined) summary[k] = v;
  };
  set('credentialId', str(credential.id));
  set('holderName', str(nameId?.identityHash) ?? str(subject.name));
  set('certificateKind', str(achievement.certificateKind));
  set('certificateName', localized(credential.name, credential.localizedName));
  set('achievementName', localized(achievement.name, achievement.localizedName));
  if (alignment || achievement.workType || achievement.classificationVersion) {
    const occupation: NonNullable<Summary['occupation']> = {};
    if (str(alignment?.targetCode)) occupation.code = str(alignment?.targetCode)!;
    if (str(alignment?.targetName)) occupation.name = str(alignment?.targetName)!;
    if (str(achievement.classificationVersion)) occupation.classificationVersion = str(achievement.classificationVersion)!;
    // Open Badges certificates write "--" for "no work type": that is no value to show.
    const workType = str(achievement.workType)?.trim();
    if (workType && !/^[-–—]+$/.test(workType)) occupation.workType = workType;
    summary.occupation = occupation;
  }
  if (typeof achievement.ladderRank === 'number' || typeof achievement.printedGrade === 'string') {
    summary.level = {};
    if (typeof achievement.ladderRank === 'number') summary.level.rank = achievement.ladderRank;
    if (typeof achievement.printedGrade === 'string') summary.level.grade = achievement.printedGrade;
  }
  set('certificateNumber', str(subject.certificateNumber));
  set('assessmentId', str(subject.assessmentId));
  const issuerSummary: NonNullable<Summary['issuer']> = {};
  const issuerId = str(credential.issuer) ?? str(issuer?.id);
  if (issuerId) issuerSummary.id = issuerId;
  const issuerName = localized(issuer?.name, issuer?.localizedName);
  if (issuerName) issuerSummary.name = issuerName;
  if (str(issuer?.filingCode)) issuerSummary.filingCode = str(issuer?.filingCode)!;
  if (str(issuer?.orgKind)) issuerSummary.orgKind = str(issuer?.orgKind)!;
  if (Object.keys(issuerSummary).length) summary.issuer = issuerSummary;
  // The issue date is when it was signed, never validFrom: a certificate may be valid from later.
  // (A JWT's iat is outside the credential: the verifier adds it.)
  const proofs = Array.isArray(credential.proof) ? credential.proof : [credential.proof];
  set(
    'issuedAt',
    proofs.map((p) => str(obj(p)?.created)).find((c) => c !== undefined && !Number.isNaN(Date.parse(c))),
  );
  set('validFrom', str(credential.validFrom) ?? str(credential.issuanceDate));
  set('validUntil', str(credential.validUntil) ?? str(credential.expirationDate));
  return summary;
}

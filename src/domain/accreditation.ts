/** Certificate kinds an accreditation may cover; `other` is any credential without a certificate kind. */
export type AccreditedKind = 'skill-level' | 'specialized-ability' | 'enterprise' | 'other';

/** Why an issuer left its chain (Guangdong names six; these are our proposed set). */
const EXIT_REASONS = ['voluntary-withdrawal', 'failed-review', 'misconduct', 'dissolution-or-merger', 'filing-revoked', 'term-expired'] as const;

export type ExitReason = (typeof EXIT_REASONS)[number];

/** What an issuer may certify, and when. */
export interface AccreditationRecord {
  id: string;
  issuerId: string;
  kinds: AccreditedKind[];
  /** Exact codes ("4-04-05-05"), prefixes ("4-04-*") or "*". */
  occupations: string[];
  /** Ladder ranks; empty means any. */
  ranks: number[];
  validFrom: string;
  validUntil: string | null;
  chain: string | null;
  chainMaster: string | null;
  createdAt: string;
}

export interface ExitRecord {
  id: string;
  issuerId: string;
  exitedAt: string;
  reason: ExitReason;
  note: string | null;
  createdAt: string;
}

/** What a certificate claims an issuer may certify: its kind, occupation and ladder rank. */
export interface Scope {
  kind: AccreditedKind;
  occupation: string | null;
  rank: number | null;
}

export type TrustDecision =
  | { trusted: true; accreditation: AccreditationRecord }
  | { trusted: false; code: 'exited' | 'no-accreditation' | 'outside-period' | 'kind' | 'occupation' | 'rank'; reason: string; exit?: ExitRecord };

const KIND_LABEL: Record<AccreditedKind, string> = {
  'skill-level': 'skill level certificates',
  'specialized-ability': 'specialized ability certificates',
  enterprise: 'enterprise certifications',
  other: 'other credentials',
};

/** True when an occupation pattern ("4-04-05-05", "4-04-*", "*") covers a code. */
function occupationMatches(pattern: string, code: string | null): boolean {
  if (pattern === '*') return true;
  if (code === null) return false;
  if (pattern.endsWith('*')) return code.startsWith(pattern.slice(0, -1));
  return pattern === code;
}

/** The scope a certificate claims, read from its achievement (our context's terms). */
export function scopeOf(credential: Record<string, unknown>): Scope {
  const subjectRaw = credential.credentialSubject;
  const subject = (Array.isArray(subjectRaw) ? subjectRaw[0] : subjectRaw) as Record<string, unknown> | undefined;
  const achievement = (subject?.achievement ?? {}) as Record<string, unknown>;
  const kind = achievement.certificateKind;
  const alignment = Array.isArray(achievement.alignment) ? (achievement.alignment[0] as Record<string, unknown> | undefined) : undefined;
  return {
    kind: kind === 'skill-level' || kind === 'specialized-ability' || kind === 'enterprise' ? kind : 'other',
    occupation: typeof alignment?.targetCode === 'string' ? alignment.targetCode : null,
    rank: typeof achievement.ladderRank === 'number' ? achievement.ladderRank : null,
  };
}

function inPeriod(a: AccreditationRecord, at: number): boolean {
  return Date.parse(a.validFrom) <= at && (a.validUntil === null || at < Date.parse(a.validUntil));
}

/**
 * Whether an issuer was accredited for `scope` at `at`: some accreditation in force then must
 * cover the kind, the occupation and the rank. When none does, the reason names what is missing,
 * most specific first (an exit before `at` explains everything after it).
 */
export function decideTrust(accreditations: AccreditationRecord[], exits: ExitRecord[], scope: Scope, at: Date): TrustDecision {
  const t = at.getTime();
  const covering = accreditations.find(
    (a) =>
      inPeriod(a, t) &&
      a.kinds.includes(scope.kind) &&
      (scope.kind === 'other' || a.occupations.some((p) => occupationMatches(p, scope.occupation))) &&
      (a.ranks.length === 0 || (scope.rank !== null && a.ranks.includes(scope.rank))),
  );
  if (covering) return { trusted: true, accreditation: covering };
  const exit = exits.filter((e) => Date.parse(e.exitedAt) <= t).sort((a, b) => Date.parse(b.exitedAt) - Date.parse(a.exitedAt))[0];
  if (exit) {
    return {
      trusted: false,
      code: 'exited',
      exit,
      reason: `the issuer left its chain on ${exit.exitedAt} (${exit.reason}); this was signed at ${at.toISOString()}, after the exit`,
    };
  }
  if (accreditations.length === 0) return { trusted: false, code: 'no-accreditation', reason: 'the issuer has no accreditation in the trust registry' };
  const current = accreditations.filter((a) => inPeriod(a, t));
  if (current.length === 0) return { trusted: false, code: 'outside-period', reason: `no accreditation of the issuer was in force at ${at.toISOString()}` };
  const byKind = current.filter((a) => a.kinds.includes(scope.kind));
  if (byKind.length === 0) return { trusted: false, code: 'kind', reason: `the issuer is not accredited for ${KIND_LABEL[scope.kind]}` };
  const byOccupation = scope.kind === 'other' ? byKind : byKind.filter((a) => a.occupations.some((p) => occupationMatches(p, scope.occupation)));
  if (byOccupation.length === 0) {
    return {
      trusted: false,
      code: 'occupation',
      reason: `the issuer is not accredited for occupation ${scope.occupation ?? '(none given)'} in ${KIND_LABEL[scope.kind]}`,
    };
  }
  return {
    trusted: false,
    code: 'rank',
    reason: `the issuer is not accredited for ladder rank ${scope.rank ?? '(none given)'} of occupation ${scope.occupation ?? '-'} (accredited ranks: ${[...new Set(byOccupation.flatMap((a) => a.ranks))].join(', ')})`,
  };
}

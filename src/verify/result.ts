import type { Params } from '../i18n/format.js';
import type { FieldMessage } from '../errors-fields.js';
import { problemText, type ProblemCode } from './messages.js';

/** The named steps a verification runs, in order. */
export const STEP_IDS = ['parse', 'proof', 'issuer', 'trust', 'validity', 'status', 'holder'] as const;
export type StepId = (typeof STEP_IDS)[number];

/** One problem found by a step (RFC 9457 fields, W3C type URIs where one fits). */
export interface StepProblem {
  type: string;
  title: string;
  detail: string;
  /** A stable, language-independent reason code (for the page's messages and for tests). */
  code: string;
  /**
   * The values the title and detail show (ISO dates, ids, indexes, codes): with `code`, what
   * every language's text is rendered from (src/verify/messages.ts). Absent when there are none.
   */
  params?: Params;
}

/** The outcome of one step. `skipped` steps did not run (an earlier step made them moot). */
export interface StepResult {
  id: StepId;
  valid: boolean;
  skipped?: boolean;
  problem?: StepProblem;
}

/** The one word an employer sees. */
export type Verdict =
  | 'valid'
  | 'revoked'
  | 'suspended'
  | 'expired'
  | 'not-yet-valid'
  | 'untrusted-issuer'
  | 'tampered'
  | 'unsupported'
  | 'unreadable'
  | 'status-unknown'
  | 'holder-mismatch';

/** Texts in the three languages the service speaks. */
export interface Localized {
  'zh-Hans'?: string;
  'zh-Hant'?: string;
  en?: string;
}

/** What a verifier shows about the certificate, taken from the credential. */
export interface Summary {
  credentialId?: string;
  holderName?: string;
  certificateKind?: string;
  certificateName?: Localized;
  achievementName?: Localized;
  occupation?: { code?: string; name?: string; classificationVersion?: string; workType?: string };
  level?: { rank?: number; grade?: string };
  certificateNumber?: string;
  issuer?: { id?: string; name?: Localized; filingCode?: string; orgKind?: string };
  /** When it was issued (signed): its Data Integrity proof's `created`, or the JWT's `iat`. */
  issuedAt?: string;
  validFrom?: string;
  validUntil?: string;
  assessmentId?: string;
  status?: { revocation?: boolean; suspension?: boolean };
  format?: string;
}

/**
 * The checks a caller may select (`options.checks`, VC API). `proof` is the credential's proofs
 * and the issuer's key (authenticity: always run, everything else depends on it); `validity` is
 * validFrom/validUntil; `status` the status lists; `trust` our trust registry; `holder` the ID
 * number comparison (run only when an ID number is given).
 */
export const CHECK_NAMES = ['proof', 'validity', 'status', 'trust', 'holder'] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

/** Names other verifiers use for the same checks, accepted in `options.checks`. */
const CHECK_ALIASES: Record<string, CheckName> = {
  proof: 'proof',
  issuer: 'proof',
  validity: 'validity',
  expiration: 'validity',
  validFrom: 'validity',
  validUntil: 'validity',
  status: 'status',
  credentialStatus: 'status',
  trust: 'trust',
  holder: 'holder',
};

/**
 * Reads `options.checks` as a VC API caller sends it: an array of check names (aliases such as
 * `credentialStatus` and `expiration` accepted). Returns the selected checks, or the field problem
 * to answer 400 with.
 */
export function readChecks(value: unknown, pointer = '/options/checks'): { checks: CheckName[] } | { problem: FieldMessage } {
  if (!Array.isArray(value) || value.length > 16) return { problem: { pointer, key: 'field.check-names' } };
  const out = new Set<CheckName>();
  for (const [i, name] of value.entries()) {
    const check = typeof name === 'string' ? CHECK_ALIASES[name] : undefined;
    if (!check)
      return {
        problem: {
          pointer: `${pointer}/${i}`,
          key: 'field.unknown-check',
          params: { name: JSON.stringify(name), known: Object.keys(CHECK_ALIASES).join(', ') },
        },
      };
    out.add(check);
  }
  return { checks: [...out] };
}

/** The result of verifying one credential. Never thrown: always returned. */
export interface VerificationResult {
  /**
   * Verification in the VC API's sense: authentic and untampered (proof, issuer key), current
   * (validity), not revoked or suspended (status), and the holder matches when asked. The trust
   * registry is not part of it: see `trusted` and the verdict.
   */
  verified: boolean;
  /** The employer's one answer, which also weighs our trust registry (`untrusted-issuer`). */
  verdict: Verdict;
  /** Validation against our trust registry: true/false when the trust step ran, absent otherwise. */
  trusted?: boolean;
  checks: StepId[];
  warnings: StepProblem[];
  errors: StepProblem[];
  steps: StepResult[];
  summary: Summary;
  /** Recognition statements of partners that apply to this (verified) credential. */
  recognitions?: unknown[];
}

const W3C = {
  parse: 'https://www.w3.org/TR/vc-data-model#PARSING_ERROR',
  malformed: 'https://www.w3.org/TR/vc-data-model#MALFORMED_VALUE_ERROR',
  range: 'https://www.w3.org/TR/vc-data-model#RANGE_ERROR',
  proof: 'https://w3id.org/security#PROOF_VERIFICATION_ERROR',
  vm: 'https://w3id.org/security#INVALID_VERIFICATION_METHOD',
  challenge: 'https://w3id.org/security#INVALID_CHALLENGE_ERROR',
  domain: 'https://w3id.org/security#INVALID_DOMAIN_ERROR',
  statusRetrieval: 'https://www.w3.org/ns/credentials/status-list#STATUS_RETRIEVAL_ERROR',
  statusVerification: 'https://www.w3.org/ns/credentials/status-list#STATUS_VERIFICATION_ERROR',
  statusLength: 'https://www.w3.org/ns/credentials/status-list#STATUS_LIST_LENGTH_ERROR',
  ours: 'https://w3id.org/skillcred/problems#',
};

/**
 * Builds a step problem from its code and values; `kind` picks the W3C type URI. Title and
 * detail are the catalogue's English (localizeResult and the verify page render the others).
 */
export function stepProblem(kind: keyof typeof W3C, code: ProblemCode, params: Params = {}): StepProblem {
  const text = problemText(code, params, 'en')!;
  const values = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== ''));
  return { type: kind === 'ours' ? W3C.ours + code : W3C[kind], ...text, code, ...(Object.keys(values).length ? { params: values } : {}) };
}

/** Problem codes of the proof step that mean "cannot be checked here", not "forged". */
export const UNSUPPORTED_CODES: ReadonlySet<string> = new Set(['unsupported-proof', 'unsupported-cryptosuite', 'unsupported-alg']);

// Most decisive first: the verdict names the first failed step by this order.
const VERDICT_OF: { test: (s: StepResult) => boolean; verdict: Verdict }[] = [
  { test: (s) => s.id === 'parse', verdict: 'unreadable' },
  { test: (s) => s.id === 'proof' && s.problem?.code === 'unresolvable-key', verdict: 'untrusted-issuer' },
  { test: (s) => s.id === 'proof' && UNSUPPORTED_CODES.has(s.problem?.code ?? ''), verdict: 'unsupported' },
  // A JWT whose own exp/nbf says it is out of date is not a forgery.
  { test: (s) => s.id === 'proof' && s.problem?.code === 'jwt-expired', verdict: 'expired' },
  { test: (s) => s.id === 'proof' && s.problem?.code === 'jwt-not-yet-valid', verdict: 'not-yet-valid' },
  { test: (s) => s.id === 'proof', verdict: 'tampered' },
  { test: (s) => s.id === 'issuer' || s.id === 'trust', verdict: 'untrusted-issuer' },
  { test: (s) => s.id === 'status' && s.problem?.code === 'revoked', verdict: 'revoked' },
  { test: (s) => s.id === 'status' && s.problem?.code === 'suspended', verdict: 'suspended' },
  { test: (s) => s.id === 'validity' && s.problem?.code === 'expired', verdict: 'expired' },
  { test: (s) => s.id === 'validity', verdict: 'not-yet-valid' },
  { test: (s) => s.id === 'status', verdict: 'status-unknown' },
  { test: (s) => s.id === 'holder', verdict: 'holder-mismatch' },
];

/** The single verdict of a set of step results. */
function verdictOf(steps: StepResult[]): Verdict {
  const failed = steps.filter((s) => !s.valid && !s.skipped);
  for (const rule of VERDICT_OF) if (failed.some(rule.test)) return rule.verdict;
  return 'valid';
}

/**
 * Assembles the result from step outcomes. A failed `trust` step does not make `verified` false:
 * its problem is reported as a warning (and in the trust step, and through the verdict).
 */
export function resultOf(steps: StepResult[], warnings: StepProblem[], summary: Summary): VerificationResult {
  const failed = steps.filter((s) => !s.valid && !s.skipped && s.problem);
  const errors = failed.filter((s) => s.id !== 'trust').map((s) => s.problem!);
  const trust = steps.find((s) => s.id === 'trust' && !s.skipped);
  const verdict = verdictOf(steps);
  const ran = steps.filter((s) => !s.skipped);
  return {
    verified: ran.length > 0 && ran.every((s) => s.valid || s.id === 'trust'),
    verdict,
    ...(trust ? { trusted: trust.valid } : {}),
    checks: ran.map((s) => s.id),
    warnings: trust && !trust.valid && trust.problem ? [...warnings, trust.problem] : warnings,
    errors,
    steps,
    summary,
  };
}

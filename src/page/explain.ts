// Which problem decides the verdict, and which explanation fits it. "Untrusted issuer" covers
// a key that is not the issuer's (a forgery risk) and an authentic signature by an organisation
// that was not accredited, had left its chain or is not in the registry: they read differently.
import type { StepId, StepProblem, VerificationResult } from '../verify/result.js';
import type { TextKey } from './i18n.js';

/** The steps whose failure each verdict reports. */
const DECIDING: Record<string, StepId[]> = {
  unreadable: ['parse'],
  tampered: ['proof'],
  unsupported: ['proof'],
  'untrusted-issuer': ['proof', 'issuer', 'trust'],
  revoked: ['status'],
  suspended: ['status'],
  'status-unknown': ['status'],
  expired: ['validity', 'proof'],
  'not-yet-valid': ['validity', 'proof'],
  'holder-mismatch': ['holder'],
};

/** The problem behind the verdict (none for a valid certificate). */
function decisiveProblem(result: VerificationResult): StepProblem | undefined {
  const steps = DECIDING[result.verdict] ?? [];
  for (const id of steps) {
    const step = result.steps.find((s) => s.id === id && !s.valid && !s.skipped && s.problem);
    if (step) return step.problem;
  }
  return undefined;
}

/** Problems whose detail only repeats the verdict's explanation: no second line for them. */
const SAID_ALREADY: ReadonlySet<string> = new Set(['holder-mismatch', 'bad-signature']);

/** The reason shown under the explanation: the decisive problem, unless it says nothing more. */
export function reasonProblem(result: VerificationResult): StepProblem | undefined {
  const problem = decisiveProblem(result);
  return problem && !SAID_ALREADY.has(problem.code) ? problem : undefined;
}

/**
 * Whether the certificate's details are only what some signer wrote: a forgery, a key that is
 * not the named issuer's, or an issuer outside the registry. An accredited issuer's authentic
 * certificate keeps its details even when the issuer was not accredited for it (or had left).
 */
export function detailsUnvouched(result: VerificationResult): boolean {
  if (result.verdict === 'tampered') return true;
  const key = result.verdict === 'untrusted-issuer' ? explainKey(result) : null;
  return key === 'explain.untrusted-issuer' || key === 'explain.untrusted-registry';
}

/** The explanation under the verdict word: for an untrusted issuer, by what was wrong. */
export function explainKey(result: VerificationResult): TextKey {
  if (result.verdict !== 'untrusted-issuer') return `explain.${result.verdict}` as TextKey;
  const code = decisiveProblem(result)?.code ?? '';
  if (code === 'not-in-registry') return 'explain.untrusted-registry';
  if (code === 'untrusted-exited') return 'explain.untrusted-exited';
  if (code.startsWith('untrusted-')) return 'explain.untrusted-accreditation';
  return 'explain.untrusted-issuer';
}

import type { Scope, TrustDecision } from '../domain/accreditation.js';
import { trustParams } from '../i18n/trust.js';
import { stepProblem, type StepProblem } from './result.js';

/**
 * The trust step's problem for a negative decision: `untrusted-<reason>` with the values that
 * name the real reason (the exit's date and cause, the kind, occupation or rank claimed, the
 * signing time), so no language has to fall back on "not signed by a valid key".
 */
export function trustProblem(decision: Extract<TrustDecision, { trusted: false }>, scope: Scope, at: Date): StepProblem {
  return stepProblem('ours', `untrusted-${decision.code}`, trustParams(decision, scope, at));
}

/** The trust step's problem for an issuer the registry does not list. */
export function notInRegistry(issuerId: string | undefined): StepProblem {
  return stepProblem('ours', 'not-in-registry', { issuer: issuerId ?? '—' });
}

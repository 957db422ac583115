import type { Config } from '../config.js';
import type { Language } from '../domain/localized.js';
import { problemText, VERDICT_LABELS } from '../verify/messages.js';
import type { StepProblem, VerificationResult } from '../verify/result.js';
import type { Verifier, VerifyOptions } from '../verify/verifier.js';
import type { RateLimiter } from './rate-limit.js';

export type { VerifyOptions } from '../verify/verifier.js';
export { readChecks } from '../verify/result.js';

/** A verification result with its verdict label and every problem's title and detail in the caller's language. */
export type LocalizedResult = VerificationResult & { language: Language; verdictLabel: string };

/** A problem worded in `lang` from its code and params (as it is, for a code the catalogue lacks). */
function localize(p: StepProblem, lang: Language): StepProblem {
  const text = problemText(p.code, p.params ?? {}, lang);
  return text ? { ...p, ...text } : p;
}

/** Words a verification result in `lang`: verdict label, problem titles and details. */
export function localizeResult(result: VerificationResult, lang: Language): LocalizedResult {
  return {
    ...result,
    language: lang,
    verdictLabel: VERDICT_LABELS[result.verdict][lang],
    errors: result.errors.map((p) => localize(p, lang)),
    warnings: result.warnings.map((p) => localize(p, lang)),
    steps: result.steps.map((s) => (s.problem ? { ...s, problem: localize(s.problem, lang) } : s)),
  };
}

/** A presentation's verification, worded in `lang` (its own steps and every credential's). */
export function localizePresentation(
  result: Awaited<ReturnType<Verifier['verifyPresentation']>>,
  lang: Language,
): Omit<Awaited<ReturnType<Verifier['verifyPresentation']>>, 'credentials'> & { credentials: LocalizedResult[] } {
  return {
    ...result,
    presentation: {
      steps: result.presentation.steps.map((s) => (s.problem ? { ...s, problem: localize(s.problem, lang) } : s)),
      errors: result.presentation.errors.map((p) => localize(p, lang)),
    },
    credentials: result.credentials.map((c) => localizeResult(c, lang)),
  };
}

/** Verification for anyone (no key): the VC API verifiers, step by step, in the caller's language. */
export class VerificationService {
  constructor(private readonly deps: { verifier: Verifier; limiter: RateLimiter; config: Pick<Config, 'anonymousRequestsPerMinute'> }) {}

  /** Admits one anonymous request from `client` (verification, lookup): 429 past the per-address limit. */
  async admit(client: string): Promise<void> {
    await this.deps.limiter.take(`anon:${client}`, this.deps.config.anonymousRequestsPerMinute, 1, 60, 'anonymous requests');
  }

  /** Verifies one credential in any form the verifier reads (object, JWT, QR payload or link, JSON text). */
  async verifyCredential(input: unknown, options: VerifyOptions, lang: Language): Promise<LocalizedResult> {
    return localizeResult(await this.deps.verifier.verifyCredential(input, options), lang);
  }

  /** Verifies a presentation's proof and every credential in it, in the caller's language. */
  async verifyPresentation(input: unknown, options: VerifyOptions, lang: Language = 'en'): Promise<ReturnType<typeof localizePresentation>> {
    return localizePresentation(await this.deps.verifier.verifyPresentation(input, options), lang);
  }
}

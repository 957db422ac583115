import type { Config } from '../config.js';
import type { Language } from '../domain/localized.js';
import { PROBLEM_TITLES, VERDICT_LABELS } from '../verify/messages.js';
import type { StepProblem, VerificationResult } from '../verify/result.js';
import type { Verifier, VerifyOptions } from '../verify/verifier.js';
import type { RateLimiter } from './rate-limit.js';

export type { VerifyOptions } from '../verify/verifier.js';
export { readChecks } from '../verify/result.js';

/** A verification result with its verdict label and problem titles in the caller's language. */
export type LocalizedResult = VerificationResult & { language: Language; verdictLabel: string };

function title(p: StepProblem, lang: Language): StepProblem {
  const t = PROBLEM_TITLES[p.code]?.[lang];
  return t ? { ...p, title: t } : p;
}

/** Localizes a verification result's labels and titles. */
export function localizeResult(result: VerificationResult, lang: Language): LocalizedResult {
  return {
    ...result,
    language: lang,
    verdictLabel: VERDICT_LABELS[result.verdict][lang],
    errors: result.errors.map((p) => title(p, lang)),
    warnings: result.warnings.map((p) => title(p, lang)),
    steps: result.steps.map((s) => (s.problem ? { ...s, problem: title(s.problem, lang) } : s)),
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

  /** Verifies a presentation's proof and every credential in it. */
  verifyPresentation(input: unknown, options: VerifyOptions): ReturnType<Verifier['verifyPresentation']> {
    return this.deps.verifier.verifyPresentation(input, options);
  }
}

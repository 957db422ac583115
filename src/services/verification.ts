import type { Config } from '../config.js';
import type { Language } from '../domain/localized.js';
import { PROBLEM_TITLES, VERDICT_LABELS } from '../verify/messages.js';
import type { StepProblem, VerificationResult } from '../verify/result.js';
import type { JsonObject } from '../credentials/data-integrity.js';
import { SkillcredError } from '../errors.js';
import type { HolderOutcome, Verifier, VerifyOptions } from '../verify/verifier.js';
import type { HolderService } from './holder.js';
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
  constructor(private readonly deps: { verifier: Verifier; limiter: RateLimiter; config: Pick<Config, 'anonymousRequestsPerMinute'>; holder: Pick<HolderService, 'check'> }) {}

  /** Admits one anonymous request from `client` (verification, lookup): 429 past the per-address limit. */
  async admit(client: string): Promise<void> {
    await this.deps.limiter.take(`anon:${client}`, this.deps.config.anonymousRequestsPerMinute, 1, 60, 'anonymous requests');
  }

  /**
   * Verifies one credential in any form the verifier reads (object, JWT, QR payload or link, JSON
   * text). A holder number is compared here, online, under the guessing limits: past the limit
   * for this certificate (or this client) the whole call answers 429 with Retry-After.
   */
  async verifyCredential(input: unknown, options: VerifyOptions, lang: Language, client = 'unknown'): Promise<LocalizedResult> {
    const { holderCheck, rethrow } = this.holderCheck(options.holderIdNumber, client);
    const result = await this.deps.verifier.verifyCredential(input, { ...options, ...(holderCheck ? { holderCheck } : {}) });
    rethrow();
    return localizeResult(result, lang);
  }

  /** The online holder check for one call, and a way to let its 429 out after the verifier ran. */
  private holderCheck(idNumber: string | undefined, client: string) {
    let limited: unknown;
    const holderCheck = idNumber === undefined ? undefined : async (credential: JsonObject): Promise<HolderOutcome> => {
      try {
        return await this.deps.holder.check(credential, idNumber, client);
      } catch (error) {
        if (!(error instanceof SkillcredError && error.code === 'RATE_LIMITED')) throw error;
        limited = error;
        return { result: 'unavailable', detail: error.message };
      }
    };
    return {
      holderCheck,
      rethrow: () => {
        if (limited) throw limited;
      },
    };
  }

  /** Verifies a presentation's proof and every credential in it. */
  async verifyPresentation(input: unknown, options: VerifyOptions, client = 'unknown'): ReturnType<Verifier['verifyPresentation']> {
    const { holderCheck, rethrow } = this.holderCheck(options.holderIdNumber, client);
    const result = await this.deps.verifier.verifyPresentation(input, { ...options, ...(holderCheck ? { holderCheck } : {}) });
    rethrow();
    return result;
  }
}

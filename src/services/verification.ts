import type { Config } from '../config.js';
import type { Language } from '../domain/localized.js';
import { problemText, VERDICT_LABELS } from '../verify/messages.js';
import type { StepProblem, VerificationResult } from '../verify/result.js';
import type { JsonObject } from '../credentials/data-integrity.js';
import { SkillcredError } from '../errors.js';
import type { Verifier } from '../verify/verifier.js';
import type { HolderOutcome, VerifyOptions } from '../verify/verify-options.js';
import type { HolderService } from './holder.js';
import type { RateLimiter } from './rate-limit.js';

export type { VerifyOptions } from '../verify/verify-options.js';
export { readChecks } from '../verify/result.js';

/** A verification result with its verdict label and every problem's title and detail in the caller's language. */
export type LocalizedResult = VerificationResult & { language: Language; verdictLabel: string };

/** A problem worded in `lang` from its code and params (as it is, for a code the catalogue lacks). */
function localize(p: StepProblem, lang: Language): StepProblem {
  const text = problemText(p.code, p.params ?? {}, lang);
  return text ? { ...p, ...text } : p;
}

/** Words a verification result in `lang`: verdict label, problem titles and details. */
function localizeResult(result: VerificationResult, lang: Language): LocalizedResult {
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
  constructor(
    private readonly deps: {
      verifier: Verifier;
      limiter: RateLimiter;
      config: Pick<Config, 'anonymousRequestsPerMinute'>;
      holder: Pick<HolderService, 'check'>;
    },
  ) {}

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
    const holderCheck =
      idNumber === undefined
        ? undefined
        : async (credential: JsonObject): Promise<HolderOutcome> => {
            try {
              return await this.deps.holder.check(credential, idNumber, client);
            } catch (error) {
              if (!(error instanceof SkillcredError && error.code === 'RATE_LIMITED')) throw error;
              limited = error;
              return { result: 'unavailable', why: 'limited' };
            }
          };
    return {
      holderCheck,
      rethrow: () => {
        if (limited) throw limited;
      },
    };
  }

  /** Verifies a presentation's proof and every credential in it, in the caller's language. */
  async verifyPresentation(
    input: unknown,
    options: VerifyOptions,
    lang: Language = 'en',
    client = 'unknown',
  ): Promise<ReturnType<typeof localizePresentation>> {
    const { holderCheck, rethrow } = this.holderCheck(options.holderIdNumber, client);
    const result = await this.deps.verifier.verifyPresentation(input, { ...options, ...(holderCheck ? { holderCheck } : {}) });
    rethrow();
    return localizePresentation(result, lang);
  }
}

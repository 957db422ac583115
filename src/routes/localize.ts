import { PROBLEM_TITLES, VERDICT_LABELS, preferredLanguage, type Language } from '../verify/messages.js';
import type { StepProblem, VerificationResult } from '../verify/result.js';

export { preferredLanguage };

function title(p: StepProblem, lang: Language): StepProblem {
  const t = PROBLEM_TITLES[p.code]?.[lang];
  return t ? { ...p, title: t } : p;
}

/** A verification result with its verdict label and problem titles in the caller's language. */
export function localizeResult(result: VerificationResult, lang: Language): VerificationResult & { language: Language; verdictLabel: string } {
  return {
    ...result,
    language: lang,
    verdictLabel: VERDICT_LABELS[result.verdict][lang],
    errors: result.errors.map((p) => title(p, lang)),
    warnings: result.warnings.map((p) => title(p, lang)),
    steps: result.steps.map((s) => (s.problem ? { ...s, problem: title(s.problem, lang) } : s)),
  };
}

// The one catalogue of verification messages: verdict labels and, for every problem code, a
// title and a detail template in zh-Hans, zh-Hant (Hong Kong usage) and English. Problems carry
// their code and params; the English text of a result is rendered from here at construction,
// and the API (Accept-Language) and the verify page render the other languages from the same.
import { fill, type Language, type Params, type Text } from '../i18n/format.js';
import { TERMS } from '../i18n/terms.js';
import { READ_MESSAGES, type ProblemMessage } from './catalogue-read.js';
import { GUARD_MESSAGES } from './catalogue-guard.js';
import { JUDGE_MESSAGES } from './catalogue-judge.js';
import type { Verdict } from './result.js';

export type { Language } from '../i18n/format.js';

/** The verdict an employer reads, in three languages. */
export const VERDICT_LABELS: Record<Verdict, Text> = {
  valid: { 'zh-Hans': '证书有效', 'zh-Hant': '證書有效', en: 'Valid certificate' },
  revoked: { 'zh-Hans': '证书已撤销', 'zh-Hant': '證書已撤銷', en: 'Revoked' },
  suspended: { 'zh-Hans': '证书已暂停', 'zh-Hant': '證書已暫停', en: 'Suspended' },
  expired: { 'zh-Hans': '证书已过期', 'zh-Hant': '證書已過期', en: 'Expired' },
  'not-yet-valid': { 'zh-Hans': '证书尚未生效', 'zh-Hant': '證書尚未生效', en: 'Not yet valid' },
  'untrusted-issuer': { 'zh-Hans': '发证机构不可信', 'zh-Hant': '發證機構不可信', en: 'Untrusted issuer' },
  tampered: { 'zh-Hans': '证书被篡改', 'zh-Hant': '證書被篡改', en: 'Tampered' },
  unreadable: { 'zh-Hans': '无法读取', 'zh-Hant': '無法讀取', en: 'Unreadable' },
  unsupported: { 'zh-Hans': '无法核验签名', 'zh-Hant': '無法核實數碼簽署', en: 'Signature cannot be checked' },
  'status-unknown': { 'zh-Hans': '无法确认状态', 'zh-Hant': '無法確認狀態', en: 'Status cannot be confirmed' },
  'holder-mismatch': { 'zh-Hans': '持证人不符', 'zh-Hant': '持證人不符', en: 'Not this holder' },
};

/** Every problem code's title and detail templates. */
export const PROBLEM_MESSAGES = { ...READ_MESSAGES, ...JUDGE_MESSAGES, ...GUARD_MESSAGES } satisfies Record<string, ProblemMessage>;

/** A problem code the catalogue knows. */
export type ProblemCode = keyof typeof PROBLEM_MESSAGES;

/** True for a code the catalogue knows (codes from other modules arrive as plain strings). */
export function isProblemCode(code: string): code is ProblemCode {
  return Object.hasOwn(PROBLEM_MESSAGES, code);
}

/** Title and detail of a problem in `lang`, values formatted for it; undefined for an unknown code. */
export function problemText(code: string, params: Params, lang: Language): { title: string; detail: string } | undefined {
  if (!isProblemCode(code)) return undefined;
  const m = PROBLEM_MESSAGES[code];
  return { title: m.title[lang], detail: fill(m.detail[lang], params, lang, TERMS) };
}

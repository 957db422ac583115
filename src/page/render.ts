// Drawing a verification result: the one verdict, the certificate's details, the steps.
// Data from a credential only ever goes into textContent, never into markup.
import { GRADE_NAMES, rungOf, type PrintedGrade } from '../domain/ladder.js';
import { findOccupation, type ClassificationVersion } from '../domain/occupations.js';
import { formatDate } from '../i18n/format.js';
import { problemText } from '../verify/messages.js';
import type { Localized, StepProblem, StepResult, Summary, VerificationResult, Verdict } from '../verify/result.js';
import { explainKey, reasonProblem } from './explain.js';
import { t, type Lang, type TextKey } from './i18n.js';

/** How the shown result was obtained (the "how this was checked" disclosure). */
export type How =
  | { mode: 'browser'; ed25519: 'webcrypto' | 'noble'; trustList: string | null }
  | { mode: 'server'; reason: 'id-link' | 'foreign' | 'no-crypto' | 'engine-failed' | 'requested'; vars?: Record<string, string> }
  | { mode: 'server'; reason: 'lookup' };

const ICONS: Record<string, string> = {
  check: '<path d="M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z"/>',
  cross: '<path d="M19 6.4 17.6 5 12 10.6 6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6z"/>',
  pause: '<path d="M7 5h4v14H7zm6 0h4v14h-4z"/>',
  clock: '<path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16zm.5-13H11v6l5.2 3.2.8-1.3-4.5-2.7z"/>',
  warning: '<path d="M1 21h22L12 2 1 21zm12-3h-2v-2h2v2zm0-4h-2v-4h2v4z"/>',
  question:
    '<path d="M11 18h2v-2h-2v2zm1-16a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16zm0-14a4 4 0 0 0-4 4h2a2 2 0 1 1 4 0c0 2-3 1.75-3 5h2c0-2.25 3-2.5 3-5a4 4 0 0 0-4-4z"/>',
};

/** Colour family and icon of each verdict: colour is never the only signal (icon + words too). */
const VERDICT_STYLE: Record<Verdict, { tone: 'good' | 'bad' | 'warn' | 'unknown'; icon: keyof typeof ICONS }> = {
  valid: { tone: 'good', icon: 'check' },
  revoked: { tone: 'bad', icon: 'cross' },
  suspended: { tone: 'warn', icon: 'pause' },
  expired: { tone: 'warn', icon: 'clock' },
  'not-yet-valid': { tone: 'warn', icon: 'clock' },
  'untrusted-issuer': { tone: 'bad', icon: 'warning' },
  tampered: { tone: 'bad', icon: 'cross' },
  unreadable: { tone: 'unknown', icon: 'question' },
  unsupported: { tone: 'unknown', icon: 'question' },
  'status-unknown': { tone: 'warn', icon: 'question' },
  'holder-mismatch': { tone: 'bad', icon: 'cross' },
};

/** An inline SVG icon (constant markup of ours). */
function icon(name: keyof typeof ICONS): string {
  return `<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false" fill="currentColor">${ICONS[name]}</svg>`;
}

function pick(text: Localized | undefined, lang: Lang): string | undefined {
  return text?.[lang] ?? text?.['zh-Hans'] ?? text?.en ?? text?.['zh-Hant'];
}

/** A detail row: its label, its text, and an id or code that must never break across lines. */
interface DetailRow {
  key: TextKey;
  text: string;
  token?: string;
}

const day = (iso: string | undefined, lang: Lang): string | undefined => (iso && !Number.isNaN(Date.parse(iso)) ? formatDate(iso, lang) : undefined);

/** The detail rows shown under the verdict, in display order; empty values are left out. */
function detailRows(summary: Summary, lang: Lang): DetailRow[] {
  const rows: (DetailRow | { key: TextKey; text: string | undefined; token?: string })[] = [];
  const kind = summary.certificateKind;
  const kindKey = `kind.${kind}` as TextKey;
  rows.push({ key: 'field.holder', text: summary.holderName });
  rows.push({
    key: 'field.certificate',
    text: pick(summary.certificateName, lang) ?? (kind && ['skill-level', 'specialized-ability', 'enterprise'].includes(kind) ? t(lang, kindKey) : kind),
  });
  const occ = summary.occupation;
  if (occ) {
    const known = occ.code ? findOccupation(occ.code, (occ.classificationVersion ?? '2022') as ClassificationVersion) : undefined;
    const name = known ? known.names[lang] : occ.name;
    rows.push({ key: 'field.occupation', text: name ?? '', ...(occ.code ? { token: `(${occ.code})` } : {}) });
    rows.push({ key: 'field.workType', text: occ.workType });
  }
  if (kind === 'skill-level' && summary.level) {
    const grade = summary.level.grade ? (GRADE_NAMES[summary.level.grade as PrintedGrade]?.[lang] ?? summary.level.grade) : undefined;
    const rank = summary.level.rank !== undefined ? rungOf(summary.level.rank)?.names[lang] : undefined;
    rows.push({ key: 'field.level', text: [grade, rank].filter(Boolean).join(' · ') || undefined });
  } else {
    rows.push({ key: 'field.qualification', text: pick(summary.achievementName, lang) });
  }
  if (summary.certificateNumber) rows.push({ key: 'field.number', text: '', token: summary.certificateNumber });
  const issuer = summary.issuer;
  const issuerName = pick(issuer?.name, lang);
  rows.push({ key: 'field.issuer', text: issuerName ?? issuer?.id, ...(issuerName && issuer?.filingCode ? { token: `(${issuer.filingCode})` } : {}) });
  // The issue date is when it was signed; the validity period is shown only where it says more.
  const issued = day(summary.issuedAt, lang);
  const from = day(summary.validFrom, lang);
  rows.push({ key: 'field.issuedOn', text: issued });
  if (from && from !== issued) rows.push({ key: 'field.validFrom', text: from });
  if (issued || from) rows.push({ key: 'field.validUntil', text: day(summary.validUntil, lang) ?? t(lang, 'field.noExpiry') });
  return rows.filter((r): r is DetailRow => (typeof r.text === 'string' && r.text.length > 0) || r.token !== undefined);
}

/** A problem's title and detail in `lang`, from its code and values (as sent, for a code of another service). */
function problemWords(problem: StepProblem, lang: Lang): { title: string; detail: string } {
  return (
    problemText(problem.code, problem.params ?? {}, lang) ??
    (/^http-\d+$/.test(problem.code) ? { title: '', detail: t(lang, 'serverProblem', { status: problem.code.slice(5) }) } : problem)
  );
}

/** Fills the verdict card: the word, what it means, and the reason behind it (with its values). */
export function renderVerdict(el: HTMLElement, result: VerificationResult, lang: Lang): void {
  const { verdict } = result;
  const style = VERDICT_STYLE[verdict];
  el.dataset.verdict = verdict;
  el.dataset.tone = style.tone;
  el.querySelector('.icon')!.innerHTML = icon(style.icon);
  el.querySelector('.word')!.textContent = t(lang, `verdict.${verdict}` as TextKey);
  el.querySelector('.explain')!.textContent = t(lang, explainKey(result));
  const problem = reasonProblem(result);
  const reason = el.querySelector<HTMLElement>('.reason')!;
  reason.textContent = problem ? problemWords(problem, lang).detail : '';
  reason.hidden = !problem;
  if (problem) reason.dataset.code = problem.code;
}

/** Fills the details list. */
export function renderDetails(dl: HTMLElement, summary: Summary, lang: Lang): void {
  dl.replaceChildren();
  for (const { key, text, token } of detailRows(summary, lang)) {
    const row = document.createElement('div');
    const dt = document.createElement('dt');
    const dd = document.createElement('dd');
    dt.textContent = t(lang, key);
    dd.textContent = token && text ? `${text} ` : text;
    // Certificate numbers and codes are read and typed character by character: never split them.
    if (token) {
      const span = document.createElement('span');
      span.className = key === 'field.number' ? 'token mono' : 'token';
      span.textContent = token;
      dd.append(span);
    }
    if (key === 'field.holder') dd.className = 'holder-name';
    row.dataset.field = key.slice('field.'.length);
    row.append(dt, dd);
    dl.append(row);
  }
}

/** Fills the "how this was checked" text and the step list. */
export function renderHow(text: HTMLElement, list: HTMLElement, how: How, steps: StepResult[], lang: Lang): void {
  if (how.mode === 'browser') {
    const signatureChecked = steps.some((s) => s.id === 'proof' && !s.skipped);
    text.textContent = signatureChecked
      ? t(lang, how.ed25519 === 'noble' ? 'how.browser-noble' : 'how.browser', { list: how.trustList ?? '' })
      : t(lang, 'how.browser-early');
  } else if (how.reason === 'lookup') {
    text.textContent = t(lang, 'how.lookup');
  } else {
    text.textContent = t(lang, 'how.server', { reason: t(lang, `reason.${how.reason}` as TextKey, how.vars ?? {}) });
  }
  text.dataset.mode = how.mode;
  list.replaceChildren();
  for (const step of steps) {
    const li = document.createElement('li');
    const state = step.skipped ? 'skipped' : step.valid ? 'ok' : 'failed';
    li.dataset.state = state;
    const mark = document.createElement('span');
    mark.className = 'mark';
    mark.innerHTML = icon(state === 'ok' ? 'check' : state === 'failed' ? 'cross' : 'question');
    const name = document.createElement('span');
    name.textContent = `${t(lang, `step.${step.id}` as TextKey)}: ${t(lang, `stepState.${state}` as TextKey)}`;
    li.append(mark, name);
    if (step.problem && !step.skipped) {
      const words = problemWords(step.problem, lang);
      const detail = document.createElement('p');
      detail.className = 'step-detail';
      detail.dataset.code = step.problem.code;
      detail.textContent = words.title ? `${words.title}${lang === 'en' ? ': ' : '：'}${words.detail}` : words.detail;
      li.append(detail);
    }
    list.append(li);
  }
}

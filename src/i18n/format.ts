// Filling message templates in the three languages the service speaks. One formatter for the
// API, the verify page (a browser bundle) and the printed certificate, so a date reads the same
// everywhere: China Standard Time, as certificates are dated, with no dependence on the ICU data
// of the runtime (workerd, Node and browsers differ in what Intl prints).
import type { Language } from '../domain/localized.js';

export type { Language } from '../domain/localized.js';

/** The three languages, in the order every catalogue lists them. */
export const LANGUAGES: readonly Language[] = ['zh-Hans', 'zh-Hant', 'en'];

/** One text in each language. */
export type Text = Record<Language, string>;

/** The values a message carries: stable, language-independent (ISO dates, codes, ids, numbers). */
export type Params = Record<string, string | number>;

/** A value formatter named in a placeholder (`{until:date}`). */
export type Formatter = (value: string, lang: Language) => string;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const CST_MS = 8 * 3600_000; // UTC+8, no daylight saving

function cst(iso: string): Date | null {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : new Date(ms + CST_MS);
}

/** The calendar day of an ISO date-time in China Standard Time: 2026年7月1日 / 1 July 2026. */
export function formatDate(iso: string, lang: Language): string {
  const d = cst(iso);
  if (!d) return iso;
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
  return lang === 'en' ? `${day} ${MONTHS[m]} ${y}` : `${y}年${m + 1}月${day}日`;
}

/** Day and minute in China Standard Time, saying so: 2026年7月1日 08:00（北京时间）. */
export function formatDateTime(iso: string, lang: Language): string {
  const d = cst(iso);
  if (!d) return iso;
  const hm = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  const day = formatDate(iso, lang);
  if (lang === 'en') return `${day}, ${hm} Beijing time`;
  return `${day} ${hm}（${lang === 'zh-Hant' ? '北京時間' : '北京时间'}）`;
}

const BASE_FORMATTERS: Record<string, Formatter> = {
  date: formatDate,
  datetime: formatDateTime,
};

/**
 * Fills `{name}` and `{name:format}` placeholders. A missing value prints as an em dash rather
 * than a bare placeholder; an unknown formatter leaves the value as it is.
 */
export function fill(template: string, params: Params, lang: Language, formatters: Record<string, Formatter> = {}): string {
  return template.replace(/\{(\w+)(?::(\w+))?\}/g, (_, name: string, format: string | undefined) => {
    const raw = params[name];
    if (raw === undefined || raw === '') return '—';
    const value = String(raw);
    const f = format ? (formatters[format] ?? BASE_FORMATTERS[format]) : undefined;
    return f ? f(value, lang) : value;
  });
}

/** The placeholder names a template uses (for the catalogue tests). */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)(?::\w+)?\}/g)].map((m) => m[1]!);
}

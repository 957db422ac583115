// Every text of the verify page in the three languages the service speaks (one file each).
import { en } from './i18n-en.js';
import { zhHans, type Strings } from './i18n-zh-hans.js';
import { zhHant } from './i18n-zh-hant.js';

export const LANGS = ['zh-Hans', 'zh-Hant', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** The language names shown on the switch, each in its own language. */
export const LANG_NAMES: Record<Lang, string> = { 'zh-Hans': '简体中文', 'zh-Hant': '繁體中文', en: 'English' };

export type TextKey = keyof Strings;

const STRINGS: Record<Lang, Strings> = { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en };

/**
 * The page language from the browser's preferences: Traditional Chinese for zh-Hant and the
 * regions that write it (Hong Kong, Macao, Taiwan), Simplified for other Chinese, else English.
 */
export function pickLang(preferred: readonly string[]): Lang {
  for (const raw of preferred) {
    const tag = raw.toLowerCase();
    if (!tag.startsWith('zh') && !tag.startsWith('en')) continue;
    if (tag.startsWith('en')) return 'en';
    if (/^zh-(hant|hk|mo|tw)\b/.test(tag)) return 'zh-Hant';
    return 'zh-Hans';
  }
  return 'en';
}

/** The text of `key` in `lang`, with `{name}` placeholders filled. */
export function t(lang: Lang, key: TextKey, vars: Record<string, string> = {}): string {
  return STRINGS[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? '');
}

/** Every key, for the test that every language has every text. */
export function textKeys(): TextKey[] {
  return Object.keys(zhHans) as TextKey[];
}

/** The languages the service speaks: mainland Simplified, Hong Kong / Macau Traditional, English. */
export type Language = 'zh-Hans' | 'zh-Hant' | 'en';

/** Names in the three languages the service speaks; zh-Hans is always present. */
export interface LocalizedNames {
  'zh-Hans': string;
  'zh-Hant'?: string;
  en?: string;
}

/** A text as an API client may give it: Simplified Chinese alone, or up to three languages. */
export type LocalizedInput = string | LocalizedNames;

/** Normalises a localized input to a names record. */
export function toNames(input: LocalizedInput): LocalizedNames {
  return typeof input === 'string' ? { 'zh-Hans': input } : { ...input };
}

/** Joins localized parts with a separator, language by language, where every part has it. */
export function joinNames(parts: LocalizedNames[], sep: { 'zh-Hans': string; 'zh-Hant': string; en: string }): LocalizedNames {
  const out: LocalizedNames = { 'zh-Hans': parts.map((p) => p['zh-Hans']).join(sep['zh-Hans']) };
  if (parts.every((p) => p['zh-Hant'])) out['zh-Hant'] = parts.map((p) => p['zh-Hant']).join(sep['zh-Hant']);
  if (parts.every((p) => p.en)) out.en = parts.map((p) => p.en).join(sep.en);
  return out;
}

/** The language a request prefers by its Accept-Language header (zh-HK/TW/MO read Traditional). */
export function preferredLanguage(header: string | undefined | null): Language {
  if (!header) return 'en';
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { tag: (tag ?? '').toLowerCase(), q: q ? Number(q) : 1, i };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (/^zh-(hant|hk|tw|mo)/.test(tag)) return 'zh-Hant';
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-Hans';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}

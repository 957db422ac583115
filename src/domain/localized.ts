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

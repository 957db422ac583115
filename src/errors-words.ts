// Problems worded in the caller's language: the API and field catalogues' English and Chinese
// together. Only the HTTP layer (and the catalogue tests) import this: code that merely throws
// carries the English alone.
import { apiEnglish } from './errors-catalogue.js';
import { fieldEnglish } from './errors-fields.js';
import { API_MESSAGES_ZH, NOT_ACCREDITED_PREFIX_ZH, type Zh } from './errors-zh-api.js';
import { FIELD_MESSAGES_ZH } from './errors-zh-fields.js';
import { answered, summary, type FieldError, type Problem, type SkillcredError } from './errors.js';
import { fill, type Formatter, type Language, type Params, type Text } from './i18n/format.js';
import { TERMS } from './i18n/terms.js';
import { TRUST_DETAILS } from './i18n/trust.js';

/** A field message in `lang`; undefined for a key the catalogue lacks. */
export function fieldText(key: string, params: Params, lang: Language): string | undefined {
  if (lang === 'en') return fieldEnglish(key, params);
  const template = (FIELD_MESSAGES_ZH as Record<string, Zh>)[key]?.[lang];
  return template === undefined ? undefined : fill(template, params, lang, TERMS);
}

const FORMATTERS: Record<string, Formatter> = { ...TERMS, field: (key, lang) => fieldText(key, {}, lang) ?? key };

/** An API message in `lang`; undefined for a key the catalogue lacks. */
export function apiText(key: string, params: Params, lang: Language): string | undefined {
  if (lang === 'en') return apiEnglish(key, params);
  let template: string | undefined = (API_MESSAGES_ZH as Record<string, Zh>)[key]?.[lang];
  if (template === undefined && key.startsWith('not-accredited.')) {
    const reason = (TRUST_DETAILS as Record<string, Text>)[key.slice('not-accredited.'.length)]?.[lang];
    if (reason !== undefined) template = NOT_ACCREDITED_PREFIX_ZH[lang] + reason.replace(/。$/, '');
  }
  return template === undefined ? undefined : fill(template, params, lang, FORMATTERS);
}

/** A field error worded in `lang` (as it was given when it has no message key). */
function localField(f: FieldError, lang: Language): FieldError {
  const detail = f.code ? fieldText(f.code, f.params ?? {}, lang) : undefined;
  return detail === undefined ? f : { ...f, detail };
}

/** The RFC 9457 problem document of an error, its title, detail and field details in `lang`. */
export function problemIn(error: SkillcredError, instance: string | undefined, lang: Language): Problem {
  const problem = error.toProblem(instance);
  if (lang === 'en') return problem;
  const errors = error.errors?.map((f) => localField(f, lang));
  const w = error.wording;
  const detail = !w ? error.message : 'fields' in w ? summary(errors ?? [], w.fields) : (apiText(w.key, w.params ?? {}, lang) ?? error.message);
  return { ...problem, title: error.titleIn(lang), detail, ...(errors ? { errors: errors.map(answered) } : {}) };
}

// The message catalogues: every template in every language, values filled, dates in China
// Standard Time, Hong Kong usage in Traditional Chinese, and no English-only problem left in src.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_MESSAGES as API_EN } from '../../src/errors-catalogue.js';
import { FIELD_MESSAGES as FIELD_EN } from '../../src/errors-fields.js';
import { apiText, fieldText } from '../../src/errors-words.js';
import { API_MESSAGES_ZH } from '../../src/errors-zh-api.js';
import { FIELD_MESSAGES_ZH } from '../../src/errors-zh-fields.js';
import { fill, formatDate, formatDateTime, LANGUAGES, placeholders, type Text } from '../../src/i18n/format.js';
import { TERMS } from '../../src/i18n/terms.js';
import { TRUST_DETAILS } from '../../src/i18n/trust.js';
import { PROBLEM_MESSAGES, problemText, VERDICT_LABELS } from '../../src/verify/messages.js';
import { ROOT } from '../helpers/node-process.js';
import { TAIWAN_TERMS } from '../helpers/words.js';

/** The API and field catalogues as one text per key in all three languages. */
const joined = (en: Record<string, string>, zh: Record<string, { 'zh-Hans': string; 'zh-Hant': string }>): Record<string, Text> =>
  Object.fromEntries(Object.keys({ ...en, ...zh }).map((key) => [key, { ...zh[key]!, en: en[key]! }]));
const API_MESSAGES = joined(API_EN, API_MESSAGES_ZH);
const FIELD_MESSAGES = joined(FIELD_EN, FIELD_MESSAGES_ZH);

/** Every text of a catalogue, by language, with where it comes from. */
function texts(catalogue: Record<string, Text | { title: Text; detail: Text }>): { where: string; lang: string; text: string }[] {
  const out: { where: string; lang: string; text: string }[] = [];
  for (const [key, entry] of Object.entries(catalogue)) {
    const parts: [string, Text][] =
      'title' in entry
        ? [
            ['title', entry.title],
            ['detail', entry.detail],
          ]
        : [['', entry as Text]];
    for (const [part, text] of parts) for (const lang of LANGUAGES) out.push({ where: `${key}${part ? `.${part}` : ''}`, lang, text: text[lang] });
  }
  return out;
}

const ALL = [...texts(PROBLEM_MESSAGES), ...texts(VERDICT_LABELS), ...texts(API_MESSAGES), ...texts(FIELD_MESSAGES), ...texts(TRUST_DETAILS)];

/** A value for every placeholder name any template uses. */
const SAMPLE: Record<string, string | number> = new Proxy({} as Record<string, string | number>, {
  get: (_, name: string) =>
    /At$|^(until|from|at)$/.test(name)
      ? '2026-07-01T00:30:00Z'
      : name === 'rank' || name === 'start' || name === 'gradeRank'
        ? 4
        : name === 'kind'
          ? 'skill-level'
          : name === 'exitReason'
            ? 'misconduct'
            : name === 'occupation'
              ? '4-04-05-05'
              : `v-${name}`,
});

describe('the message catalogues', () => {
  it('have every text in zh-Hans, zh-Hant and English, none empty', () => {
    expect(ALL.length).toBeGreaterThan(400);
    for (const { where, lang, text } of ALL) expect(text?.trim().length, `${where} ${lang}`).toBeGreaterThan(0);
  });

  it('use in Chinese only values the English template also shows (a Chinese text may leave out {reason})', () => {
    const catalogues = { ...PROBLEM_MESSAGES } as Record<string, { title: Text; detail: Text }>;
    const flat: Record<string, Text> = { ...API_MESSAGES, ...FIELD_MESSAGES, ...TRUST_DETAILS };
    for (const [k, m] of Object.entries(catalogues)) flat[k] = m.detail;
    for (const [key, text] of Object.entries(flat)) {
      const en = new Set(placeholders(text.en));
      for (const lang of ['zh-Hans', 'zh-Hant'] as const) {
        for (const name of placeholders(text[lang])) expect(en.has(name), `${key} ${lang} {${name}}`).toBe(true);
        // and both Chinese texts show the same values
        expect(new Set(placeholders(text[lang])), `${key} ${lang}`).toEqual(new Set(placeholders(text['zh-Hans'])));
      }
      for (const f of [...text.en.matchAll(/\{\w+:(\w+)\}/g)].map((m) => m[1]!))
        expect(['date', 'datetime', 'field', ...Object.keys(TERMS)], `${key}: formatter ${f}`).toContain(f);
    }
  });

  it('render every problem and message with its values in every language, leaving no placeholder', () => {
    for (const lang of LANGUAGES) {
      for (const code of Object.keys(PROBLEM_MESSAGES)) {
        const text = problemText(code, SAMPLE, lang)!;
        expect(`${text.title} ${text.detail}`, `${code} ${lang}`).not.toMatch(/[{}]|undefined/);
      }
      for (const key of Object.keys(API_MESSAGES)) expect(apiText(key, SAMPLE, lang), `${key} ${lang}`).not.toMatch(/[{}]|undefined/);
      for (const key of Object.keys(TRUST_DETAILS)) expect(apiText(`not-accredited.${key}`, SAMPLE, lang), key).not.toMatch(/[{}]|undefined/);
      for (const key of Object.keys(FIELD_MESSAGES)) expect(fieldText(key, SAMPLE, lang), `${key} ${lang}`).not.toMatch(/\{\w+(:\w+)?\}|undefined/);
    }
  });

  it('write Traditional Chinese as Hong Kong does (數碼簽署, 密碼匙, 伺服器, 資料, 網上), not Taiwan’s terms', () => {
    for (const { where, lang, text } of ALL) if (lang === 'zh-Hant') expect(text, where).not.toMatch(TAIWAN_TERMS);
    expect(problemText('bad-signature', {}, 'zh-Hant')!.detail).toContain('數碼簽署');
    expect(problemText('unresolvable-key', { key: 'k' }, 'zh-Hant')!.title).toContain('密碼匙');
  });

  it('write Simplified Chinese in Simplified characters', () => {
    for (const { where, lang, text } of ALL) if (lang === 'zh-Hans') expect(text, where).not.toMatch(/[證書簽發機構與無錯誤資料數碼說個為這請]/);
  });
});

describe('values in the messages', () => {
  it('dates are the calendar day in China Standard Time, written per language', () => {
    // 16:30 UTC on 31 December is already 1 January in Beijing
    expect(formatDate('2025-12-31T16:30:00Z', 'zh-Hans')).toBe('2026年1月1日');
    expect(formatDate('2025-12-31T16:30:00Z', 'zh-Hant')).toBe('2026年1月1日');
    expect(formatDate('2025-12-31T16:30:00Z', 'en')).toBe('1 January 2026');
    expect(formatDateTime('2026-07-01T00:30:00Z', 'zh-Hans')).toBe('2026年7月1日 08:30（北京时间）');
    expect(formatDateTime('2026-07-01T00:30:00Z', 'zh-Hant')).toBe('2026年7月1日 08:30（北京時間）');
    expect(formatDateTime('2026-07-01T00:30:00Z', 'en')).toBe('1 July 2026, 08:30 Beijing time');
    expect(formatDate('not a date', 'en')).toBe('not a date');
  });

  it('terms name ranks, kinds, exit reasons and occupations in each language', () => {
    const exited = { exitedAt: '2026-07-01T00:00:00Z', exitReason: 'failed-review', at: '2026-08-01T00:00:00Z' };
    expect(problemText('untrusted-exited', exited, 'zh-Hans')!.detail).toBe(
      '发证机构已于 2026年7月1日退出其评价链（考核评估不合格）；此证书签发于 2026年8月1日 08:00（北京时间），在退出之后。',
    );
    expect(problemText('untrusted-exited', exited, 'zh-Hant')!.detail).toContain('考核評估不合格');
    expect(problemText('untrusted-exited', exited, 'en')!.detail).toBe(
      'the issuer left its chain on 1 July 2026 (failed review); this was signed on 1 August 2026, 08:00 Beijing time, after the exit',
    );
    expect(problemText('untrusted-rank', { rank: 6, occupation: '4-04-05-05' }, 'zh-Hans')!.detail).toContain('人工智能训练师（4-04-05-05）的高级技师');
    expect(problemText('untrusted-kind', { kind: 'enterprise' }, 'en')!.detail).toBe('the issuer is not accredited for enterprise certifications');
    expect(fill('{a:ranks}', { a: '2,3,4' }, 'zh-Hant', TERMS)).toBe('初級工、中級工、高級工');
    expect(fill('{a:principals}', { a: 'issuer,admin' }, 'en', TERMS)).toBe('an issuer key or the admin token');
    expect(fill('{missing}', {}, 'en')).toBe('—');
  });

  it('the trust step never words an accreditation problem as a forgery', () => {
    for (const code of [
      'untrusted-exited',
      'untrusted-kind',
      'untrusted-occupation',
      'untrusted-rank',
      'untrusted-outside-period',
      'untrusted-no-accreditation',
      'not-in-registry',
    ]) {
      for (const lang of LANGUAGES) expect(problemText(code, SAMPLE, lang)!.detail, `${code} ${lang}`).not.toMatch(/伪造|偽造|forg|tamper|篡改/i);
    }
  });
});

/** Files whose English-only problems no request reads: start-up, the command line, the store (being rewritten). */
const ENGLISH_ONLY_ALLOWED = [/^src\/cli\//, /^src\/config\.ts$/, /^src\/worker\.ts$/, /^src\/store\//];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('problems the API answers', () => {
  it('are made from a message key (or field errors), never from English text, outside start-up and the CLI', () => {
    const offenders: string[] = [];
    for (const path of sources(join(ROOT, 'src'))) {
      const file = relative(ROOT, path);
      if (ENGLISH_ONLY_ALLOWED.some((re) => re.test(file))) continue;
      readFileSync(path, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          // CONFIG problems are the operator's, at start-up (the Workers secret): English is theirs
          if (/new SkillcredError\('(?!CONFIG)\w+',\s*[`'"]/.test(line)) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders, 'word these with message(key, params) from src/errors-catalogue.ts').toEqual([]);
  });
});

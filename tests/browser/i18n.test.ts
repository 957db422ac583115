// The verify page's texts (plain Node: no browser needed).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGS, pickLang, t, textKeys, type TextKey } from '../../src/page/i18n.js';
import { STEP_IDS, type Verdict } from '../../src/verify/result.js';
import { ROOT } from '../helpers/node-process.js';

const VERDICTS: Verdict[] = [
  'valid',
  'revoked',
  'suspended',
  'expired',
  'not-yet-valid',
  'untrusted-issuer',
  'tampered',
  'unreadable',
  'status-unknown',
  'holder-mismatch',
];

describe('verify page texts', () => {
  it('has every text in zh-Hans, zh-Hant and en, and the three differ where the scripts differ', () => {
    for (const key of textKeys()) {
      for (const lang of LANGS) expect(t(lang, key).trim(), `${lang} ${key}`).not.toBe('');
    }
    for (const v of VERDICTS) {
      for (const kind of ['verdict', 'explain'] as const) {
        const key = `${kind}.${v}` as TextKey;
        expect(textKeys()).toContain(key);
        expect(t('en', key)).not.toBe(t('zh-Hans', key));
      }
    }
    for (const id of STEP_IDS) expect(textKeys()).toContain(`step.${id}`);
    expect(t('zh-Hant', 'subtitle')).not.toBe(t('zh-Hans', 'subtitle'));
  });

  it('fills placeholders', () => {
    expect(t('en', 'reason.foreign', { host: 'certs.example.hk' })).toContain('certs.example.hk');
  });

  it('picks the language from the browser: Traditional for Hong Kong, Macao and Taiwan, else Simplified, else English', () => {
    expect(pickLang(['zh-CN', 'en'])).toBe('zh-Hans');
    expect(pickLang(['zh'])).toBe('zh-Hans');
    expect(pickLang(['zh-Hans-HK'])).toBe('zh-Hans');
    expect(pickLang(['zh-HK'])).toBe('zh-Hant');
    expect(pickLang(['zh-MO'])).toBe('zh-Hant');
    expect(pickLang(['zh-TW'])).toBe('zh-Hant');
    expect(pickLang(['zh-Hant'])).toBe('zh-Hant');
    expect(pickLang(['fr-FR', 'en-GB', 'zh-CN'])).toBe('en');
    expect(pickLang(['fr-FR', 'zh-CN'])).toBe('zh-Hans');
    expect(pickLang(['ja-JP'])).toBe('en');
    expect(pickLang([])).toBe('en');
  });

  it('names every data-t key of the page in the texts', () => {
    const html = readFileSync(join(ROOT, 'public', 'verify.html'), 'utf8');
    const keys = [...html.matchAll(/data-t(?:-placeholder)?="([^"]+)"/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(10);
    for (const key of keys) expect(textKeys(), key).toContain(key);
  });
});

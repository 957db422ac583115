// What the landing page promises about ID numbers must be what the service does: a keyed binding
// compared online, not a salted hash compared on the verifier's device (the construction before
// issue 10).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the landing page on holder privacy', () => {
  for (const [lang, online, outdated] of [
    ['zh-Hans', /由本服务在线比对/, /加盐|本机比对/],
    ['zh-Hant', /由本服務在線比對/, /加鹽|本機比對/],
    ['en', /made online by this service/, /salted hash|own device/],
  ] as const) {
    it(`says in ${lang} that the holder check is made online, never that a salted hash is compared locally`, async () => {
      const html = await (await t.app.request(`/?lang=${lang}`)).text();
      expect(html).toMatch(online);
      expect(html).not.toMatch(outdated);
    });
  }
});

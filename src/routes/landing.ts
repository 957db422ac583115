import { Hono } from 'hono';
import { preferredLanguage, type Language } from '../domain/localized.js';
import { landingHtml } from '../views/landing-html.js';
import type { AppEnv } from './env.js';

const LANGS: readonly string[] = ['zh-Hans', 'zh-Hant', 'en'];

/** GET /: what this service is, in the visitor's language (`?lang=` from the switch, else Accept-Language). */
export function landingRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => {
    const asked = c.req.query('lang');
    const lang = (asked && LANGS.includes(asked) ? asked : preferredLanguage(c.req.header('accept-language'))) as Language;
    return c.body(landingHtml(lang), 200, {
      'content-type': 'text/html; charset=utf-8',
      'content-language': lang,
      vary: 'Accept-Language',
      'cache-control': 'no-cache',
      // Nothing from elsewhere, and no script at all: the page is text and links.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    });
  });
  return app;
}

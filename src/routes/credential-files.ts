import { Hono, type Context } from 'hono';
import { malformed, type SkillcredError } from '../errors.js';
import type { FieldKey } from '../errors-fields.js';
import type { CredentialFile } from '../services/credentials.js';
import { authenticate } from './auth.js';
import type { AppEnv } from './env.js';
import { pathId } from './http.js';

function bad(pointer: string, key: FieldKey): SkillcredError {
  return malformed(pointer, key, undefined, 400);
}

/** Public ids are cacheable by anyone (`maxAge` seconds); others are the issuer's business only. */
function send(c: Context<AppEnv>, file: CredentialFile, maxAge: number, extra: Record<string, string> = {}): Response {
  return c.body(typeof file.body === 'string' ? file.body : (file.body as Uint8Array<ArrayBuffer>), 200, {
    'content-type': file.contentType,
    ...(file.filename ? { 'content-disposition': `inline; filename="${file.filename}"` } : {}),
    'cache-control': !file.isPublic ? 'private, no-store' : maxAge > 0 ? `public, max-age=${maxAge}` : 'no-cache',
    'x-robots-tag': 'noindex',
    'referrer-policy': 'no-referrer',
    ...extra,
  });
}

/** GET /credentials/{id}/qr.svg, /qr.png and /certificate (no key for random urn:uuid ids). */
export function credentialFileRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/credentials/:id/*', authenticate('optional'));

  app.get('/credentials/:id/qr.svg', async (c) => send(c, await c.var.services.credentials.qr(c.var.principal, pathId(c, 2), 'svg'), 86_400));

  app.get('/credentials/:id/qr.png', async (c) => {
    const raw = c.req.query('scale');
    if (raw !== undefined && !/^([1-9]|[12]\d|3[0-2])$/.test(raw)) throw bad('query:scale', 'field.scale');
    return send(c, await c.var.services.credentials.qr(c.var.principal, pathId(c, 2), 'png', raw === undefined ? 8 : Number(raw)), 86_400);
  });

  app.get('/credentials/:id/certificate', async (c) => {
    const lang = c.req.query('lang') ?? 'zh-Hans';
    if (lang !== 'zh-Hans' && lang !== 'zh-Hant') throw bad('query:lang', 'field.print-script');
    const page = await c.var.services.credentials.certificatePage(c.var.principal, pathId(c, 2), lang);
    // Status can change at any time: the withdrawn banner must not be cached away.
    return send(c, page, 0, {
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    });
  });

  return app;
}

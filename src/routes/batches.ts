import { Hono, type Context } from 'hono';
import { preferredLanguage, type Language } from '../domain/localized.js';
import type { FieldKey } from '../errors-fields.js';
import { malformed, type SkillcredError } from '../errors.js';
import type { Params } from '../i18n/format.js';
import { authenticate } from './auth.js';
import type { AppEnv } from './env.js';
import { afterAnswer, csvBody, isCsv, json, jsonBody } from './http.js';

/** A 400 naming one query parameter (`query:<name>`). */
function badQuery(name: string, key: FieldKey, params: Params): SkillcredError {
  return malformed(`query:${name}`, key, params, 400);
}

/** A whole-number query parameter within bounds, or its default. */
function count(c: Context<AppEnv>, name: string, max: number): number | undefined {
  const raw = c.req.query(name);
  if (raw === undefined) return undefined;
  if (!/^\d{1,6}$/.test(raw) || Number(raw) > max) throw badQuery(name, 'field.whole-number', { max });
  return Number(raw);
}

function language(c: Context<AppEnv>): Language {
  return preferredLanguage(c.req.header('accept-language'));
}

function sheet(c: Context<AppEnv>, text: string, filename: string): Response {
  return c.body(text, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${filename}"`,
    'cache-control': 'private, no-store',
  });
}

const BATCH_PATH_INDEX = 3; // /v1/batches/:id

/** Exam-session batches: a sheet in (JSON or CSV), its status, results sheet and print run. */
export function batchRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/v1/batches/template.csv', (c) => {
    const lang = c.req.query('lang') ?? 'zh-Hans';
    if (lang !== 'zh-Hans' && lang !== 'zh-Hant' && lang !== 'en') throw badQuery('lang', 'field.enum', { values: 'zh-Hans, zh-Hant, en' });
    return sheet(c, c.var.services.batches.template(lang), `skillcred-batch-template-${lang}.csv`);
  });

  app.post('/v1/batches', authenticate(), async (c) => {
    const upload = isCsv(c) ? { source: 'csv' as const, text: await csvBody(c, 'batch') } : { source: 'json' as const, body: await jsonBody(c, 'batch') };
    const dryRun = c.req.query('dryRun');
    if (dryRun !== undefined && dryRun !== 'true' && dryRun !== 'false') throw badQuery('dryRun', 'field.enum', { values: 'true, false' });
    const issuer = c.req.query('issuer');
    const out = await c.var.services.batches.submit(c.var.principal, upload, {
      dryRun: dryRun === 'true',
      language: language(c),
      ...(issuer !== undefined ? { issuer } : {}),
      ...afterAnswer(c),
    });
    if (out.kind === 'dry-run') return json(c, out.report);
    if (out.replayed) c.header('idempotent-replayed', 'true');
    c.header('location', out.batch.links.self);
    return json(c, out.batch, 202);
  });

  app.get('/v1/batches/:id', authenticate(), async (c) => {
    const [offset, limit] = [count(c, 'offset', 5000), count(c, 'limit', 1000)];
    const id = c.req.path.split('/')[BATCH_PATH_INDEX] ?? '';
    const view = await c.var.services.batches.status(c.var.principal, id, {
      language: language(c),
      ...(offset !== undefined ? { offset } : {}),
      ...(limit !== undefined ? { limit } : {}),
      ...afterAnswer(c),
    });
    return json(c, view);
  });

  app.get('/v1/batches/:id/results.csv', authenticate(), async (c) => {
    const id = c.req.path.split('/')[BATCH_PATH_INDEX] ?? '';
    return sheet(c, await c.var.services.batches.results(c.var.principal, id, language(c)), `${id}-results.csv`);
  });

  app.get('/v1/batches/:id/print', authenticate(), async (c) => {
    const lang = c.req.query('lang') ?? 'zh-Hans';
    if (lang !== 'zh-Hans' && lang !== 'zh-Hant') throw badQuery('lang', 'field.enum', { values: 'zh-Hans, zh-Hant' });
    const [offset, limit] = [count(c, 'offset', 5000), count(c, 'limit', 5000)];
    const id = c.req.path.split('/')[BATCH_PATH_INDEX] ?? '';
    const html = await c.var.services.batches.print(c.var.principal, id, lang, {
      ...(offset !== undefined ? { offset } : {}),
      ...(limit !== undefined ? { limit } : {}),
    });
    return c.body(html, 200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'private, no-store',
      'x-robots-tag': 'noindex',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    });
  });

  return app;
}

import type { Context } from 'hono';
import { accepts } from 'hono/accepts';
import { preferredLanguage } from '../domain/localized.js';
import { message, SkillcredError, type Problem } from '../errors.js';
import { problemIn } from '../errors-words.js';
import { readCapped } from '../util/read-capped.js';
import type { AppEnv, BodyCap } from './env.js';

/** Answers with an RFC 9457 problem document, worded in the request's language (Accept-Language). */
export function problem(c: Context, error: SkillcredError): Response {
  const lang = preferredLanguage(c.req.header('accept-language'));
  const body: Problem = problemIn(error, c.req.path, lang);
  const headers: Record<string, string> = {
    'content-type': 'application/problem+json',
    'content-language': lang,
    vary: 'Accept-Language',
    ...(error.headers ?? {}),
  };
  return new Response(JSON.stringify(body), { status: error.status, headers });
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The body's bytes, at most the cap of its kind (413 past it, before reading more). */
async function cappedBytes(c: Context<AppEnv>, cap: BodyCap): Promise<Uint8Array> {
  const max = c.var.bodyCaps[cap];
  const tooLarge = (): never => {
    throw new SkillcredError('PAYLOAD_TOO_LARGE', message('body.too-large', { max }));
  };
  const declared = c.req.header('content-length');
  if (declared !== undefined && Number(declared) > max) tooLarge();
  const stream = c.req.raw.body;
  return stream ? readCapped(stream, max, tooLarge) : new Uint8Array();
}

/**
 * Reads a JSON request body, at most `cap` bytes (413 past it, without reading further: a
 * declared Content-Length over the cap is refused before any byte is read). 415 when it is not
 * declared JSON, 400 when it is not UTF-8 JSON.
 */
export async function jsonBody(c: Context<AppEnv>, cap: BodyCap = 'default'): Promise<unknown> {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (!/^application\/([a-z.+-]*\+)?json\b/.test(type)) {
    throw new SkillcredError('UNSUPPORTED_MEDIA_TYPE', type ? message('body.media-type', { got: JSON.stringify(type) }) : message('body.no-media-type'));
  }
  const bytes = await cappedBytes(c, cap);
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw new SkillcredError('MALFORMED_JSON', message('body.not-utf8'));
  }
  if (text.trim() === '') throw new SkillcredError('MALFORMED_JSON', message('body.empty'));
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new SkillcredError('MALFORMED_JSON', message('body.not-json', { reason: (error as Error).message }));
  }
}

/** True when the request declares a CSV body (text/csv). */
export function isCsv(c: Context<AppEnv>): boolean {
  return /^text\/csv\b/i.test(c.req.header('content-type') ?? '');
}

/**
 * Reads a CSV body (text/csv) as text, capped like a JSON body. UTF-8 only, with or without a BOM
 * (the BOM is left to the CSV reader): another declared charset, or bytes that are not UTF-8
 * (Excel's plain "CSV" on a Chinese Windows is GBK), are 415 with what to do instead.
 */
export async function csvBody(c: Context<AppEnv>, cap: BodyCap = 'default'): Promise<string> {
  const charset = /;\s*charset="?([^";\s]+)/i.exec(c.req.header('content-type') ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')
    throw new SkillcredError('UNSUPPORTED_MEDIA_TYPE', message('body.csv-charset', { charset }));
  try {
    return UTF8.decode(await cappedBytes(c, cap));
  } catch (error) {
    if (error instanceof SkillcredError) throw error;
    throw new SkillcredError('UNSUPPORTED_MEDIA_TYPE', message('body.csv-not-utf8'));
  }
}

/**
 * How work may go on after the answer: on Workers through the execution context's waitUntil,
 * within the time it allows (a job stops in time and the next read of its batch resumes it); on
 * Node the process simply keeps running it.
 */
export function afterAnswer(c: Context<AppEnv>): { background?: (task: Promise<unknown>) => void; budgetMs?: number } {
  let ctx: { waitUntil(task: Promise<unknown>): void };
  try {
    ctx = c.executionCtx;
  } catch {
    return {}; // Hono throws when the runtime passed no execution context (Node)
  }
  return { background: (task) => ctx.waitUntil(task), budgetMs: 20_000 };
}

/** A JSON body when one was sent (Content-Type present), else undefined: for optional bodies. */
export async function optionalJsonBody(c: Context<AppEnv>): Promise<unknown> {
  return c.req.header('content-type') ? jsonBody(c) : undefined;
}

/** The Idempotency-Key header, checked: 1-255 visible ASCII characters. */
export function idempotencyKey(c: Context<AppEnv>): string | undefined {
  const key = c.req.header('idempotency-key');
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new SkillcredError('MALFORMED_VALUE', message('header.idempotency-key'), {
      status: 400,
      errors: [{ pointer: 'header:Idempotency-Key', key: 'field.idempotency-key' }],
    });
  }
  return key;
}

/** JSON with an explicit media type. */
export function json(c: Context, body: unknown, status = 200, type = 'application/json'): Response {
  return c.body(JSON.stringify(body), status as 200, { 'content-type': type });
}

/** Answers 304 when the request's If-None-Match names `etag` (or `*`). */
export function notModified(c: Context, etag: string): boolean {
  const inm = c.req.header('if-none-match');
  return !!inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*');
}

/**
 * The `:id` path segment at `index` (`/credentials/:id` → 2), percent-decoded exactly once. The
 * router's own decoding cannot tell a bad escape from a literal `%`, so this reads the raw path.
 */
export function pathId(c: Context<AppEnv>, index: number): string {
  const raw = c.req.path.split('/')[index] ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new SkillcredError('MALFORMED_VALUE', { fields: ': ' }, { status: 400, errors: [{ pointer: 'path:id', key: 'field.percent-encoded-id' }] });
  }
}

/**
 * The media type to answer with, by the request's Accept header: the first of `offered` is the
 * default (also for a wildcard and no header). Verifiers' HTTP clients often parse JSON media types only.
 */
export function negotiate(c: Context, offered: readonly [string, ...string[]]): string {
  c.header('vary', 'Accept', { append: true });
  return accepts(c, { header: 'Accept', supports: [...offered], default: offered[0] });
}

/** Cache headers of a public, cacheable document: max-age, and an Expires that says the same. */
export function cacheFor(maxAgeSeconds: number, now: Date): Record<string, string> {
  return {
    'cache-control': `public, max-age=${maxAgeSeconds}`,
    expires: new Date(now.getTime() + maxAgeSeconds * 1000).toUTCString(),
    'access-control-allow-origin': '*',
    'access-control-expose-headers': 'ETag',
  };
}

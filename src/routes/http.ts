import type { Context } from 'hono';
import canonicalizeModule from 'canonicalize';
import { SkillcredError, type Problem } from '../errors.js';
import type { AppEnv } from './env.js';

const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/** Answers with an RFC 9457 problem document. */
export function problem(c: Context, error: SkillcredError): Response {
  const body: Problem = error.toProblem(c.req.path);
  const headers: Record<string, string> = { 'content-type': 'application/problem+json', ...(error.headers ?? {}) };
  const rid = c.get('requestId' as never) as string | undefined;
  if (rid) headers['x-request-id'] = rid;
  return new Response(JSON.stringify(body), { status: error.status, headers });
}

/** Reads a JSON request body: 415 when it is not declared JSON, 400 when it does not parse. */
export async function jsonBody(c: Context<AppEnv>): Promise<unknown> {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (!/^application\/([a-z.+-]*\+)?json\b/.test(type)) {
    throw new SkillcredError('UNSUPPORTED_MEDIA_TYPE', `send the body as application/json (got ${type ? JSON.stringify(type) : 'no Content-Type'})`);
  }
  const text = await c.req.text();
  if (text.trim() === '') throw new SkillcredError('MALFORMED_JSON', 'the request body is empty');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new SkillcredError('MALFORMED_JSON', `the request body is not valid JSON: ${(error as Error).message}`);
  }
}

/** The Idempotency-Key header, validated, with a hash of the request it protects. */
export async function idempotencyOf(c: Context<AppEnv>, body: unknown): Promise<{ key: string; requestHash: string } | undefined> {
  const key = c.req.header('idempotency-key');
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new SkillcredError('MALFORMED_VALUE', 'Idempotency-Key must be 1-255 visible ASCII characters', {
      status: 400,
      errors: [{ pointer: 'header:Idempotency-Key', detail: 'must be 1-255 visible ASCII characters' }],
    });
  }
  const text = `${c.req.method} ${c.req.path}\n${canonicalize(body) ?? ''}`;
  const hash = await c.var.services.ports.crypto.sha256(new TextEncoder().encode(text));
  return { key, requestHash: Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('') };
}

/** JSON with an explicit media type. */
export function json(c: Context, body: unknown, status = 200, type = 'application/json'): Response {
  return c.body(JSON.stringify(body), status as 200, { 'content-type': type });
}

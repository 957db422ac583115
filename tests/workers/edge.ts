// A client for the Worker under test (src/worker.ts, run by workerd with a local D1): requests go
// through the Worker's own fetch handler, exactly as Cloudflare would deliver them.
import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { publicKeyOfJwk } from '../../src/credentials/crypto.js';
import { toPublicKeyMultibase } from '../../src/credentials/multikey.js';

export type Json = Record<string, unknown>;

/** PUBLIC_URL of the test Worker (vitest.config.ts): every URL it writes starts with it. */
export const BASE = env.PUBLIC_URL;
export const admin = { authorization: `Bearer ${env.ADMIN_TOKEN}` };

/** Calls the Worker: `path` is relative to PUBLIC_URL, or an absolute URL the Worker wrote. */
export function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  return exports.default.fetch(path.startsWith('http') ? path : `${BASE}${path}`, init);
}

/** Calls the Worker and reads a JSON answer, failing loudly on an unexpected status. */
export async function callJson(method: string, path: string, body: unknown, headers: Record<string, string>, status: number): Promise<Json> {
  const res = await call(method, path, body, headers);
  const text = await res.text();
  if (res.status !== status) throw new Error(`${method} ${path}: expected ${status}, got ${res.status}: ${text}`);
  return JSON.parse(text) as Json;
}

/** The publicKeyMultibase of an ISSUER_KEYS entry. */
export function publicKeyOfRef(ref: string): string {
  const keys = JSON.parse(env.ISSUER_KEYS) as Record<string, JsonWebKey>;
  return toPublicKeyMultibase(publicKeyOfJwk(keys[ref]!));
}

/** Accredits an issuer for every kind, occupation and rank since 2020 (trust registry, admin API). */
export async function accreditAll(slug: string): Promise<void> {
  await callJson(
    'POST',
    `/admin/issuers/${slug}/accreditations`,
    { kinds: ['skill-level', 'specialized-ability', 'enterprise', 'other'], occupations: ['*'], validFrom: '2020-01-01T00:00:00Z' },
    admin,
    201,
  );
}

import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERDICT_LABELS } from '../../src/verify/messages.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());
type Json = Record<string, any>;

describe('the OpenAPI document', () => {
  it('names every verdict the verifier gives, and documents verified beside trusted', async () => {
    const doc = (await (await t.app.request('/openapi.json')).json()) as Json;
    const result = doc.components.schemas.VerificationResult;
    expect([...result.properties.verdict.enum].sort()).toEqual(Object.keys(VERDICT_LABELS).sort());
    expect(result.properties.trusted.type).toBe('boolean');
    expect(result.properties.verified.description).toMatch(/trust registry is not part of it/);
  });

  it('validates as OpenAPI 3.1', async () => {
    const doc = (await (await t.app.request('/openapi.json')).json()) as Json;
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc);
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('describes every route of the app (and nothing that is not one)', async () => {
    const doc = (await (await t.app.request('/openapi.json')).json()) as Json;
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths as Json)) for (const method of Object.keys(ops)) documented.add(`${method.toUpperCase()} ${path}`);
    const routes = new Set(
      t.app.routes.filter((r) => r.method !== 'ALL' && !r.path.includes('*')).map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    const missing = [...routes].filter((r) => !documented.has(r));
    expect(missing, 'routes missing from /openapi.json').toEqual([]);
    const stale = [...documented].filter((r) => !routes.has(r));
    expect(stale, 'documented routes the app does not have').toEqual([]);
  });

  it('uses the request schemas the validators are compiled from', async () => {
    const doc = (await (await t.app.request('/openapi.json')).json()) as Json;
    const issue = doc.paths['/v1/certificates'].post.requestBody.content['application/json'].schema;
    expect(issue.$ref).toBe('#/components/schemas/CertificateRequest');
    expect(doc.components.schemas.CertificateRequest.properties.kind.enum).toEqual(['skill-level', 'specialized-ability', 'enterprise']);
    expect(doc.components.schemas.CertificateRequest.properties.holder.$ref).toBe('#/components/schemas/CertificateParts/$defs/holder');
  });

  it('describes every field of every request body, with an example, and every operation that takes a body has an example body', async () => {
    const doc = (await (await t.app.request('/openapi.json')).json()) as Json;
    const resolve = (ref: string): Json =>
      ref
        .slice(2)
        .split('/')
        .reduce((n: Json, k) => n[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
    const lacking: string[] = [];
    const walk = (schema: Json | undefined, at: string, seen: Set<string>): void => {
      if (!schema || typeof schema !== 'object') return;
      if (typeof schema.$ref === 'string') {
        if (seen.has(schema.$ref)) return;
        walk(resolve(schema.$ref), `${at}→${schema.$ref.split('/').pop()}`, new Set([...seen, schema.$ref]));
      }
      for (const [name, prop] of Object.entries((schema.properties ?? {}) as Record<string, Json>)) {
        const target = typeof prop.$ref === 'string' ? { ...resolve(prop.$ref), ...prop } : prop;
        if (typeof target.description !== 'string' || target.description.length < 8) lacking.push(`${at}/${name}: description`);
        if (!(Array.isArray(target.examples) && target.examples.length > 0) && target.example === undefined) lacking.push(`${at}/${name}: example`);
        walk(prop, `${at}/${name}`, seen);
      }
      for (const key of ['oneOf', 'anyOf', 'allOf'] as const)
        for (const [i, s] of ((schema[key] ?? []) as Json[]).entries()) walk(s, `${at}/${key}/${i}`, seen);
      if (schema.items) walk(schema.items as Json, `${at}/items`, seen);
    };
    let bodies = 0;
    for (const [path, ops] of Object.entries(doc.paths as Json)) {
      for (const [method, op] of Object.entries(ops as Record<string, Json>)) {
        const content = op.requestBody?.content?.['application/json'];
        if (!content) continue;
        bodies++;
        walk(content.schema, `${method.toUpperCase()} ${path}`, new Set());
        if (Object.keys(content.examples ?? {}).length === 0 && content.example === undefined) lacking.push(`${method.toUpperCase()} ${path}: example body`);
      }
    }
    expect(bodies).toBeGreaterThanOrEqual(18);
    expect(lacking).toEqual([]);
  });

  it('has the example bodies validate against their request schemas', async () => {
    const doc = (await (await t.app.request('/openapi.json')).json()) as Json;
    const issue = doc.paths['/v1/certificates'].post.requestBody.content['application/json'].examples.skillLevel.value;
    const res = await t.call('POST', '/v1/certificates', issue, { authorization: `Bearer ${t.devKey}` });
    expect(res.status, await res.text()).toBe(201);
  });

  it('serves the landing page at / in the visitor’s language, linking the verify page, these docs and the trust list', async () => {
    for (const [lang, title] of [
      ['zh-CN', '职业技能证书核验'],
      ['zh-HK', '職業技能證書核實'],
      ['en-GB', 'Vocational skill certificates, verifiable'],
    ] as const) {
      const res = await t.app.request('/', { headers: { 'accept-language': lang } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      const page = await res.text();
      expect(page).toContain(`<h1>${title}</h1>`);
      for (const href of ['/v', '/docs', '/trust-list', '/openapi.json']) expect(page).toContain(`href="${href}"`);
      expect(page).not.toMatch(/<script|src=|url\(/);
    }
    const switched = await (await t.app.request('/?lang=zh-Hant', { headers: { 'accept-language': 'en' } })).text();
    expect(switched).toContain('<html lang="zh-Hant">');
  });

  it('has a readable docs page', async () => {
    const res = await t.app.request('/docs');
    expect(res.headers.get('content-type')).toContain('text/html');
    const text = await res.text();
    expect(text).toContain('/v1/verify/batch');
    expect(text).toContain('href="/openapi.json"');
  });
});

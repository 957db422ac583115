import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());
type Json = Record<string, any>;

describe('the OpenAPI document', () => {
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

  it('has a readable docs page', async () => {
    const res = await t.app.request('/docs');
    expect(res.headers.get('content-type')).toContain('text/html');
    const text = await res.text();
    expect(text).toContain('/v1/verify/batch');
    expect(text).toContain('href="/openapi.json"');
  });
});

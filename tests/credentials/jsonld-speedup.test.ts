import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonizeRdfc } from '../../src/credentials/data-integrity.js';
import { documentLoader } from '../../src/credentials/document-loader.js';
import { assessmentRequest, bearer, createTestApp, skillLevelRequest, vc2, type TestApp } from '../helpers/app.js';
import { NODE, ROOT, TS } from '../helpers/node-process.js';
import { vectorJson } from '../helpers/vectors.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

function stockCanonize(docs: object[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, TS('tests/helpers/stock-canonize.ts'), { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as string[]) : reject(new Error(`exit ${code}`))));
    child.stdin.end(JSON.stringify(docs));
  });
}

describe('the jsonld.js context-clone speed-up', () => {
  it('canonicalizes exactly as unpatched jsonld.js does', async () => {
    const docs: object[] = [];
    const issue = async (path: string, body: unknown) => (await (await t.call('POST', path, body, bearer(t.devKey))).json()) as Record<string, unknown>;
    for (const [i, kind] of ['skill-level', 'specialized-ability', 'enterprise'].entries()) {
      const extra =
        kind === 'skill-level'
          ? {}
          : kind === 'enterprise'
            ? { level: undefined, enterprise: { title: { 'zh-Hans': '焊接', en: 'Welding' }, level: '高级', rank: 4 } }
            : { level: undefined, specialty: { name: '西式面点' } };
      const r = await issue(
        '/v1/certificates',
        JSON.parse(
          JSON.stringify(
            skillLevelRequest({
              kind,
              ...extra,
              certificateNumber: kind === 'skill-level' ? 'Y000144000123253000001' : `N-${i}`,
              assessment: { id: `S-${i}`, date: '2025-01-01' },
              suspension: i === 1,
            }),
          ),
        ),
      );
      docs.push(r.verifiableCredential as object);
    }
    const pair = await issue('/v1/assessments', assessmentRequest());
    for (const c of pair.credentials as { verifiableCredential: object }[]) docs.push(c.verifiableCredential);
    docs.push((await issue('/credentials/issue', { credential: vc2(t.devDid) })).verifiableCredential as object);
    docs.push((await (await t.app.request('/issuers/dev/did.json')).json()) as object);
    docs.push(vectorJson('vc-di-eddsa/unsigned.json'));
    const ours = await Promise.all(docs.map((d) => canonizeRdfc(d as Record<string, unknown>, documentLoader)));
    const stock = await stockCanonize(docs);
    expect(ours.length).toBeGreaterThanOrEqual(8);
    for (let i = 0; i < ours.length; i++) expect(ours[i], `document ${i}`).toBe(stock[i]);
  });
});

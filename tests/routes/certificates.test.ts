import { readFileSync } from 'node:fs';
import Ajv2019 from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextRelatedResource } from '../../src/credentials/related-resource.js';
import { assessmentRequest, bearer, createTestApp, skillLevelRequest, type TestApp } from '../helpers/app.js';
import { stockLoader, stockVerify } from '../helpers/stock-verifier.js';
import { VECTORS_DIR } from '../helpers/vectors.js';

let t: TestApp;
let loader: ReturnType<typeof stockLoader>;
beforeAll(async () => {
  t = await createTestApp();
  loader = stockLoader((p) => Promise.resolve(t.app.request(p)), t.ports.config.publicUrl);
});
afterAll(() => t.close());

type Json = Record<string, unknown>;

async function issue(body: Json, headers: Record<string, string> = {}) {
  const res = await t.call('POST', '/v1/certificates', body, { ...bearer(t.devKey), ...headers });
  return { res, body: (await res.json()) as Json };
}

/** Every leaf of a JSON value with its path, for tampering one field at a time. */
function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [path];
}

function tamper(doc: Json, path: (string | number)[]): Json {
  const copy = structuredClone(doc);
  let node: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  const v = node[last];
  node[last] =
    typeof v === 'string'
      ? v.length > 0
        ? v.slice(0, -1) + (v.endsWith('1') ? '2' : '1')
        : 'x'
      : typeof v === 'number'
        ? v + 1
        : typeof v === 'boolean'
          ? !v
          : 'x';
  return copy;
}

describe('POST /v1/certificates', () => {
  for (const cryptosuite of ['eddsa-rdfc-2022', 'eddsa-jcs-2022'] as const) {
    it(`issues a skill level certificate (${cryptosuite}) that stock @digitalbazaar/vc verifies, and rejects after any one field is altered`, async () => {
      const { res, body } = await issue(skillLevelRequest({ cryptosuite, assessment: { id: `ASM-TAMPER-${cryptosuite}`, date: '2025-06-20' } }));
      expect(res.status).toBe(201);
      const vc = body.verifiableCredential as Json;
      const ok = await stockVerify(vc, loader);
      expect(ok.error).toBeUndefined();
      expect(ok.verified).toBe(true);

      const { proof, ...unsecured } = vc;
      const paths = leaves(unsecured);
      expect(paths.length).toBeGreaterThan(40);
      for (const path of paths) {
        const altered = { ...tamper(unsecured, path), proof };
        const result = await stockVerify(altered, loader);
        expect(result.verified, `altering ${path.join('.')} must break the proof`).toBe(false);
      }
      // and the proof itself: its value, its method, its suite name
      for (const key of ['proofValue', 'verificationMethod', 'created', 'cryptosuite'] as const) {
        const p = structuredClone(proof) as Json[];
        p[0] = tamper(p[0]!, [key]);
        expect((await stockVerify({ ...unsecured, proof: p }, loader)).verified, `altering proof.${key}`).toBe(false);
      }
    });
  }

  it('keeps the ID number out of the credential: only a keyed binding, which the service matches online', async () => {
    const { body } = await issue(skillLevelRequest({ assessment: { id: 'ASM-HASH', date: '2025-06-20' } }));
    const text = JSON.stringify(body.verifiableCredential);
    expect(text).not.toContain('11010119900307123X');
    const subject = (body.verifiableCredential as Json).credentialSubject as { identifier: Json[] };
    const id = subject.identifier.find((i) => i.identityType === 'nationalIdentityNumber')!;
    expect(id).toMatchObject({ type: 'IdentityObject', hashed: true, salt: expect.stringMatching(/^[\w-]{22}$/) });
    expect(id.identityHash).toMatch(/^hmac-sha256\$hp-[a-z0-9-]+\$[0-9a-f]{64}$/);
    // lower-case x and spaces normalise to the same number
    const check = async (idNumber: string) =>
      (
        (await (
          await t.call('POST', '/credentials/verify', { verifiableCredential: body.verifiableCredential, options: { holderIdNumber: idNumber } })
        ).json()) as Json
      ).verdict;
    expect(await check('110101 19900307123x')).toBe('valid');
    expect(await check('110101199003071234')).toBe('holder-mismatch');
  });

  it('records the credential and returns it to its issuer by id, and to nobody else', async () => {
    const { body } = await issue(skillLevelRequest({ assessment: { id: 'ASM-GET', date: '2025-06-20' } }));
    const path = `/credentials/${encodeURIComponent(String(body.id))}`;
    const mine = await t.call('GET', path, undefined, bearer(t.devKey));
    expect(mine.status).toBe(200);
    expect(((await mine.json()) as Json).verifiableCredential).toEqual(body.verifiableCredential);
    const other = (await (
      await t.call(
        'POST',
        '/admin/issuers',
        { slug: 'other-org', names: { 'zh-Hans': '另一机构' }, orgKind: 'S', filingCode: 'S-1' },
        bearer('test-admin-token-0123456789abcdef'),
      )
    ).json()) as { apiKey: { token: string } };
    const theirs = await t.call('GET', path, undefined, bearer(other.apiKey.token));
    expect(theirs.status).toBe(404);
    const record = await t.ports.store.getCredential(String(body.id));
    expect(record).toMatchObject({ kind: 'skill-level', certificateNumber: 'Y000144000123253000001', assessmentId: 'ASM-GET' });
    expect(record!.holderHash).toMatch(/^hmac-sha256\$hp-[a-z0-9-]+\$[0-9a-f]{64}$/);
  });

  it('validates against the official Open Badges 3.0 AchievementCredential schema', async () => {
    const schema = JSON.parse(readFileSync(`${VECTORS_DIR}ob3-schemas/achievementcredential.json`, 'utf8')) as object;
    const ajv = new Ajv2019.default({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    const kinds = [
      skillLevelRequest({ assessment: { id: 'ASM-OB3-1', date: '2025-06-20' } }),
      skillLevelRequest({
        kind: 'specialized-ability',
        level: undefined,
        specialty: { name: '中式面点制作' },
        certificateNumber: 'ZX-1',
        assessment: { id: 'ASM-OB3-2', date: '2025-06-20' },
      }),
      skillLevelRequest({
        kind: 'enterprise',
        level: undefined,
        enterprise: { title: '焊接技能', level: '高级' },
        certificateNumber: 'QY-1',
        assessment: { id: 'ASM-OB3-3', date: '2025-06-20' },
      }),
    ];
    for (const request of kinds) {
      const { res, body } = await issue(JSON.parse(JSON.stringify(request)) as Json);
      expect(res.status, JSON.stringify(body)).toBe(201);
      // validated as issued: with the relatedResource digest of our context (VC 2.0 §5.3)
      expect((body.verifiableCredential as Json).relatedResource).toEqual([await contextRelatedResource()]);
      const ok = validate(body.verifiableCredential);
      expect(validate.errors ?? [], `kind ${String(request.kind)}`).toEqual([]);
      expect(ok).toBe(true);
    }
  });
});

describe('POST /v1/assessments', () => {
  it('issues the specialized ability certificate and the enterprise certification together, linked by assessment id', async () => {
    const res = await t.call('POST', '/v1/assessments', assessmentRequest(), bearer(t.devKey));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { assessmentId: string; credentials: Json[] };
    expect(body.credentials.map((c) => c.kind)).toEqual(['specialized-ability', 'enterprise']);
    for (const c of body.credentials) {
      const vc = c.verifiableCredential as { credentialSubject: Json };
      expect(vc.credentialSubject.assessmentId).toBe('ASM-2025-0100');
      expect((await stockVerify(vc, loader)).verified).toBe(true);
    }
    const records = await t.ports.store.listCredentials({
      by: 'assessment',
      issuerId: (await t.ports.store.getIssuer({ slug: 'dev' }))!.id,
      assessmentId: 'ASM-2025-0100',
    });
    expect(records).toHaveLength(2);
  });

  it('issues neither when the second certificate cannot be recorded', async () => {
    const issuer = (await t.ports.store.getIssuer({ slug: 'dev' }))!;
    // An enterprise certification for this assessment already exists: the pair must not half-land.
    const first = await issue(
      skillLevelRequest({
        kind: 'enterprise',
        level: undefined,
        enterprise: { title: '美发', level: '三星' },
        certificateNumber: 'QY-9',
        assessment: { id: 'ASM-PAIR', date: '2025-07-01' },
      }),
    );
    expect(first.res.status).toBe(201);
    const before = await t.ports.store.countCredentials(issuer.id);
    const res = await t.call('POST', '/v1/assessments', assessmentRequest({ assessment: { id: 'ASM-PAIR', date: '2025-07-01' } }), bearer(t.devKey));
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await t.ports.store.countCredentials(issuer.id)).toBe(before);
    const pair = await t.ports.store.listCredentials({ by: 'assessment', issuerId: issuer.id, assessmentId: 'ASM-PAIR' });
    expect(pair.map((r) => r.kind)).toEqual(['enterprise']);
  });
});

describe('Idempotency-Key', () => {
  it('two concurrent requests with the same key produce one credential; different keys produce two', async () => {
    const issuer = (await t.ports.store.getIssuer({ slug: 'dev' }))!;
    const before = await t.ports.store.countCredentials(issuer.id);
    const body = skillLevelRequest({ assessment: { id: 'ASM-IDEM-1', date: '2025-06-20' } });
    const [a, b] = await Promise.all([issue(body, { 'idempotency-key': 'same-key-1' }), issue(body, { 'idempotency-key': 'same-key-1' })]);
    expect(a.res.status).toBe(201);
    expect(b.res.status).toBe(201);
    expect(a.body.id).toBe(b.body.id);
    expect(a.body.verifiableCredential).toEqual(b.body.verifiableCredential);
    expect(await t.ports.store.countCredentials(issuer.id)).toBe(before + 1);

    const other = skillLevelRequest({ assessment: { id: 'ASM-IDEM-2', date: '2025-06-20' } });
    const third = skillLevelRequest({ assessment: { id: 'ASM-IDEM-3', date: '2025-06-20' } });
    const [c, d] = await Promise.all([issue(other, { 'idempotency-key': 'key-a' }), issue(third, { 'idempotency-key': 'key-b' })]);
    expect(c.body.id).not.toBe(d.body.id);
    expect(await t.ports.store.countCredentials(issuer.id)).toBe(before + 3);
  });

  it('a retry after success replays the same credential; the same key with another body is refused', async () => {
    const body = skillLevelRequest({ assessment: { id: 'ASM-IDEM-4', date: '2025-06-20' } });
    const first = await issue(body, { 'idempotency-key': 'retry-key' });
    const again = await issue(body, { 'idempotency-key': 'retry-key' });
    expect(again.res.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.verifiableCredential).toEqual(first.body.verifiableCredential);
    const changed = await issue(skillLevelRequest({ assessment: { id: 'ASM-IDEM-5', date: '2025-06-20' } }), { 'idempotency-key': 'retry-key' });
    expect(changed.res.status).toBe(422);
    expect(changed.body.code).toBe('IDEMPOTENCY_MISMATCH');
  });

  it('makes an assessment pair idempotent too', async () => {
    const body = assessmentRequest({ assessment: { id: 'ASM-IDEM-PAIR', date: '2025-07-01' } });
    const [a, b] = await Promise.all([
      t.call('POST', '/v1/assessments', body, { ...bearer(t.devKey), 'idempotency-key': 'pair-1' }),
      t.call('POST', '/v1/assessments', body, { ...bearer(t.devKey), 'idempotency-key': 'pair-1' }),
    ]);
    const [ja, jb] = (await Promise.all([a.json(), b.json()])) as { credentials: Json[] }[];
    expect(ja!.credentials.map((c) => c.id)).toEqual(jb!.credentials.map((c) => c.id));
  });
});

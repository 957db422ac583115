// Every certificate the service issues names our JSON-LD context with the digest of its bytes
// (VC Data Model 2.0 §5.3), so a verifier that fetches a copy of https://w3id.org/skillcred/v1 from
// anywhere can tell whether it is the context the certificate was signed against.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKILLCRED_CONTEXT_V1 } from '../../src/credentials/contexts.js';
import { attachProof, createProof, toDateTimeStamp } from '../../src/credentials/data-integrity.js';
import { documentLoader } from '../../src/credentials/document-loader.js';
import { checkRelatedResources, contextRelatedResource } from '../../src/credentials/related-resource.js';
import { FileKeyStore } from '../../src/runtime/node/file-keystore.js';
import { assessmentRequest, bearer, createTestApp, skillLevelRequest, type TestApp } from '../helpers/app.js';

type Json = Record<string, any>;
let t: TestApp;
/** One freshly issued certificate of each kind, through both issuing paths. */
const issued: Record<'skill-level' | 'skill-level jcs' | 'specialized-ability' | 'enterprise', Json> = {} as never;

beforeAll(async () => {
  t = await createTestApp();
  const certificate = async (body: Json) => {
    const res = await t.call('POST', '/v1/certificates', body, bearer(t.devKey));
    expect(res.status).toBe(201);
    return ((await res.json()) as Json).verifiableCredential as Json;
  };
  issued['skill-level'] = await certificate(skillLevelRequest());
  issued['skill-level jcs'] = await certificate(skillLevelRequest({ cryptosuite: 'eddsa-jcs-2022', assessment: { id: 'ASM-RR-JCS', date: '2025-06-20' } }));
  const res = await t.call('POST', '/v1/assessments', assessmentRequest(), bearer(t.devKey));
  expect(res.status).toBe(201);
  for (const c of ((await res.json()) as Json).credentials as Json[]) issued[c.kind as 'enterprise'] = c.verifiableCredential;
});
afterAll(() => t.close());

async function verifyApi(vc: unknown) {
  const res = await t.call('POST', '/credentials/verify', { verifiableCredential: vc });
  const body = (await res.json()) as Json;
  const failed = (body.steps as Json[]).find((s) => !s.valid && !s.skipped);
  return {
    status: res.status,
    verified: body.verified as boolean,
    verdict: body.verdict as string,
    step: failed?.id as string | undefined,
    code: failed?.problem?.code as string | undefined,
    detail: failed?.problem?.detail as string | undefined,
  };
}

/** Signs `vc` again with the dev issuer's own key: what a forger holding that key could make. */
async function resignWithIssuerKey(vc: Json): Promise<Json> {
  const issuer = (await t.ports.store.getIssuer({ slug: 'dev' }))!;
  const [key] = await t.ports.store.listIssuerKeys(issuer.id);
  const jwk = await new FileKeyStore(join(t.dir, 'keys')).get(key!.privateKeyRef);
  const handle = await t.ports.crypto.importPrivateKey(jwk!);
  const { proof, ...unsecured } = vc;
  const verificationMethod = (Array.isArray(proof) ? proof[0] : proof).verificationMethod as string;
  const signed = await createProof(unsecured, { cryptosuite: 'eddsa-rdfc-2022', verificationMethod, created: toDateTimeStamp(new Date()) }, handle, {
    crypto: t.ports.crypto,
    documentLoader,
  });
  return attachProof(unsecured, signed, true);
}

/** The certificate with its context digest replaced by the digest of other bytes. */
function withAlteredDigest(vc: Json): Json {
  const altered = structuredClone(vc);
  altered.relatedResource[0].digestSRI = `sha384-${createHash('sha384').update('a different context').digest('base64')}`;
  return altered;
}

describe('every certificate carries the digest of our context as served', () => {
  it('each kind, by both issuing paths, has exactly one relatedResource entry: our context, SHA-384 SRI, JSON-LD', async () => {
    for (const [kind, vc] of Object.entries(issued)) {
      expect(vc.relatedResource, kind).toEqual([
        { id: SKILLCRED_CONTEXT_V1, digestSRI: expect.stringMatching(/^sha384-[A-Za-z0-9+/]{64}$/), mediaType: 'application/ld+json' },
      ]);
      expect(vc['@context'], kind).toContain(SKILLCRED_CONTEXT_V1);
    }
  });

  it('the digest is SHA-384 of the bytes GET /skillcred/v1 answers, hashed here independently', async () => {
    const res = await t.app.request('/skillcred/v1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/ld+json');
    const served = Buffer.from(await res.arrayBuffer());
    expect(JSON.parse(served.toString('utf8'))['@context']).toBeTypeOf('object');
    const expected = `sha384-${createHash('sha384').update(served).digest('base64')}`;
    for (const [kind, vc] of Object.entries(issued)) expect(vc.relatedResource[0].digestSRI, kind).toBe(expected);
    // and the construction the builder uses gives the same entry
    expect(await contextRelatedResource()).toEqual(issued['skill-level'].relatedResource[0]);
  });

  it('a fresh certificate of each kind verifies end to end: POST /credentials/verify and the step verifier', async () => {
    for (const [kind, vc] of Object.entries(issued)) {
      expect(await checkRelatedResources(vc), kind).toEqual({ ok: true, checked: [SKILLCRED_CONTEXT_V1] });
      const api = await verifyApi(vc);
      expect([api.status, api.verified, api.verdict], `${kind}: ${api.step} ${api.code} ${api.detail}`).toEqual([200, true, 'valid']);
      const steps = await t.services.verification.verifyCredential(vc, {}, 'en');
      expect([steps.verified, steps.verdict], kind).toEqual([true, 'valid']);
      expect(steps.steps.find((s) => s.id === 'proof')?.valid, kind).toBe(true);
    }
  });
});

describe('a certificate whose context digest was altered fails as tampered', () => {
  it('the unsigned check names our context', async () => {
    for (const [kind, vc] of Object.entries(issued)) {
      const check = await checkRelatedResources(withAlteredDigest(vc));
      expect(check, kind).toMatchObject({ ok: false, id: SKILLCRED_CONTEXT_V1 });
    }
  });

  it('altered after signing: the proof no longer holds (tampered at the proof step)', async () => {
    for (const [kind, vc] of Object.entries(issued)) {
      const r = await verifyApi(withAlteredDigest(vc));
      expect([r.verified, r.verdict, r.step], kind).toEqual([false, 'tampered', 'proof']);
    }
  });

  it('altered and re-signed with the issuer’s own key: the signature holds, the digest does not (related-resource-mismatch)', async () => {
    for (const kind of ['skill-level', 'specialized-ability', 'enterprise'] as const) {
      // control: re-signing the unaltered certificate the same way verifies, so only the digest differs
      const control = await verifyApi(await resignWithIssuerKey(issued[kind]));
      expect([control.verified, control.verdict], `${kind} control: ${control.code} ${control.detail}`).toEqual([true, 'valid']);
      const r = await verifyApi(await resignWithIssuerKey(withAlteredDigest(issued[kind])));
      expect([r.status, r.verified, r.verdict, r.step, r.code], kind).toEqual([422, false, 'tampered', 'proof', 'related-resource-mismatch']);
      expect(r.detail, kind).toContain(SKILLCRED_CONTEXT_V1);
      const steps = await t.services.verification.verifyCredential(await resignWithIssuerKey(withAlteredDigest(issued[kind])), {}, 'en');
      expect([steps.verified, steps.verdict], kind).toEqual([false, 'tampered']);
    }
  });
});

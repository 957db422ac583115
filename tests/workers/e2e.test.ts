// End to end inside workerd: the Worker entry on a local D1, keys from the ISSUER_KEYS binding.
// One issuer's life, step by step; later steps use what earlier ones made (`flow`). To extend,
// add an `it` after the step whose state it needs (e.g. verify after "revokes").
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyProof, type JsonObject } from '../../src/credentials/data-integrity.js';
import { securedDocumentFor } from '../../src/credentials/proof-set.js';
import { createDocumentLoader } from '../../src/credentials/document-loader.js';
import { webCrypto } from '../../src/credentials/crypto.js';
import { fromPublicKeyMultibase } from '../../src/credentials/multikey.js';
import { bitAt, decodeList } from '../../src/status/bitstring.js';
import { bearer, skillLevelRequest, vc2 } from '../helpers/requests.js';
import { accreditAll, admin, BASE, call, callJson, publicKeyOfRef, type Json } from './edge.js';

const crypto = webCrypto();
const documentLoader = createDocumentLoader();
const names = { 'zh-Hans': '深圳某评价机构', en: 'Shenzhen Evaluation Org' };

/** What the steps build up. */
const flow: {
  did: string;
  apiKey: string;
  rdfc: Json;
  jcs: Json;
  statusUrl: string;
  statusIndex: number;
  etag: string;
} = {} as never;

/** The credential's single revocation entry. */
function revocationEntry(credential: Json): { statusListCredential: string; statusListIndex: string } {
  const status = credential.credentialStatus;
  const entries = (Array.isArray(status) ? status : [status]) as Json[];
  return entries.find((e) => e.statusPurpose === 'revocation') as never;
}

/** Checks a Data Integrity proof against the issuer's key, inside workerd. */
async function expectProofValid(credential: Json, suite: string, keyRef: string): Promise<void> {
  const proofs = (Array.isArray(credential.proof) ? credential.proof : [credential.proof]) as JsonObject[];
  expect(proofs).toHaveLength(1);
  expect(proofs[0]!.cryptosuite).toBe(suite);
  const key = await crypto.importPublicKey(fromPublicKeyMultibase(publicKeyOfRef(keyRef))!);
  expect(await verifyProof(securedDocumentFor(credential, proofs[0]!), proofs[0]!, key, { crypto, documentLoader })).toEqual({ valid: true });
}

describe('the Worker, end to end on D1', () => {
  beforeAll(async () => {
    expect((await call('GET', '/health')).status).toBe(200);
  });

  it('refuses to create an issuer without keyRef: keys are provisioned, with a 422 saying how', async () => {
    const res = await call('POST', '/admin/issuers', { slug: 'edge-nokey', names, orgKind: 'S', filingCode: 'SZ-S-1' }, admin);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = (await res.json()) as Json;
    expect(problem.code).toBe('UNSUPPORTED');
    expect(problem.detail).toMatch(/keys generate/);
    expect(problem.detail).toMatch(/wrangler secret put ISSUER_KEYS/);
    expect(problem.detail).toMatch(/keyRef/);
    const unknown = await callJson(
      'POST',
      '/admin/issuers',
      { slug: 'edge-nokey', names, orgKind: 'S', filingCode: 'SZ-S-1', keyRef: 'not-provisioned' },
      admin,
      422,
    );
    expect(unknown.errors).toEqual([{ pointer: '/keyRef', detail: expect.stringMatching(/no private key/) }]);
    expect((await call('GET', '/issuers/edge-nokey/did.json')).status).toBe(404);
  });

  it('creates an issuer with a provisioned key (keyRef) through the admin API', async () => {
    const body = await callJson(
      'POST',
      '/admin/issuers',
      { slug: 'edge-eval', names, orgKind: 'S', filingCode: 'SZ-S-0001', keyRef: 'e2e-1', pepperRef: 'pepper-1' },
      admin,
      201,
    );
    const issuer = body.issuer as Json;
    flow.did = String(issuer.did);
    flow.apiKey = String((body.apiKey as Json).token);
    expect(flow.did).toBe(`did:web:${new URL(BASE).hostname}:issuers:edge-eval`);
    await accreditAll('edge-eval');
  });

  it('resolves /issuers/{slug}/did.json to the provisioned public key', async () => {
    const res = await call('GET', '/issuers/edge-eval/did.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/did\+json/);
    const doc = (await res.json()) as Json;
    expect(doc.id).toBe(flow.did);
    expect(doc.verificationMethod).toEqual([{ id: `${flow.did}#key-1`, type: 'Multikey', controller: flow.did, publicKeyMultibase: publicKeyOfRef('e2e-1') }]);
    expect(doc.assertionMethod).toEqual([`${flow.did}#key-1`]);
  });

  it('serves the service DID with the SERVICE_KEY_REF key', async () => {
    const doc = (await (await call('GET', '/.well-known/did.json')).json()) as { verificationMethod: Json[] };
    expect(doc.verificationMethod.map((m) => m.publicKeyMultibase)).toEqual([publicKeyOfRef('service-1')]);
  });

  it('issues a certificate with eddsa-rdfc-2022 (POST /v1/certificates)', async () => {
    const body = await callJson('POST', '/v1/certificates', skillLevelRequest({ certificateNumber: 'S000144000123253000001' }), bearer(flow.apiKey), 201);
    flow.rdfc = body.verifiableCredential as Json;
    expect((flow.rdfc.issuer as Json).id ?? flow.rdfc.issuer).toBe(flow.did);
    await expectProofValid(flow.rdfc, 'eddsa-rdfc-2022', 'e2e-1');
    const entry = revocationEntry(flow.rdfc);
    flow.statusUrl = entry.statusListCredential;
    flow.statusIndex = Number(entry.statusListIndex);
    expect(flow.statusUrl).toBe(`${BASE}/status/edge-eval/revocation/1`);
  });

  it('issues with eddsa-jcs-2022 (POST /credentials/issue)', async () => {
    const body = await callJson(
      'POST',
      '/credentials/issue',
      { credential: vc2(flow.did), options: { cryptosuite: 'eddsa-jcs-2022' } },
      bearer(flow.apiKey),
      201,
    );
    flow.jcs = body.verifiableCredential as Json;
    await expectProofValid(flow.jcs, 'eddsa-jcs-2022', 'e2e-1');
    expect(revocationEntry(flow.jcs).statusListCredential).toBe(flow.statusUrl);
  });

  it('replays an Idempotency-Key instead of issuing twice', async () => {
    const headers = { ...bearer(flow.apiKey), 'idempotency-key': 'edge-once' };
    const request = skillLevelRequest({ certificateNumber: 'S000144000123253000002', assessment: { id: 'ASM-EDGE-2', date: '2025-06-20' } });
    const first = await call('POST', '/v1/certificates', request, headers);
    const second = await call('POST', '/v1/certificates', request, headers);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(((await second.json()) as Json).verifiableCredential).toEqual(((await first.json()) as Json).verifiableCredential);
  });

  it('publishes the status list with ETag and Cache-Control, and answers 304 to If-None-Match', async () => {
    const res = await call('GET', flow.statusUrl);
    expect(res.status).toBe(200);
    flow.etag = res.headers.get('etag')!;
    expect(flow.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const list = (await res.json()) as { credentialSubject: { encodedList: string } };
    expect(bitAt(await decodeList(list.credentialSubject.encodedList), flow.statusIndex)).toBe(false);
    await expectProofValid(list as Json, 'eddsa-rdfc-2022', 'e2e-1');
    const again = await call('GET', flow.statusUrl, undefined, { 'if-none-match': flow.etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(flow.etag);
  });

  it('revokes, and the re-signed list has the bit set under a new ETag', async () => {
    const report = await callJson(
      'POST',
      `/v1/credentials/${encodeURIComponent(String(flow.rdfc.id))}/revoke`,
      { reason: 'fraud found in exam session 7' },
      bearer(flow.apiKey),
      200,
    );
    expect(report).toMatchObject({ changed: 1 });
    const res = await call('GET', flow.statusUrl, undefined, { 'if-none-match': flow.etag });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).not.toBe(flow.etag);
    const list = (await res.json()) as { credentialSubject: { encodedList: string } };
    const bits = await decodeList(list.credentialSubject.encodedList);
    expect(bitAt(bits, flow.statusIndex)).toBe(true);
    expect(bitAt(bits, Number(revocationEntry(flow.jcs).statusListIndex))).toBe(false);
    // Revocation is final.
    const reinstate = await call(
      'POST',
      `/credentials/status`,
      { credentialId: flow.rdfc.id, credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'active' }] },
      bearer(flow.apiKey),
    );
    expect(reinstate.status).toBe(409);
  });

  it('verifies through POST /credentials/verify: the revoked certificate says revoked, the live one valid', async () => {
    const revoked = await callJson('POST', '/credentials/verify', { verifiableCredential: flow.rdfc }, {}, 422);
    expect(revoked).toMatchObject({ verified: false, verdict: 'revoked' });
    expect((revoked.steps as Json[]).map((s) => [s.id, s.valid])).toEqual([
      ['parse', true],
      ['proof', true],
      ['issuer', true],
      ['trust', true],
      ['validity', true],
      ['status', false],
    ]);
    const live = await callJson('POST', '/credentials/verify', { verifiableCredential: flow.jcs }, {}, 200);
    expect(live).toMatchObject({ verified: true, verdict: 'valid' });
  });

  it('serves the verify page at /v and /V from the assets binding', async () => {
    for (const path of ['/v', '/V']) {
      const res = await call('GET', path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(await res.text()).toContain('<html');
    }
  });

  it('rotates to another provisioned key: the new key signs, both stay in the DID document', async () => {
    const rotated = await callJson('POST', '/admin/issuers/edge-eval/keys/rotate', { keyRef: 'e2e-2' }, admin, 201);
    expect((rotated.key as Json).id).toBe(`${flow.did}#key-2`);
    expect(await callJson('POST', '/admin/issuers/edge-eval/keys/rotate', { keyRef: 'e2e-1' }, admin, 409)).toMatchObject({ code: 'CONFLICT' });
    expect(await callJson('POST', '/admin/issuers/edge-eval/keys/rotate', undefined, admin, 422)).toMatchObject({ code: 'UNSUPPORTED' });
    const doc = (await (await call('GET', '/issuers/edge-eval/did.json')).json()) as { assertionMethod: string[] };
    expect(doc.assertionMethod).toEqual([`${flow.did}#key-1`, `${flow.did}#key-2`]);
    const body = await callJson(
      'POST',
      '/credentials/issue',
      { credential: vc2(flow.did), options: { cryptosuite: 'eddsa-jcs-2022' } },
      bearer(flow.apiKey),
      201,
    );
    await expectProofValid(body.verifiableCredential as Json, 'eddsa-jcs-2022', 'e2e-2');
  });

  it('answers an unknown route with a problem, not an asset or a crash', async () => {
    const res = await call('GET', '/no/such/page');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });
});

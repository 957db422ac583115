// Strangers' credentials judged fairly (issue 11): other issuers' did:key / did:jwk / did:web
// keys, Ed25519Signature2020, ES256/ES384 and VC 1.1 JWTs, proofs we cannot check, the VC API's
// verification vs our trust registry, and no status fetch for what is not authentic.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CompactSign } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SKILLCRED_CONTEXT_V1 } from '../../src/credentials/contexts.js';
import { attachProof, createProof, toDateTimeStamp } from '../../src/credentials/data-integrity.js';
import { documentLoader } from '../../src/credentials/document-loader.js';
import { envelope, signJwtVcJson, signVcJwt } from '../../src/credentials/jwt.js';
import { decodePublicJwk, didJwkOf } from '../../src/credentials/keys.js';
import { didKeyOf } from '../../src/credentials/multikey.js';
import { contextRelatedResource } from '../../src/credentials/related-resource.js';
import { readChecks } from '../../src/verify/result.js';
import { nodeCrypto } from '../../src/runtime/node/crypto.js';
import { FileKeyStore } from '../../src/runtime/node/file-keystore.js';
import type { Fetcher } from '../../src/ports.js';
import { bitsWithSet, encodeList } from '../../src/status/bitstring.js';
import { statusListCredential } from '../../src/status/list-credential.js';
import { createTestApp, vc2, type TestApp } from '../helpers/app.js';

type Json = Record<string, any>;
const crypto = nodeCrypto();
const env = { crypto, documentLoader };
const FIXTURES = fileURLToPath(new URL('../fixtures/ed25519-2020/', import.meta.url));
const fixture = (name: string) => JSON.parse(readFileSync(FIXTURES + name, 'utf8')) as Json;

// The fetch port as a recording double: it answers from `served` and notes every URL asked for.
const served = new Map<string, unknown>();
const fetched: string[] = [];
const fetcher: Fetcher = {
  async get(url) {
    fetched.push(url);
    const body = served.get(url);
    if (body === undefined) throw new Error(`404 ${url}`);
    return { status: 200, body: new TextEncoder().encode(JSON.stringify(body)), contentType: 'application/json' };
  },
};

let t: TestApp;
interface Stranger {
  did: string;
  vm: string;
  key: Awaited<ReturnType<typeof crypto.importPrivateKey>>;
}
let a: Stranger;
let b: Stranger;
const STATUS_URL = 'https://stranger.example/status/1';

async function stranger(): Promise<Stranger> {
  const { privateJwk, publicKey } = await crypto.generate();
  const did = didKeyOf(publicKey);
  return { did, vm: `${did}#${did.slice(8)}`, key: await crypto.importPrivateKey(privateJwk) };
}

async function signDi(doc: Json, who: Stranger, cryptosuite: 'eddsa-rdfc-2022' | 'eddsa-jcs-2022' = 'eddsa-rdfc-2022'): Promise<Json> {
  const proof = await createProof(doc, { cryptosuite, verificationMethod: who.vm, created: toDateTimeStamp(new Date()) }, who.key, env);
  return attachProof(doc, proof);
}

function credentialOf(issuer: string, extra: Json = {}): Json {
  return vc2(issuer, { id: `urn:uuid:${globalThis.crypto.randomUUID()}`, ...extra });
}
const statusEntry = (index: number) => ({
  id: `${STATUS_URL}#${index}`,
  type: 'BitstringStatusListEntry',
  statusPurpose: 'revocation',
  statusListIndex: String(index),
  statusListCredential: STATUS_URL,
});

async function verify(vc: unknown, options: Json = {}) {
  const res = await t.call('POST', '/credentials/verify', { verifiableCredential: vc, options });
  const body = (await res.json()) as Json;
  const steps: Json = Object.fromEntries((body.steps as Json[]).map((s) => [s.id, s]));
  const failed = (body.steps as Json[]).find((s) => !s.valid && !s.skipped);
  return { status: res.status, body, steps, step: failed?.id as string | undefined, code: failed?.problem?.code as string | undefined };
}

beforeAll(async () => {
  t = await createTestApp({ fetcher });
  a = await stranger();
  b = await stranger();
  const now = new Date();
  const list = statusListCredential({
    url: STATUS_URL,
    issuerDid: a.did,
    purpose: 'revocation',
    encodedList: await encodeList(bitsWithSet(131072, [9])),
    validFrom: toDateTimeStamp(now),
    validUntil: toDateTimeStamp(new Date(now.getTime() + 3600_000)),
  });
  served.set(STATUS_URL, await signDi(list, a));
});
afterAll(() => t.close());
beforeEach(() => {
  fetched.length = 0;
});

describe("a stranger's credential: verified (VC API), untrusted (our registry)", () => {
  it('eddsa-rdfc-2022 by a did:key: verified true, verdict untrusted-issuer, trust beside it; 200', async () => {
    const r = await verify(await signDi(credentialOf(a.did, { credentialStatus: statusEntry(3) }), a));
    expect([r.status, r.body.verified, r.body.verdict, r.body.trusted]).toEqual([200, true, 'untrusted-issuer', false]);
    expect(r.steps.trust).toMatchObject({ valid: false, problem: { code: 'not-in-registry' } });
    expect(r.body.warnings.map((w: Json) => w.code)).toContain('not-in-registry');
    expect(r.body.errors).toEqual([]);
    expect(r.steps.status.valid).toBe(true);
    expect(fetched).toEqual([STATUS_URL]);
    // revoked is still not verified
    const revoked = await verify(await signDi(credentialOf(a.did, { credentialStatus: statusEntry(9) }), a));
    expect([revoked.body.verified, revoked.steps.status.problem.code]).toEqual([false, 'revoked']);
  });

  it('eddsa-rdfc-2022 tampered: tampered, and no status list fetched', async () => {
    const vc = await signDi(credentialOf(a.did, { credentialStatus: statusEntry(3) }), a);
    vc.credentialSubject.skill = '电工';
    const r = await verify(vc);
    expect([r.status, r.body.verified, r.body.verdict, r.step]).toEqual([422, false, 'tampered', 'proof']);
    expect(fetched).toEqual([]);
  });

  for (const file of ['vc2-didkey.json', 'ob3-vc1-didkey.json']) {
    it(`Ed25519Signature2020 (${file}, signed by the stock suite): verified true, untrusted-issuer; tampered: tampered`, async () => {
      const vc = fixture(file);
      const r = await verify(vc);
      expect([r.status, r.body.verified, r.body.verdict, r.body.summary.format]).toEqual([200, true, 'untrusted-issuer', 'Ed25519Signature2020']);
      expect(r.steps.proof.valid && r.steps.issuer.valid).toBe(true);
      const altered = structuredClone(vc);
      altered.id = 'urn:uuid:00000000-0000-4000-8000-000000000000';
      const bad = await verify(altered);
      expect([bad.status, bad.body.verdict, bad.step, bad.code]).toEqual([422, 'tampered', 'proof', 'bad-signature']);
    });
  }

  it('the issuer step fails (signed by another did:key than the issuer): no status list fetched', async () => {
    const r = await verify(await signDi(credentialOf(a.did, { credentialStatus: statusEntry(3) }), b));
    expect([r.body.verdict, r.step, r.code]).toEqual(['untrusted-issuer', 'issuer', 'not-issuer-key']);
    expect(r.steps.status).toMatchObject({ skipped: true });
    expect(fetched).toEqual([]);
  });
});

describe('proofs we cannot check are unsupported, never tampered', () => {
  const legacy = (type: string): Json => ({
    type,
    created: '2024-01-01T00:00:00Z',
    verificationMethod: a.vm,
    proofPurpose: 'assertionMethod',
    jws: 'eyJhbGciOiJQUzI1NiJ9..c2ln',
  });
  it('an unknown proof type, an unknown cryptosuite: unsupported (422), nothing fetched', async () => {
    const proof = legacy('RsaSignature2018');
    const r = await verify({ ...credentialOf(a.did, { credentialStatus: statusEntry(3) }), proof });
    expect([r.status, r.body.verified, r.body.verdict, r.step, r.code]).toEqual([422, false, 'unsupported', 'proof', 'unsupported-proof']);
    const signed = await signDi(credentialOf(a.did), a);
    signed.proof.cryptosuite = 'bbs-2023';
    expect((await verify(signed)).body.verdict).toBe('unsupported');
    expect(fetched).toEqual([]);
  });

  it('a proof set: our eddsa proof + an unknown legacy proof verifies with a warning; + a failing one is tampered', async () => {
    const res = await t.call('POST', '/credentials/issue', { credential: vc2(t.devDid) }, { authorization: `Bearer ${t.devKey}` });
    const ours = ((await res.json()) as Json).verifiableCredential as Json;
    const old = legacy('JsonWebSignature2020');
    const set = { ...ours, proof: [...[ours.proof].flat(), old] };
    const r = await verify(set);
    expect([r.status, r.body.verified, r.body.verdict]).toEqual([200, true, 'valid']);
    expect(r.body.warnings.map((w: Json) => w.code)).toContain('unsupported-proof');
    // every proof we can check must verify: a broken second eddsa proof is still tampered
    const broken = { ...ours, proof: [...[ours.proof].flat(), old, { ...[ours.proof].flat()[0], proofValue: 'z' + '1'.repeat(86) }] };
    expect((await verify(broken)).body.verdict).toBe('tampered');
  });

  it('a JWT with an algorithm we do not check (ES256K, PS256): unsupported', async () => {
    for (const alg of ['ES256K', 'PS256', 'none']) {
      const header = Buffer.from(JSON.stringify({ alg, kid: a.vm, typ: 'vc+jwt' })).toString('base64url');
      const payload = Buffer.from(JSON.stringify(credentialOf(a.did))).toString('base64url');
      const r = await verify(`${header}.${payload}.c2lnbmF0dXJl`);
      expect([r.body.verdict, r.step, r.code], alg).toEqual(['unsupported', 'proof', 'unsupported-alg']);
    }
  });
});

describe('vc+jwt as VC-JOSE-COSE and RFC 7515 say: each bad JWT fails at the proof step', () => {
  // Signed by hand (jose itself refuses to sign an unknown crit): base64url(header).base64url(payload).signature
  const sign = async (payload: Json, header: Json) => {
    const input = `${Buffer.from(JSON.stringify({ alg: 'EdDSA', kid: a.vm, ...header })).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
    return `${input}.${Buffer.from(await crypto.sign(a.key, new TextEncoder().encode(input))).toString('base64url')}`;
  };
  const now = () => Math.floor(Date.now() / 1000);

  it('a good one verifies (bare, data: URL, enveloped); the same claims in range pass', async () => {
    const jwt = await sign({ ...credentialOf(a.did), iss: a.did, nbf: now() - 60, exp: now() + 3600, iat: now() }, { typ: 'vc+jwt', cty: 'vc' });
    for (const form of [jwt, `data:application/vc+jwt,${jwt}`, envelope(jwt)]) {
      const r = await verify(form);
      expect([r.body.verified, r.body.verdict, r.body.summary.format]).toEqual([true, 'untrusted-issuer', 'vc+jwt']);
    }
    // exp just past, within the 300 s clock skew the verifier allows for validUntil too
    expect((await verify(await sign({ ...credentialOf(a.did), exp: now() - 100 }, { typ: 'vc+jwt' }))).body.verified).toBe(true);
  });

  const BAD: [string, () => Json, Json, string, string][] = [
    ['an unknown crit header', () => credentialOf(a.did), { typ: 'vc+jwt', crit: ['urn:example:ext'], 'urn:example:ext': true }, 'jwt-crit', 'tampered'],
    ['typ JWT', () => credentialOf(a.did), { typ: 'JWT' }, 'jwt-typ', 'tampered'],
    ['no typ', () => credentialOf(a.did), {}, 'jwt-typ', 'tampered'],
    ['typ vc+ld+jwt (an old draft)', () => credentialOf(a.did), { typ: 'vc+ld+jwt' }, 'jwt-typ', 'tampered'],
    ['iss is not the issuer', () => ({ ...credentialOf(a.did), iss: b.did }), { typ: 'vc+jwt' }, 'jwt-iss-mismatch', 'tampered'],
    ['exp in the past', () => ({ ...credentialOf(a.did), exp: now() - 3600 }), { typ: 'vc+jwt' }, 'jwt-expired', 'expired'],
    ['nbf in the future', () => ({ ...credentialOf(a.did), nbf: now() + 3600 }), { typ: 'vc+jwt' }, 'jwt-not-yet-valid', 'not-yet-valid'],
    [
      'a vc claim in a VC 2.0 payload',
      () => ({ ...credentialOf(a.did), vc: { type: ['VerifiableCredential'] } }),
      { typ: 'vc+jwt' },
      'jwt-vc-claim',
      'tampered',
    ],
    ['a vp claim in a VC 2.0 payload', () => ({ ...credentialOf(a.did), vp: {} }), { typ: 'vc+jwt' }, 'jwt-vc-claim', 'tampered'],
  ];
  for (const [name, payload, header, code, verdict] of BAD) {
    it(`${name} → proof (${code}, ${verdict})`, async () => {
      const r = await verify(await sign(payload(), header));
      expect([r.status, r.body.verified, r.step, r.code, r.body.verdict]).toEqual([422, false, 'proof', code, verdict]);
    });
  }
});

describe('ES256 / ES384 JWTs: did:key P-256 (zDn…), P-384 (z82…), did:jwk, did:web', () => {
  async function ecKey(curve: 'P-256' | 'P-384') {
    const pair = (await globalThis.crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: curve }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const jwk = await globalThis.crypto.subtle.exportKey('jwk', pair.publicKey);
    return { pair, jwk, decoded: decodePublicJwk({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y })! };
  }
  it('did:key P-256 and P-384, did:jwk P-256: verified true (untrusted-issuer); altered: tampered', async () => {
    for (const [curve, alg, method] of [
      ['P-256', 'ES256', 'did:key'],
      ['P-384', 'ES384', 'did:key'],
      ['P-256', 'ES256', 'did:jwk'],
    ] as const) {
      const { pair, decoded } = await ecKey(curve);
      const did = method === 'did:key' ? `did:key:${decoded.publicKeyMultibase}` : didJwkOf(decoded.jwk);
      const kid = method === 'did:key' ? `${did}#${decoded.publicKeyMultibase}` : `${did}#0`;
      const jwt = await signVcJwt(credentialOf(did), kid, { native: pair.privateKey }, new Date(), alg);
      const r = await verify(jwt);
      expect([r.body.verified, r.body.verdict, r.step], `${method} ${curve}`).toEqual([true, 'untrusted-issuer', 'trust']);
      const [h, p, s] = jwt.split('.');
      const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
      payload.credentialSubject.skill = '电工';
      expect((await verify(`${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`)).body.verdict).toBe('tampered');
      // the alg must fit the key: the same key's signature under EdDSA is refused
      const hdr = JSON.parse(Buffer.from(h!, 'base64url').toString());
      const wrongAlg = `${Buffer.from(JSON.stringify({ ...hdr, alg: 'EdDSA' })).toString('base64url')}.${p}.${s}`;
      expect((await verify(wrongAlg)).code).toBe('alg-key-mismatch');
    }
  });

  it('did:web documents with a JsonWebKey2020 (publicKeyJwk) and a Multikey P-256 key', async () => {
    const { pair, jwk, decoded } = await ecKey('P-256');
    const did = 'did:web:p256.example';
    served.set('https://p256.example/.well-known/did.json', {
      '@context': ['https://www.w3.org/ns/did/v1'],
      id: did,
      verificationMethod: [
        { id: `${did}#jwk`, type: 'JsonWebKey2020', controller: did, publicKeyJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y } },
        { id: `${did}#mk`, type: 'Multikey', controller: did, publicKeyMultibase: decoded.publicKeyMultibase },
      ],
      assertionMethod: [`${did}#jwk`, `${did}#mk`],
    });
    for (const kid of [`${did}#jwk`, `${did}#mk`]) {
      const r = await verify(await signVcJwt(credentialOf(did), kid, { native: pair.privateKey }, new Date(), 'ES256'));
      expect([r.body.verified, r.body.verdict], kid).toEqual([true, 'untrusted-issuer']);
    }
  });
});

describe('VC 1.1 as jwt_vc_json (VC Data Model 1.1 §6.3)', () => {
  const v1 = (issuer: string, extra: Json = {}): Json => ({
    '@context': ['https://www.w3.org/2018/credentials/v1'],
    id: `urn:uuid:${globalThis.crypto.randomUUID()}`,
    type: ['VerifiableCredential'],
    issuer,
    issuanceDate: '2025-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:holder' },
    ...extra,
  });

  it('round trip with our issuer key: the claims per §6.3.1, verdict valid', async () => {
    const issuer = (await t.ports.store.getIssuer({ did: t.devDid }))!;
    const [record] = await t.ports.store.listIssuerKeys(issuer.id);
    const key = await crypto.importPrivateKey((await new FileKeyStore(join(t.dir, 'keys')).get(record!.privateKeyRef))!);
    const credential = v1(t.devDid, { expirationDate: '2099-01-01T00:00:00Z' });
    const jwt = await signJwtVcJson(credential, record!.id, key);
    const [h, p] = jwt
      .split('.')
      .slice(0, 2)
      .map((x) => JSON.parse(Buffer.from(x, 'base64url').toString()) as Json);
    expect(h).toMatchObject({ alg: 'EdDSA', typ: 'JWT', kid: record!.id });
    expect(p).toMatchObject({
      iss: t.devDid,
      sub: 'did:example:holder',
      jti: credential.id,
      nbf: Date.parse('2025-01-01T00:00:00Z') / 1000,
      exp: Date.parse('2099-01-01T00:00:00Z') / 1000,
      vc: { type: ['VerifiableCredential'] },
    });
    const r = await verify(jwt);
    expect([r.status, r.body.verified, r.body.verdict, r.body.summary.format]).toEqual([200, true, 'valid', 'jwt_vc_json']);
    // the claims alone carry issuer, dates, id and subject (§6.3.1 decoding): a vc claim without them verifies the same
    const { issuer: _i, issuanceDate: _d, expirationDate: _e, id: _id, ...rest } = credential;
    const claimsOnly = { ...p, vc: { ...rest, credentialSubject: {} } };
    const input = `${jwt.split('.')[0]}.${Buffer.from(JSON.stringify(claimsOnly)).toString('base64url')}`;
    const bare = `${input}.${Buffer.from(await crypto.sign(key, new TextEncoder().encode(input))).toString('base64url')}`;
    const fromClaims = await verify(bare);
    expect([fromClaims.body.verdict, fromClaims.body.summary.validUntil, fromClaims.body.summary.credentialId]).toEqual([
      'valid',
      '2099-01-01T00:00:00Z',
      credential.id,
    ]);
  });

  it('by a stranger (did:jwk P-256, ES256): verified, untrusted; altered, contradicting or expired ones fail at the proof step', async () => {
    const pair = (await globalThis.crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const jwk = await globalThis.crypto.subtle.exportKey('jwk', pair.publicKey);
    const did = didJwkOf({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y });
    const signer = { native: pair.privateKey };
    const good = await signJwtVcJson(v1(did), `${did}#0`, signer, { alg: 'ES256' });
    expect((await verify(good)).body).toMatchObject({ verified: true, verdict: 'untrusted-issuer' });

    const [h, p, s] = good.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    payload.vc.credentialSubject.id = 'did:example:someone-else';
    payload.sub = 'did:example:someone-else';
    expect((await verify(`${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`)).body.verdict).toBe('tampered');

    const signClaims = (claims: Json) =>
      new CompactSign(new TextEncoder().encode(JSON.stringify(claims))).setProtectedHeader({ alg: 'ES256', kid: `${did}#0`, typ: 'JWT' }).sign(pair.privateKey);
    const vc = v1(did);
    const cases: [Json, string, string][] = [
      [{ iss: b.did, vc }, 'jwt-iss-mismatch', 'tampered'],
      [{ iss: did, jti: 'urn:uuid:other', vc }, 'jwt-claim-mismatch', 'tampered'],
      [{ iss: did, exp: Math.floor(Date.now() / 1000) - 3600, vc }, 'jwt-expired', 'expired'],
    ];
    for (const [claims, code, verdict] of cases) {
      const r = await verify(await signClaims(claims));
      expect([r.step, r.code, r.body.verdict], code).toEqual(['proof', code, verdict]);
    }
    // a VC 2.0 credential does not travel in a vc claim
    const v2inside = await signClaims({ iss: did, vc: credentialOf(did) });
    expect((await verify(v2inside)).code).toBe('jwt-not-vc1');
  });
});

describe('relatedResource digests of bundled contexts are checked', () => {
  it('the right digest of our context verifies; a wrong one is tampered, naming the context', async () => {
    const right = await contextRelatedResource(SKILLCRED_CONTEXT_V1);
    const ok = await verify(await signDi(credentialOf(a.did, { relatedResource: [right] }), a));
    expect([ok.body.verified, ok.body.verdict]).toEqual([true, 'untrusted-issuer']);
    const wrong = { ...right, digestSRI: 'sha384-' + Buffer.alloc(48, 7).toString('base64') };
    const r = await verify(await signDi(credentialOf(a.did, { relatedResource: [wrong] }), a));
    expect([r.status, r.body.verdict, r.step, r.code]).toEqual([422, 'tampered', 'proof', 'related-resource-mismatch']);
    expect(r.steps.proof.problem.detail).toContain(SKILLCRED_CONTEXT_V1);
  });
});

describe('options.checks selects checks (VC API)', () => {
  it('readChecks accepts check names and their aliases, refuses others', () => {
    expect(readChecks(['proof', 'credentialStatus', 'expiration'])).toEqual({ checks: ['proof', 'status', 'validity'] });
    expect(readChecks(['proof', 'magic'])).toMatchObject({ problem: { pointer: '/options/checks/1' } });
    expect(readChecks('proof')).toMatchObject({ problem: { pointer: '/options/checks' } });
  });

  it('without status the unreachable list is not fetched and the credential verifies; with it, status is unknown', async () => {
    const vc = await signDi(
      credentialOf(a.did, {
        credentialStatus: { ...statusEntry(3), statusListCredential: 'https://stranger.example/status/gone', id: 'https://stranger.example/status/gone#3' },
      }),
      a,
    );
    const verify = async (options: Json) => (await (await t.call('POST', '/credentials/verify', { verifiableCredential: vc, options })).json()) as Json;
    const some = await verify({ checks: ['proof', 'validity'] });
    expect([some.verified, some.verdict, some.checks]).toEqual([true, 'valid', ['parse', 'proof', 'issuer', 'validity']]);
    expect(some.steps.find((s: Json) => s.id === 'status')).toMatchObject({ skipped: true, problem: { code: 'not-requested' } });
    expect(fetched).toEqual([]);
    const all = await verify({});
    expect([all.verified, all.verdict]).toEqual([false, 'untrusted-issuer']);
    expect(all.steps.find((s: Json) => s.id === 'status')!.problem!.code).toBe('status-unavailable');
    const bad = await t.call('POST', '/credentials/verify', { verifiableCredential: vc, options: { checks: ['proof', 'magic'] } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Json).errors[0].pointer).toBe('/options/checks/1');
  });
});

describe('vp+jwt presentations (VC-JOSE-COSE)', () => {
  const signAs = async (payload: Json, header: Json) => {
    const input = `${Buffer.from(JSON.stringify({ alg: 'EdDSA', kid: a.vm, ...header })).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
    return `${input}.${Buffer.from(await crypto.sign(a.key, new TextEncoder().encode(input))).toString('base64url')}`;
  };
  const presentation = async (header: Json, extra: Json = {}) => {
    const vcJwt = await signVcJwt(credentialOf(a.did), a.vm, a.key);
    const vp = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiablePresentation'],
      holder: a.did,
      verifiableCredential: [envelope(vcJwt)],
      nonce: 'n-1',
      aud: 'https://verifier.example',
      ...extra,
    };
    const jwt = await signAs(vp, header);
    const res = await t.call('POST', '/presentations/verify', {
      verifiablePresentation: {
        '@context': 'https://www.w3.org/ns/credentials/v2',
        type: 'EnvelopedVerifiablePresentation',
        id: `data:application/vp+jwt,${jwt}`,
      },
      options: { challenge: 'n-1', domain: 'https://verifier.example' },
    });
    return { status: res.status, body: (await res.json()) as Json };
  };
  it('typ vp+jwt by the holder verifies (the VC inside: verified, untrusted issuer); typ vc+jwt or a wrong nonce does not', async () => {
    const ok = await presentation({ typ: 'vp+jwt' });
    expect([ok.status, ok.body.verified, ok.body.credentials[0].verdict]).toEqual([200, true, 'untrusted-issuer']);
    const typ = await presentation({ typ: 'vc+jwt' });
    expect([typ.status, typ.body.presentation.errors[0].code]).toEqual([422, 'jwt-typ']);
    const nonce = await presentation({ typ: 'vp+jwt' }, { nonce: 'other' });
    expect(nonce.body.presentation.errors[0].code).toBe('challenge-mismatch');
  });
});

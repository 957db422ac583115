// Keys provisioned outside the service (the Workers way): the secret key store, `keys generate`,
// and issuers created and rotated on a provisioned key (keyRef), on the Node app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateProvisionedKey } from '../../src/cli/keys-generate.js';
import { nodeCrypto } from '../../src/runtime/node/crypto.js';
import { publicKeyOfJwk } from '../../src/credentials/crypto.js';
import { toPublicKeyMultibase } from '../../src/credentials/multikey.js';
import { SkillcredError } from '../../src/errors.js';
import { SecretKeyStore } from '../../src/runtime/workers/secret-keystore.js';
import { ADMIN_TOKEN, accredit, bearer, createTestApp, skillLevelRequest, type TestApp } from '../helpers/app.js';

const admin = bearer(ADMIN_TOKEN);
type Json = Record<string, unknown>;
const issuerBody = (slug: string, extra: Json = {}) => ({ slug, names: { 'zh-Hans': '佛山某评价站' }, orgKind: 'Y', filingCode: 'GD-Y-7', ...extra });

describe('keys generate', () => {
  it('prints a private Ed25519 JWK, its public key and the ISSUER_KEYS entry, storing nothing', async () => {
    const key = await generateProvisionedKey('gz-eval-1', nodeCrypto());
    expect(Object.keys(key.privateJwk).sort()).toEqual(['crv', 'd', 'kty', 'x']);
    expect(key.publicKeyMultibase).toBe(toPublicKeyMultibase(publicKeyOfJwk(key.privateJwk)));
    expect(key.didKey).toBe(`did:key:${key.publicKeyMultibase}`);
    expect(JSON.parse(`{${key.fragment}}`)).toEqual({ 'gz-eval-1': key.privateJwk });
    expect(key.ISSUER_KEYS).toEqual({ 'gz-eval-1': key.privateJwk });
    // the private half belongs to the public half
    const c = nodeCrypto();
    const sig = await c.sign(await c.importPrivateKey(key.privateJwk), new Uint8Array([1, 2, 3]));
    expect(await c.verify(await c.importPublicKey(publicKeyOfJwk(key.privateJwk)), sig, new Uint8Array([1, 2, 3]))).toBe(true);
    expect((await generateProvisionedKey('gz-eval-1', c)).privateJwk.d).not.toBe(key.privateJwk.d);
  });

  it('refuses a reference the key stores could not hold', async () => {
    for (const ref of [undefined, '', 'has space', 'a/b', 'x'.repeat(65)]) {
      await expect(generateProvisionedKey(ref, nodeCrypto())).rejects.toThrow(/reference must match/);
    }
  });
});

describe('the secret key store (ISSUER_KEYS)', () => {
  it('answers the keys of the secret and refuses to store one, saying how to provision it', async () => {
    const key = await generateProvisionedKey('k-1', nodeCrypto());
    const store = new SecretKeyStore(JSON.stringify({ ...key.ISSUER_KEYS, other: { ...key.privateJwk, key_ops: ['sign'] } }));
    expect(await store.get('k-1')).toEqual(key.privateJwk);
    expect(await store.get('other')).toEqual(key.privateJwk); // only kty, crv, x, d are kept
    expect(await store.get('missing')).toBeNull();
    expect(store.refs()).toEqual(['k-1', 'other']);
    const refused = await store.put('new-1').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SkillcredError);
    expect((refused as SkillcredError).code).toBe('UNSUPPORTED');
    expect((refused as SkillcredError).status).toBe(422);
    expect((refused as Error).message).toMatch(/keys generate <ref>.*wrangler secret put ISSUER_KEYS.*"keyRef"/);
    expect(new SecretKeyStore(undefined).refs()).toEqual([]);
  });

  it('refuses a malformed secret with a CONFIG error that names the fault, never the key material', () => {
    const bad: [string, RegExp][] = [
      ['{not json', /not valid JSON/],
      ['[]', /must be a JSON object/],
      ['{"k": {"kty": "OKP", "crv": "Ed25519", "x": "abc"}}', /"k" is neither a private Ed25519 JWK/],
      ['{"k": {"kty": "RSA", "n": "x", "e": "AQAB", "d": "secret-d"}}', /"k" is neither a private Ed25519 JWK/],
      ['{"p": {"kty": "oct", "k": "too-short"}}', /"p" is neither a private Ed25519 JWK .* nor a 32-byte pepper/],
      ['{"bad ref": {"kty": "OKP", "crv": "Ed25519", "x": "a", "d": "b"}}', /key reference "bad ref"/],
    ];
    for (const [secret, message] of bad) {
      let error: unknown;
      try {
        new SecretKeyStore(secret);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SkillcredError);
      expect((error as SkillcredError).code).toBe('CONFIG');
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('secret-d');
    }
  });
});

describe('issuers on provisioned keys (keyRef), on the Node app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const provision = async (ref: string, jwk?: JsonWebKey) => {
    const key = await generateProvisionedKey(ref, nodeCrypto());
    await t.ports.keys.put(ref, jwk ?? key.privateJwk);
    return key;
  };

  it('creates an issuer on a provisioned key, whose DID document lists it, and issues with it', async () => {
    const key = await provision('fs-weld-1');
    const res = await t.call('POST', '/admin/issuers', issuerBody('fs-weld', { keyRef: 'fs-weld-1' }), admin);
    expect(res.status).toBe(201);
    const { apiKey } = (await res.json()) as { apiKey: { token: string } };
    const doc = (await (await t.app.request('/issuers/fs-weld/did.json')).json()) as { verificationMethod: Json[] };
    expect(doc.verificationMethod.map((m) => m.publicKeyMultibase)).toEqual([key.publicKeyMultibase]);
    const stored = await t.ports.store.listIssuerKeys((await t.ports.store.getIssuer({ slug: 'fs-weld' }))!.id);
    expect(stored.map((k) => k.privateKeyRef)).toEqual(['fs-weld-1']);
    await accredit(t, 'fs-weld');
    const cert = await t.call('POST', '/v1/certificates', skillLevelRequest({ assessment: { id: 'ASM-KEYREF-1', date: '2025-06-20' } }), bearer(apiKey.token));
    expect(cert.status).toBe(201);
  });

  it('refuses a keyRef that is not provisioned, or whose private half does not match its public half', async () => {
    const unknown = await t.call('POST', '/admin/issuers', issuerBody('fs-none', { keyRef: 'never-made' }), admin);
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as Json).errors).toEqual([{ pointer: '/keyRef', detail: expect.stringMatching(/no private key/) }]);
    const a = await generateProvisionedKey('a', nodeCrypto());
    const b = await generateProvisionedKey('b', nodeCrypto());
    await provision('mixed-1', { ...a.privateJwk, x: b.privateJwk.x });
    const mixed = await t.call('POST', '/admin/issuers', issuerBody('fs-mixed', { keyRef: 'mixed-1' }), admin);
    expect(mixed.status).toBe(422);
    expect(((await mixed.json()) as Json).detail).toMatch(/does not belong to the public key/);
    expect(await t.ports.store.getIssuer({ slug: 'fs-mixed' })).toBeNull();
    const malformed = await t.call('POST', '/admin/issuers', issuerBody('fs-bad', { keyRef: 'has space' }), admin);
    expect(malformed.status).toBe(422);
  });

  it('rotates to a provisioned key and refuses a reference the issuer already used', async () => {
    const key = await provision('fs-weld-2');
    const res = await t.call('POST', '/admin/issuers/fs-weld/keys/rotate', { keyRef: 'fs-weld-2' }, admin);
    expect(res.status).toBe(201);
    expect(((await res.json()) as { key: Json }).key.publicKeyMultibase).toBe(key.publicKeyMultibase);
    expect((await t.call('POST', '/admin/issuers/fs-weld/keys/rotate', { keyRef: 'fs-weld-1' }, admin)).status).toBe(409);
    expect((await t.call('POST', '/admin/issuers/fs-weld/keys/rotate', { keyRef: 'a b' }, admin)).status).toBe(422);
    expect((await t.call('POST', '/admin/issuers/fs-weld/keys/rotate', { other: 1 }, admin)).status).toBe(422);
    // Without a body the Node app still generates a key, as before.
    expect((await t.call('POST', '/admin/issuers/fs-weld/keys/rotate', undefined, admin)).status).toBe(201);
  });

  it("never lets an admin adopt another principal's key: another issuer's, or the service's own", async () => {
    const theirs = await t.call('POST', '/admin/issuers', issuerBody('fs-thief', { keyRef: 'fs-weld-2' }), admin);
    expect(theirs.status).toBe(409);
    expect(((await theirs.json()) as Json).errors).toEqual([{ pointer: '/keyRef', detail: 'already belongs to another key' }]);
    const dev = (await t.ports.store.listIssuerKeys((await t.ports.store.getIssuer({ slug: 'dev' }))!.id))[0]!;
    expect((await t.call('POST', '/admin/issuers/fs-weld/keys/rotate', { keyRef: dev.privateKeyRef }, admin)).status).toBe(409);
    const serviceRef = (JSON.parse((await t.ports.store.getSetting('service_keys'))!) as { privateKeyRef: string }[])[0]!.privateKeyRef;
    const service = await t.call('POST', '/admin/issuers', issuerBody('fs-svc', { keyRef: serviceRef }), admin);
    expect(service.status).toBe(409);
    expect(await t.ports.store.getIssuer({ slug: 'fs-thief' })).toBeNull();
    expect(await t.ports.store.getIssuer({ slug: 'fs-svc' })).toBeNull();
  });
});

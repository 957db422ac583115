import { describe, expect, it } from 'vitest';
import { decodeDidJwk, decodeMultikey, decodePublicJwk, didJwkOf } from '../../src/credentials/keys.js';
import { decodeVerificationMethod } from '../../src/credentials/key-resolver.js';
import { toPublicKeyMultibase } from '../../src/credentials/multikey.js';
import { nodeCrypto } from '../../src/runtime/node/crypto.js';

const strip = ({ kty, crv, x, y }: JsonWebKey) => (y === undefined ? { kty, crv, x } : { kty, crv, x, y });

describe('public keys: Multikey, JWK, did:jwk', () => {
  for (const [curve, prefix] of [
    ['P-256', 'zDn'],
    ['P-384', 'z82'],
  ] as const) {
    it(`${curve}: JWK → publicKeyMultibase (${prefix}…) → the same JWK (point decompression), 20 random keys`, async () => {
      for (let i = 0; i < 20; i++) {
        const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: curve }, true, ['sign', 'verify'])) as CryptoKeyPair;
        const jwk = strip(await crypto.subtle.exportKey('jwk', pair.publicKey));
        const fromJwk = decodePublicJwk(jwk)!;
        expect(fromJwk.algorithm).toBe(curve);
        expect(fromJwk.publicKeyMultibase.startsWith(prefix)).toBe(true);
        const back = decodeMultikey(fromJwk.publicKeyMultibase)!;
        expect(back.jwk).toEqual(jwk);
        expect(decodeDidJwk(didJwkOf(jwk))!.publicKeyMultibase).toBe(fromJwk.publicKeyMultibase);
      }
    });
  }

  it('the did:key spec P-256 example decodes to a point on the curve', () => {
    const key = decodeMultikey('zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169')!;
    expect(key.algorithm).toBe('P-256');
    expect(decodePublicJwk(key.jwk)!.publicKeyMultibase).toBe('zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169');
  });

  it('Ed25519 in every form; refuses private JWKs, points off the curve and other codecs', async () => {
    const { publicKey } = await nodeCrypto().generate();
    const mb = toPublicKeyMultibase(publicKey);
    const decoded = decodeMultikey(mb)!;
    expect(decoded.algorithm).toBe('Ed25519');
    expect(decodePublicJwk(decoded.jwk)!.publicKeyMultibase).toBe(mb);
    expect(decodeVerificationMethod({ type: 'Ed25519VerificationKey2020', publicKeyMultibase: mb })!.publicKeyMultibase).toBe(mb);
    expect(decodeVerificationMethod({ type: 'JsonWebKey2020', publicKeyJwk: decoded.jwk })!.publicKeyMultibase).toBe(mb);
    expect(decodePublicJwk({ ...decoded.jwk, d: 'AAAA' })).toBeUndefined();
    const p256 = decodeMultikey('zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169')!;
    expect(decodePublicJwk({ ...p256.jwk, y: p256.jwk.x })).toBeUndefined();
    expect(decodeMultikey('zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme')).toBeUndefined(); // secp256k1
    expect(decodeDidJwk('did:jwk:not-base64-json')).toBeUndefined();
  });
});

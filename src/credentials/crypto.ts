/** An Ed25519 private key, imported once and reused for every signature. */
export interface PrivateKeyHandle {
  readonly kind: 'private';
  readonly publicKey: Uint8Array;
  readonly native: unknown;
}

/** An Ed25519 public key, imported once and reused for every verification. */
export interface PublicKeyHandle {
  readonly kind: 'public';
  readonly raw: Uint8Array;
  readonly native: unknown;
}

/** The cryptography the core needs (Ed25519, SHA-256); each runtime brings its fastest implementation. */
export interface CryptoProvider {
  /** SHA-256 of bytes, or of a string's UTF-8 encoding. */
  sha256(data: Uint8Array | string): Promise<Uint8Array>;
  generate(): Promise<{ privateJwk: JsonWebKey; publicKey: Uint8Array }>;
  importPrivateKey(jwk: JsonWebKey): Promise<PrivateKeyHandle>;
  importPublicKey(raw: Uint8Array): Promise<PublicKeyHandle>;
  sign(key: PrivateKeyHandle, data: Uint8Array): Promise<Uint8Array>;
  verify(key: PublicKeyHandle, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
  /** HMAC-SHA-256 of `data` under `key` (holder bindings: a hash nobody can test without the key). */
  hmacSha256(key: Uint8Array, data: Uint8Array): Promise<Uint8Array>;
}

const b64url = {
  decode(s: string): Uint8Array {
    const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  },
};

/** The public key bytes of an Ed25519 OKP JWK. */
export function publicKeyOfJwk(jwk: JsonWebKey): Uint8Array {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') {
    throw new TypeError('not an Ed25519 OKP JWK');
  }
  const raw = b64url.decode(jwk.x);
  if (raw.length !== 32) throw new TypeError('Ed25519 public key must be 32 bytes');
  return raw;
}

/** WebCrypto: Workers, browsers, and Node as a fallback. */
export function webCrypto(subtle: SubtleCrypto = crypto.subtle): CryptoProvider {
  const alg = { name: 'Ed25519' } as const;
  return {
    async sha256(data) {
      const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
      return new Uint8Array(await subtle.digest('SHA-256', bytes as BufferSource));
    },
    async generate() {
      const pair = (await subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
      const privateJwk = await subtle.exportKey('jwk', pair.privateKey);
      const publicKey = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
      delete privateJwk.key_ops;
      delete privateJwk.ext;
      return { privateJwk, publicKey };
    },
    async importPrivateKey(jwk) {
      const publicKey = publicKeyOfJwk(jwk);
      const { kty, crv, x, d } = jwk;
      const native = await subtle.importKey('jwk', { kty, crv, x, d }, alg, false, ['sign']);
      return { kind: 'private', publicKey, native };
    },
    async importPublicKey(raw) {
      const native = await subtle.importKey('raw', raw as BufferSource, alg, false, ['verify']);
      return { kind: 'public', raw, native };
    },
    async sign(key, data) {
      return new Uint8Array(await subtle.sign(alg, key.native as CryptoKey, data as BufferSource));
    },
    async verify(key, signature, data) {
      if (signature.length !== 64) return false;
      return subtle.verify(alg, key.native as CryptoKey, signature as BufferSource, data as BufferSource);
    },
    async hmacSha256(key, data) {
      const k = await subtle.importKey('raw', key as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      return new Uint8Array(await subtle.sign('HMAC', k, data as BufferSource));
    },
  };
}

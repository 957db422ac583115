// Public keys of the algorithms the verifier accepts (Ed25519, P-256, P-384), as Multikey
// `publicKeyMultibase`, JWK or did:jwk. Pure code over BigInt and base58/base64url: no node:
// imports, so it runs on Node, in workerd and in the verify page's browser bundle.
import { base58, base64urlnopad } from '@scure/base';

/** The key algorithms (curves) a resolved verification method may carry. */
export type KeyAlgorithm = 'Ed25519' | 'P-256' | 'P-384';

/** A public key in both the forms the verifier uses: a JWK (for jose) and a Multikey. */
export interface DecodedPublicKey {
  algorithm: KeyAlgorithm;
  jwk: JsonWebKey;
  publicKeyMultibase: string;
  /** Ed25519 only: the 32 raw bytes (for the CryptoProvider port). */
  raw?: Uint8Array;
}

/** The JWS algorithms each key algorithm verifies (RFC 8037, RFC 7518). */
export const JWS_ALGS_OF: Record<KeyAlgorithm, readonly string[]> = {
  Ed25519: ['EdDSA', 'Ed25519'],
  'P-256': ['ES256'],
  'P-384': ['ES384'],
};

/** Every JWS `alg` the verifier can check. */
export const SUPPORTED_JWS_ALGS: readonly string[] = Object.values(JWS_ALGS_OF).flat();

interface Curve {
  header: [number, number];
  size: number;
  p: bigint;
  b: bigint;
}

// Multicodec varints: ed25519-pub 0xed, p256-pub 0x1200, p384-pub 0x1201.
const ED25519_HEADER: [number, number] = [0xed, 0x01];
const CURVES: Record<'P-256' | 'P-384', Curve> = {
  'P-256': {
    header: [0x80, 0x24],
    size: 32,
    p: 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn,
    b: 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn,
  },
  'P-384': {
    header: [0x81, 0x24],
    size: 48,
    p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffffn,
    b: 0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aefn,
  },
};

const b64u = {
  encode: (bytes: Uint8Array) => base64urlnopad.encode(bytes),
  decode: (text: string) => base64urlnopad.decode(text),
};

function bytesToBigInt(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

function bigIntToBytes(n: bigint, size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = size - 1; i >= 0; i--) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  base %= mod;
  while (exp > 0n) {
    if (exp & 1n) result = (result * base) % mod;
    base = (base * base) % mod;
    exp >>= 1n;
  }
  return result;
}

/** y of a compressed NIST point (both curves have p ≡ 3 mod 4); undefined when x is not on the curve. */
function decompress(curve: Curve, prefix: number, xBytes: Uint8Array): Uint8Array | undefined {
  const { p, b } = curve;
  const x = bytesToBigInt(xBytes);
  if (x >= p) return undefined;
  const rhs = (((x * x * x - 3n * x + b) % p) + p) % p;
  let y = modPow(rhs, (p + 1n) / 4n, p);
  if ((y * y) % p !== rhs) return undefined;
  if ((y & 1n) !== BigInt(prefix & 1)) y = p - y;
  return bigIntToBytes(y, curve.size);
}

function multibaseOf(header: [number, number], body: Uint8Array): string {
  const bytes = new Uint8Array(2 + body.length);
  bytes.set(header);
  bytes.set(body, 2);
  return 'z' + base58.encode(bytes);
}

/** Decodes a Multikey `publicKeyMultibase` (Ed25519 `z6Mk…`, P-256 `zDn…`, P-384 `z82…`). */
export function decodeMultikey(multibase: unknown): DecodedPublicKey | undefined {
  if (typeof multibase !== 'string' || multibase[0] !== 'z' || multibase.length > 120) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = base58.decode(multibase.slice(1));
  } catch {
    return undefined;
  }
  if (bytes[0] === ED25519_HEADER[0] && bytes[1] === ED25519_HEADER[1]) {
    if (bytes.length !== 34) return undefined;
    const raw = bytes.slice(2);
    return { algorithm: 'Ed25519', raw, publicKeyMultibase: multibase, jwk: { kty: 'OKP', crv: 'Ed25519', x: b64u.encode(raw) } };
  }
  for (const [name, curve] of Object.entries(CURVES) as ['P-256' | 'P-384', Curve][]) {
    if (bytes[0] !== curve.header[0] || bytes[1] !== curve.header[1]) continue;
    if (bytes.length !== 3 + curve.size) return undefined;
    const prefix = bytes[2]!;
    if (prefix !== 0x02 && prefix !== 0x03) return undefined;
    const x = bytes.slice(3);
    const y = decompress(curve, prefix, x);
    if (!y) return undefined;
    return { algorithm: name, publicKeyMultibase: multibase, jwk: { kty: 'EC', crv: name, x: b64u.encode(x), y: b64u.encode(y) } };
  }
  return undefined;
}

/** Reads a public JWK of a supported curve; undefined for anything else (private keys included). */
export function decodePublicJwk(value: unknown): DecodedPublicKey | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const jwk = value as Record<string, unknown>;
  if ('d' in jwk) return undefined;
  try {
    if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.x === 'string') {
      const raw = b64u.decode(jwk.x);
      if (raw.length !== 32) return undefined;
      return { algorithm: 'Ed25519', raw, jwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, publicKeyMultibase: multibaseOf(ED25519_HEADER, raw) };
    }
    if (jwk.kty === 'EC' && (jwk.crv === 'P-256' || jwk.crv === 'P-384') && typeof jwk.x === 'string' && typeof jwk.y === 'string') {
      const curve = CURVES[jwk.crv];
      const x = b64u.decode(jwk.x);
      const y = b64u.decode(jwk.y);
      if (x.length !== curve.size || y.length !== curve.size) return undefined;
      const yOnCurve = decompress(curve, 0x02 | Number(y[curve.size - 1]! & 1), x);
      if (!yOnCurve || bytesToBigInt(yOnCurve) !== bytesToBigInt(y)) return undefined;
      const compressed = new Uint8Array(1 + curve.size);
      compressed[0] = 0x02 | (y[curve.size - 1]! & 1);
      compressed.set(x, 1);
      return { algorithm: jwk.crv, jwk: { kty: 'EC', crv: jwk.crv, x: jwk.x, y: jwk.y }, publicKeyMultibase: multibaseOf(curve.header, compressed) };
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** The public JWK a did:jwk DID carries; undefined when the DID is not a did:jwk of a supported public key. */
export function decodeDidJwk(did: string): DecodedPublicKey | undefined {
  if (!did.startsWith('did:jwk:')) return undefined;
  const encoded = did.slice('did:jwk:'.length);
  if (!/^[A-Za-z0-9_-]+$/.test(encoded) || encoded.length > 1024) return undefined;
  try {
    return decodePublicJwk(JSON.parse(new TextDecoder().decode(b64u.decode(encoded))));
  } catch {
    return undefined;
  }
}

/** The did:jwk DID of a public JWK (members in the order the DID method's examples use). */
export function didJwkOf(jwk: JsonWebKey): string {
  const { kty, crv, x, y } = jwk;
  const pub = y === undefined ? { crv, kty, x } : { crv, kty, x, y };
  return `did:jwk:${b64u.encode(new TextEncoder().encode(JSON.stringify(pub)))}`;
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { base58 } from '@scure/base';

/** The spec test vectors and OB 3.0 schemas, carried by the project (sources in its README.md). */
export const VECTORS_DIR = fileURLToPath(new URL('../fixtures/vectors/', import.meta.url));

/** Reads a vector file as text or JSON. */
export function vector(path: string): string {
  return readFileSync(VECTORS_DIR + path, 'utf8');
}
export function vectorJson<T = Record<string, unknown>>(path: string): T {
  return JSON.parse(vector(path)) as T;
}

const b64url = (b: Uint8Array) => Buffer.from(b).toString('base64url');

/** Converts a vector key pair (multibase) into a private Ed25519 JWK. */
export function jwkFromMultibase(pair: { publicKeyMultibase: string; privateKeyMultibase: string }): JsonWebKey {
  const pub = base58.decode(pair.publicKeyMultibase.slice(1)).slice(2);
  const priv = base58.decode(pair.privateKeyMultibase.slice(1)).slice(2);
  return { kty: 'OKP', crv: 'Ed25519', x: b64url(pub), d: b64url(priv) };
}

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { base58 } from '@scure/base';

/** The shared spec test vectors; present on every development machine and in CI. */
export const VECTORS_DIR = fileURLToPath(new URL('../../../shared/vectors/', import.meta.url));
export const haveVectors = existsSync(VECTORS_DIR);
export const NO_VECTORS_REASON = `spec vectors not found at ${VECTORS_DIR}: these tests need ../shared/vectors`;

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

// Runs in Node, from vitest.config.ts: fresh Ed25519 keys for the Workers tests' ISSUER_KEYS
// secret, generated per run so no private key is ever committed.
import { generateKeyPairSync, randomBytes } from 'node:crypto';

/** The key references the Workers tests may adopt; SERVICE_KEY_REF is the first. */
export const TEST_KEY_REFS = ['service-1', 'e2e-1', 'e2e-2', 'e2e-3', 'contract-1', 'batch-1'] as const;
/** The holder-binding peppers provisioned beside them. */
export const TEST_PEPPER_REFS = ['pepper-1', 'pepper-2'] as const;

/** ISSUER_KEYS as the secret holds it: `{ "<ref>": <private JWK>, ... }`. */
export function testIssuerKeys(): string {
  const keys: Record<string, JsonWebKey> = {};
  for (const ref of TEST_KEY_REFS) {
    const { kty, crv, x, d } = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
    keys[ref] = { kty, crv, x, d };
  }
  // Holder-binding peppers, as operators provision them (keys generate <ref> --pepper).
  for (const ref of TEST_PEPPER_REFS) keys[ref] = { kty: 'oct', k: randomBytes(32).toString('base64url') };
  return JSON.stringify(keys);
}

import type { CryptoProvider } from '../credentials/crypto.js';
import { didKeyOf, toPublicKeyMultibase } from '../credentials/multikey.js';
import { SkillcredError } from '../errors.js';

/** What `keys generate` prints: the key and the ISSUER_KEYS entry an operator provisions. */
export interface ProvisionedKey {
  ref: string;
  publicKeyMultibase: string;
  didKey: string;
  privateJwk: JsonWebKey;
  /** `{ "<ref>": <jwk> }`: merge into the ISSUER_KEYS JSON object. */
  ISSUER_KEYS: Record<string, JsonWebKey>;
  /** The same entry as text, to paste between the braces of ISSUER_KEYS. */
  fragment: string;
  next: string[];
}

/**
 * A new Ed25519 key for a deployment whose private keys live in a secret (Workers): nothing is
 * stored, the private JWK is printed for the operator to put into ISSUER_KEYS.
 */
export async function generateProvisionedKey(ref: string | undefined, crypto: CryptoProvider, kind: 'signing' | 'pepper' = 'signing'): Promise<ProvisionedKey> {
  if (!ref || !/^[A-Za-z0-9._-]{1,64}$/.test(ref)) {
    throw new SkillcredError('MALFORMED_VALUE', 'keys generate <ref>: the reference must match [A-Za-z0-9._-]{1,64}, e.g. gz-eval-1');
  }
  if (kind === 'pepper') return generatePepper(ref);
  const generated = await crypto.generate();
  const { kty, crv, x, d } = generated.privateJwk;
  const privateJwk: JsonWebKey = { kty, crv, x, d };
  const publicKeyMultibase = toPublicKeyMultibase(generated.publicKey);
  return {
    ref,
    publicKeyMultibase,
    didKey: didKeyOf(generated.publicKey),
    privateJwk,
    ISSUER_KEYS: { [ref]: privateJwk },
    fragment: `${JSON.stringify(ref)}: ${JSON.stringify(privateJwk)}`,
    next: [
      'add the entry to the JSON object of the ISSUER_KEYS secret, next to the keys still current (a retired key signs nothing more: its entry may go, its public key stays in the DID document)',
      'npx wrangler secret put ISSUER_KEYS < issuer-keys.json   (then delete or lock away the local file)',
      `create an issuer with "keyRef": "${ref}", or rotate one with POST /admin/issuers/<slug>/keys/rotate {"keyRef": "${ref}"}`,
    ],
  };
}

/** A new 32-byte holder-binding pepper (an oct JWK) for a deployment whose secrets are provisioned. */
function generatePepper(ref: string): ProvisionedKey {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(32));
  const k = btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  const privateJwk: JsonWebKey = { kty: 'oct', k };
  return {
    ref,
    publicKeyMultibase: '',
    didKey: '',
    privateJwk,
    ISSUER_KEYS: { [ref]: privateJwk },
    fragment: `${JSON.stringify(ref)}: ${JSON.stringify(privateJwk)}`,
    next: [
      'add the entry to the JSON object of the ISSUER_KEYS secret and keep it there for as long as certificates bound with it may be checked (losing it makes their holder checks impossible)',
      "npx wrangler secret put ISSUER_KEYS < issuer-keys.json   (then lock the local file away as the pepper's backup)",
      `create an issuer with "pepperRef": "${ref}", or rotate one with POST /admin/issuers/<slug>/peppers/rotate {"pepperRef": "${ref}"}`,
    ],
  };
}

import { message, SkillcredError } from '../../errors.js';
import type { KeyStore } from '../../ports.js';

/**
 * Private keys from a secret holding a JSON object `{ "<ref>": <private Ed25519 JWK>, ... }`
 * (ISSUER_KEYS on Workers). Read-only: a secret cannot be written from inside the Worker.
 */
export class SecretKeyStore implements KeyStore {
  private readonly keys: ReadonlyMap<string, JsonWebKey>;

  /** Parses the secret once; throws CONFIG naming the fault (never the key material). */
  constructor(secret: string | undefined, name = 'ISSUER_KEYS') {
    this.keys = parseKeys(secret, name);
  }

  async put(ref: string): Promise<void> {
    // the catalogue's wording repeats PROVISION_HINT in every language
    throw new SkillcredError('UNSUPPORTED', message('keys.cannot-store', { ref }), {
      errors: [{ pointer: '/keyRef', key: 'field.keyref-required' }],
    });
  }

  async get(ref: string): Promise<JsonWebKey | null> {
    return this.keys.get(ref) ?? null;
  }

  /** The references the secret holds (never the keys). */
  refs(): string[] {
    return [...this.keys.keys()];
  }
}

function parseKeys(secret: string | undefined, name: string): Map<string, JsonWebKey> {
  const keys = new Map<string, JsonWebKey>();
  if (secret === undefined || secret.trim() === '') return keys;
  let parsed: unknown;
  try {
    parsed = JSON.parse(secret);
  } catch {
    throw new SkillcredError('CONFIG', `${name} is not valid JSON: expected { "<ref>": <private Ed25519 JWK>, ... }`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new SkillcredError('CONFIG', `${name} must be a JSON object { "<ref>": <private Ed25519 JWK>, ... }`);
  }
  for (const [ref, jwk] of Object.entries(parsed as Record<string, unknown>)) {
    const k = jwk as Record<string, unknown> | null;
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(ref))
      throw new SkillcredError('CONFIG', `${name}: key reference ${JSON.stringify(ref)} must match [A-Za-z0-9._-]{1,64}`);
    // A holder-binding pepper: a symmetric secret of at least 32 bytes (43 base64url characters).
    if (k && k.kty === 'oct' && typeof k.k === 'string' && /^[A-Za-z0-9_-]{43,}$/.test(k.k)) {
      keys.set(ref, { kty: 'oct', k: k.k });
      continue;
    }
    if (k?.kty !== 'OKP' || k.crv !== 'Ed25519' || typeof k.x !== 'string' || typeof k.d !== 'string') {
      throw new SkillcredError(
        'CONFIG',
        `${name}: "${ref}" is neither a private Ed25519 JWK (kty OKP, crv Ed25519, x and d) nor a 32-byte pepper (kty oct, k)`,
      );
    }
    keys.set(ref, { kty: 'OKP', crv: 'Ed25519', x: k.x, d: k.d });
  }
  return keys;
}

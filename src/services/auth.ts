import type { CryptoProvider } from '../credentials/crypto.js';
import { ADMIN_API, type Principal } from '../domain/principal.js';
import type { Config } from '../config.js';
import type { Store } from '../store/store.js';
import { constantTimeEqual, hashSecret, parseApiKeyToken } from './secrets.js';

/** The setting holding the SHA-256 of the generated admin token (when ADMIN_TOKEN is not set). */
export const ADMIN_TOKEN_SETTING = 'admin_token_sha256';

/** Turns bearer tokens into principals: API keys (issuer or partner) and the admin token. */
export class AuthService {
  private configuredHash: Promise<string> | undefined;

  constructor(private readonly deps: { store: Store; crypto: CryptoProvider; config: Pick<Config, 'adminToken'> }) {}

  /** The principal a bearer token stands for, or null when it stands for nobody. */
  async authenticate(token: string): Promise<Principal | null> {
    const { store, crypto } = this.deps;
    const parsed = parseApiKeyToken(token);
    if (parsed) {
      const record = await store.getApiKey(parsed.id);
      const hash = await hashSecret(crypto, parsed.secret);
      if (!record || record.revokedAt !== null || !constantTimeEqual(hash, record.secretHash)) return null;
      if (record.issuerId) return { kind: 'issuer', issuerId: record.issuerId, apiKeyId: record.id };
      if (record.partnerId) return { kind: 'partner', partnerId: record.partnerId, apiKeyId: record.id };
      return null;
    }
    const expected = await this.adminTokenHash();
    if (!expected) return null;
    return constantTimeEqual(await hashSecret(crypto, token), expected) ? ADMIN_API : null;
  }

  /** SHA-256 (hex) of the admin token in force: ADMIN_TOKEN if set, else the generated one. */
  adminTokenHash(): Promise<string | null> {
    const { adminToken } = this.deps.config;
    if (adminToken) return (this.configuredHash ??= hashSecret(this.deps.crypto, adminToken));
    return this.deps.store.getSetting(ADMIN_TOKEN_SETTING);
  }
}

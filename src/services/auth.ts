import type { CryptoProvider } from '../credentials/crypto.js';
import { ADMIN_API, type Principal } from '../domain/principal.js';
import type { Config } from '../config.js';
import type { Store } from '../store/store.js';
import type { RateLimiter } from './rate-limit.js';
import { constantTimeEqual, hashSecret, parseApiKeyToken } from './secrets.js';

/** The setting holding the SHA-256 of the generated admin token (when ADMIN_TOKEN is not set). */
export const ADMIN_TOKEN_SETTING = 'admin_token_sha256';

/** Turns bearer tokens into principals: API keys (issuer or partner) and the admin token. */
export class AuthService {
  private configuredHash: Promise<string> | undefined;

  constructor(
    private readonly deps: { store: Store; crypto: CryptoProvider; config: Pick<Config, 'adminToken' | 'authFailuresPerMinute'>; limiter: RateLimiter },
  ) {}

  /**
   * The principal a bearer token stands for, or null when it stands for nobody. Failed attempts
   * are counted per client address and per API key id: past AUTH_FAILURES_PER_MINUTE either way,
   * further attempts get 429 (even right ones) until the minute is over.
   */
  async authenticate(token: string, client: string): Promise<Principal | null> {
    const { limiter, config } = this.deps;
    const parsed = parseApiKeyToken(token);
    const keys = [`auth-fail:addr:${client}`, ...(parsed ? [`auth-fail:key:${parsed.id}`] : [])];
    for (const key of keys) await limiter.check(key, config.authFailuresPerMinute, 60, 'failed authentications');
    const principal = await this.principalOf(token, parsed);
    if (!principal) for (const key of keys) await limiter.record(key);
    return principal;
  }

  private async principalOf(token: string, parsed: ReturnType<typeof parseApiKeyToken>): Promise<Principal | null> {
    const { store, crypto } = this.deps;
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
    if (adminToken) {
      this.configuredHash ??= hashSecret(this.deps.crypto, adminToken);
      return this.configuredHash;
    }
    return this.deps.store.getSetting(ADMIN_TOKEN_SETTING);
  }
}

import type { CryptoProvider } from '../credentials/crypto.js';
import type { Config } from '../config.js';
import { SkillcredError } from '../errors.js';
import type { Store } from '../store/store.js';
import { ADMIN_TOKEN_SETTING } from './auth.js';
import type { IssuedApiKey, IssuerService } from './issuers.js';
import { hashSecret, randomBase64url } from './secrets.js';
import type { ServiceIdentity } from './service-identity.js';
import type { TrustService } from './trust.js';

/** What a first start created and must show its operator once. */
export interface FirstStart {
  adminToken?: string;
  devIssuer?: { slug: string; did: string; apiKey: IssuedApiKey };
}

/** How a runtime asks for its first-start setup. */
export interface SetupOptions {
  devIssuer: boolean;
  /** Adopt this provisioned KeyStore key as the service's own key instead of generating one. */
  serviceKeyRef?: string;
  /** Generate (and show once) an admin token when ADMIN_TOKEN is unset; false where nothing can be shown. */
  generateAdminToken?: boolean;
}

export interface SetupDeps {
  store: Store;
  crypto: CryptoProvider;
  config: Pick<Config, 'adminToken'>;
  identity: ServiceIdentity;
  issuers: Pick<IssuerService, 'createRecord'>;
  trust: Pick<TrustService, 'addAccreditation'>;
}

/** First-start setup, run by every entry before it serves. */
export class SetupService {
  constructor(private readonly deps: SetupDeps) {}

  /**
   * An admin token (unless ADMIN_TOKEN is configured), the service's own key and a development
   * issuer with a fresh key, when the database has no issuer yet. Idempotent across restarts, and
   * race-free when several instances start together on one database: each step is a claim the
   * database decides (insert-if-absent, or a unique slug), so exactly one instance creates each
   * thing and shows its secret; the others find it made. A loser's unused key file stays behind
   * under its own random name, never in the way.
   */
  async firstStart(opts: SetupOptions): Promise<FirstStart> {
    const { store, crypto, config } = this.deps;
    const result: FirstStart = {};
    if (opts.generateAdminToken !== false && !config.adminToken && !(await store.getSetting(ADMIN_TOKEN_SETTING))) {
      const token = `adm_${randomBase64url(32)}`;
      if (await store.putSettingIfAbsent(ADMIN_TOKEN_SETTING, await hashSecret(crypto, token))) result.adminToken = token;
    }
    await this.deps.identity.ensureKey(opts.serviceKeyRef);
    if (opts.devIssuer && (await store.countIssuers()) === 0) {
      const created = await this.deps.issuers
        .createRecord({
          slug: 'dev',
          names: { 'zh-Hans': '开发用评价机构', 'zh-Hant': '開發用評價機構', en: 'Development Evaluation Organisation' },
          orgKind: 'Y',
          filingCode: 'DEV-0001',
          didMethod: 'web',
        })
        .catch((error: unknown) => {
          // Another instance starting at the same moment created it first: nothing left to do here.
          if (error instanceof SkillcredError && error.code === 'CONFLICT') return null;
          throw error;
        });
      if (!created) return result;
      const { record } = created;
      // The development issuer is accredited for everything, so a fresh start can issue at once.
      await this.deps.trust.addAccreditation(record.issuer.slug, {
        kinds: ['skill-level', 'specialized-ability', 'enterprise', 'other'],
        occupations: ['*'],
        validFrom: record.issuer.createdAt,
        chain: 'development',
      });
      result.devIssuer = { slug: record.issuer.slug, did: record.issuer.did, apiKey: record.apiKey };
    }
    return result;
  }
}

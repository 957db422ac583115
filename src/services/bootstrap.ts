import type { Services } from './index.js';
import { ADMIN_TOKEN_SETTING, SERVICE_KEYS_SETTING } from './index.js';
import { serviceDid } from '../credentials/did.js';
import type { IssuedApiKey } from './issuers.js';
import { hashSecret, randomBase64url } from './secrets.js';

/** What a first start created and must show its operator once. */
export interface BootstrapResult {
  adminToken?: string;
  devIssuer?: { slug: string; did: string; apiKey: IssuedApiKey };
}

/** How a runtime asks for its first-start setup. */
export interface BootstrapOptions {
  devIssuer: boolean;
  /** Adopt this provisioned KeyStore key as the service's own key instead of generating one. */
  serviceKeyRef?: string;
  /** Generate (and show once) an admin token when ADMIN_TOKEN is unset; false where nothing can be shown. */
  generateAdminToken?: boolean;
}

/**
 * First-start setup: an admin token (unless ADMIN_TOKEN is configured), the service's own key and
 * a development issuer with a fresh key, when the database has no issuer yet. Idempotent across
 * restarts.
 */
export async function bootstrap(services: Services, opts: BootstrapOptions): Promise<BootstrapResult> {
  const { store, crypto, config } = services.ports;
  const result: BootstrapResult = {};
  if (opts.generateAdminToken !== false && !config.adminToken && !(await store.getSetting(ADMIN_TOKEN_SETTING))) {
    const token = `adm_${randomBase64url(32)}`;
    if (await store.putSettingIfAbsent(ADMIN_TOKEN_SETTING, await hashSecret(crypto, token))) result.adminToken = token;
  }
  if (!(await store.getSetting(SERVICE_KEYS_SETTING))) {
    const { record } = opts.serviceKeyRef
      ? await services.keyring.adopt('_service', serviceDid(config), opts.serviceKeyRef, 1)
      : await services.keyring.generate('_service', serviceDid(config), 'service', 1);
    await store.putSettingIfAbsent(SERVICE_KEYS_SETTING, JSON.stringify([record]));
  }
  if (opts.devIssuer && (await store.countIssuers()) === 0) {
    const { issuer, apiKey } = await services.issuers.create({
      slug: 'dev',
      names: { 'zh-Hans': '开发用评价机构', 'zh-Hant': '開發用評價機構', en: 'Development Evaluation Organisation' },
      orgKind: 'Y',
      filingCode: 'DEV-0001',
      didMethod: 'web',
    });
    // The development issuer is accredited for everything, so a fresh start can issue at once.
    await services.trust.accredit(issuer.slug, {
      kinds: ['skill-level', 'specialized-ability', 'enterprise', 'other'],
      occupations: ['*'],
      validFrom: issuer.createdAt,
      chain: 'development',
    });
    result.devIssuer = { slug: issuer.slug, did: issuer.did, apiKey };
  }
  return result;
}

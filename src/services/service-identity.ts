import { serviceDid } from '../credentials/did.js';
import type { IssuerKeyRecord } from '../domain/issuer.js';
import { message, SkillcredError } from '../errors.js';
import type { Config } from '../config.js';
import type { Store } from '../store/store.js';
import { SERVICE_KEYS_SETTING, type Keyring, type SigningKey } from './keyring.js';

/** The service's own DID and keys: it signs the trust list and recognition statements. */
export class ServiceIdentity {
  readonly did: string;

  constructor(private readonly deps: { store: Store; keyring: Keyring; config: Pick<Config, 'didWebHost' | 'basePath'> }) {
    this.did = serviceDid(deps.config);
  }

  /** The service's keys, oldest first (none before first-start setup). */
  async keys(): Promise<IssuerKeyRecord[]> {
    const raw = await this.deps.store.getSetting(SERVICE_KEYS_SETTING);
    return raw ? (JSON.parse(raw) as IssuerKeyRecord[]) : [];
  }

  /** The current service key, ready to sign. */
  async signingKey(): Promise<SigningKey> {
    const current = (await this.keys()).filter((k) => k.retiredAt === null).at(-1);
    if (!current) throw new SkillcredError('CONFLICT', message('conflict.no-service-key'));
    return this.deps.keyring.signingKey(current);
  }

  /** Creates the first service key (generated, or adopted from the KeyStore under `keyRef`) unless one exists. */
  async ensureKey(keyRef?: string): Promise<void> {
    if (await this.deps.store.getSetting(SERVICE_KEYS_SETTING)) return;
    const { record } = keyRef
      ? await this.deps.keyring.adopt('_service', this.did, keyRef, 1)
      : await this.deps.keyring.generate('_service', this.did, 'service', 1);
    await this.deps.store.putSettingIfAbsent(SERVICE_KEYS_SETTING, JSON.stringify([record]));
  }
}

import { issuerDidWeb } from '../credentials/did.js';
import { SkillcredError } from '../errors.js';
import type { Ports } from '../ports.js';
import type { ApiKeyRecord, IssuerKeyRecord, IssuerRecord, OrgKind } from '../domain/issuer.js';
import type { LocalizedNames } from '../domain/localized.js';
import type { Keyring } from './keyring.js';
import { hashSecret, newApiKeyToken } from './secrets.js';

export interface CreateIssuerInput {
  slug: string;
  names: LocalizedNames;
  orgKind: OrgKind;
  filingCode: string;
  didMethod?: 'web' | 'key';
  suspensionByDefault?: boolean;
  /** Adopt this provisioned KeyStore key instead of generating one (deployments that cannot generate keys). */
  keyRef?: string;
}

/** An API key as shown to its owner, once: the token is never stored. */
export interface IssuedApiKey {
  id: string;
  token: string;
  issuer: string | null;
  createdAt: string;
}

/** Issuer administration: creation, API keys, key rotation. */
export class IssuerService {
  constructor(
    private readonly ports: Pick<Ports, 'store' | 'keys' | 'crypto' | 'clock' | 'config'>,
    private readonly keyring: Keyring,
    private readonly onKeysChanged: () => void = () => {},
  ) {}

  async create(input: CreateIssuerInput): Promise<{ issuer: IssuerRecord; apiKey: IssuedApiKey; key: IssuerKeyRecord }> {
    const { store, clock, config } = this.ports;
    if (await store.getIssuer({ slug: input.slug })) {
      throw new SkillcredError('CONFLICT', `an issuer with slug ${JSON.stringify(input.slug)} already exists`);
    }
    const id = crypto.randomUUID();
    const method = input.didMethod ?? 'web';
    const webDid = method === 'web' ? issuerDidWeb(config, input.slug) : null;
    const { record: key, did } = input.keyRef
      ? await this.keyring.adopt(id, webDid, input.keyRef, 1)
      : await this.keyring.generate(id, webDid, input.slug, 1);
    const now = clock.now().toISOString();
    const issuer: IssuerRecord = {
      id,
      slug: input.slug,
      did,
      didMethod: method,
      names: input.names,
      orgKind: input.orgKind,
      filingCode: input.filingCode,
      suspensionByDefault: input.suspensionByDefault ?? false,
      createdAt: now,
    };
    const { record: apiKeyRecord, shown } = await this.newApiKey(id, now);
    try {
      await store.createIssuer(issuer, key, apiKeyRecord);
    } catch (error) {
      if (/UNIQUE/i.test(String(error))) {
        throw new SkillcredError('CONFLICT', `an issuer with slug ${JSON.stringify(input.slug)} or its DID already exists`);
      }
      throw error;
    }
    return { issuer, apiKey: { ...shown, issuer: issuer.slug }, key };
  }

  async get(slug: string): Promise<IssuerRecord> {
    const issuer = await this.ports.store.getIssuer({ slug });
    if (!issuer) throw new SkillcredError('NOT_FOUND', `no issuer ${JSON.stringify(slug)}`);
    return issuer;
  }

  async addApiKey(slug: string, label?: string): Promise<IssuedApiKey> {
    const issuer = await this.get(slug);
    const now = this.ports.clock.now().toISOString();
    const { record, shown } = await this.newApiKey(issuer.id, now, label);
    await this.ports.store.createApiKey(record);
    return { ...shown, issuer: slug };
  }

  async revokeApiKey(id: string): Promise<void> {
    const ok = await this.ports.store.revokeApiKey(id, this.ports.clock.now().toISOString());
    if (!ok) throw new SkillcredError('NOT_FOUND', `no active API key ${JSON.stringify(id)}`);
  }

  /**
   * A new current signing key, generated or adopted from the KeyStore (`keyRef`); the old one is
   * retired but stays in the DID document.
   */
  async rotateKey(slug: string, opts: { keyRef?: string } = {}): Promise<{ issuer: IssuerRecord; key: IssuerKeyRecord; retired: IssuerKeyRecord[] }> {
    const issuer = await this.get(slug);
    if (issuer.didMethod === 'key') {
      throw new SkillcredError('CONFLICT', 'a did:key issuer is its key and cannot rotate it; create a new issuer instead');
    }
    const before = await this.ports.store.listIssuerKeys(issuer.id);
    if (opts.keyRef && before.some((k) => k.privateKeyRef === opts.keyRef)) {
      throw new SkillcredError('CONFLICT', `key ${JSON.stringify(opts.keyRef)} was already used by this issuer; rotate to a newly provisioned key`);
    }
    const { record } = opts.keyRef
      ? await this.keyring.adopt(issuer.id, issuer.did, opts.keyRef, before.length + 1)
      : await this.keyring.generate(issuer.id, issuer.did, issuer.slug, before.length + 1);
    const at = this.ports.clock.now().toISOString();
    await this.ports.store.rotateIssuerKey(issuer.id, record, at);
    this.onKeysChanged();
    const retired = before.filter((k) => k.retiredAt === null).map((k) => ({ ...k, retiredAt: at }));
    return { issuer, key: record, retired };
  }

  private async newApiKey(issuerId: string, now: string, label?: string) {
    const { id, secret, token } = newApiKeyToken();
    const record: ApiKeyRecord = {
      id,
      issuerId,
      partnerId: null,
      secretHash: await hashSecret(this.ports.crypto, secret),
      label: label ?? null,
      createdAt: now,
      revokedAt: null,
    };
    return { record, shown: { id, token, createdAt: now } };
  }
}

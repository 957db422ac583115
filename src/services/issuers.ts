import { didDocument, issuerDidWeb } from '../credentials/did.js';
import type { ApiKeyRecord, IssuerKeyRecord, IssuerRecord, OrgKind } from '../domain/issuer.js';
import type { LocalizedNames } from '../domain/localized.js';
import type { Principal } from '../domain/principal.js';
import type { IssuerRequest } from '../domain/requests.js';
import { message, SkillcredError } from '../errors.js';
import type { Clock } from '../ports.js';
import type { Config } from '../config.js';
import type { CryptoProvider } from '../credentials/crypto.js';
import type { Store } from '../store/store.js';
import { adminOnly } from './access.js';
import type { Keyring } from './keyring.js';
import { hashSecret, newApiKeyToken } from './secrets.js';
import type { ServiceIdentity } from './service-identity.js';
import type { HolderService } from './holder.js';
import type { StatusService } from './status.js';

/** An API key as shown to its owner, once: the token is never stored. */
export interface IssuedApiKey {
  id: string;
  token: string;
  issuer: string | null;
  createdAt: string;
}

/** An issuer as the admin API shows it. */
export interface IssuerView {
  slug: string;
  did: string;
  didMethod: 'web' | 'key';
  names: LocalizedNames;
  orgKind: OrgKind;
  filingCode: string;
  suspensionByDefault: boolean;
  createdAt: string;
  didDocument: string | null;
}

/** A key as the admin API shows it (never its private reference). */
export interface KeyView {
  id: string;
  publicKeyMultibase: string;
  createdAt: string;
  retiredAt: string | null;
  compromisedAt: string | null;
}

export interface IssuerDeps {
  store: Store;
  crypto: CryptoProvider;
  clock: Clock;
  config: Pick<Config, 'publicUrl' | 'didWebHost' | 'basePath'>;
  keyring: Keyring;
  identity: ServiceIdentity;
  /** Re-signs an issuer's status lists (after a rotation). */
  status: Pick<StatusService, 'resignAll'>;
  /** Adopts a provisioned holder pepper for a new issuer. */
  holder: Pick<HolderService, 'assertPepperRef' | 'adoptPepper'>;
  /** Called after an issuer's keys changed (key caches). */
  onKeysChanged?: () => void;
}

/** Issuer administration (admin only): creation, API keys, key rotation; and the public DID documents. */
export class IssuerService {
  constructor(private readonly deps: IssuerDeps) {}

  /** Creates an issuer with a key (generated or adopted) and a first API key. */
  async create(principal: Principal | undefined, input: IssuerRequest): Promise<{ issuer: IssuerView; apiKey: IssuedApiKey; location: string }> {
    adminOnly(principal, 'creating an issuer');
    const { record } = await this.createRecord(input);
    return { ...record, issuer: this.view(record.issuer), location: `${this.deps.config.publicUrl}/admin/issuers/${record.issuer.slug}` };
  }

  /** Creation without a caller check, for first-start setup. */
  async createRecord(input: IssuerRequest): Promise<{ record: { issuer: IssuerRecord; apiKey: IssuedApiKey; key: IssuerKeyRecord } }> {
    const { store, clock, config, keyring } = this.deps;
    if (await store.getIssuer({ slug: input.slug })) throw new SkillcredError('CONFLICT', message('conflict.issuer-exists', { slug: input.slug }));
    if (input.pepperRef) await this.deps.holder.assertPepperRef(input.pepperRef);
    const id = crypto.randomUUID();
    const method = input.didMethod ?? 'web';
    const webDid = method === 'web' ? issuerDidWeb(config, input.slug) : null;
    const { record: key, did } = input.keyRef ? await keyring.adopt(id, webDid, input.keyRef, 1) : await keyring.generate(id, webDid, input.slug, 1);
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
      statusByDefault: input.statusByDefault ?? true,
      createdAt: now,
    };
    const { record: apiKeyRecord, shown } = await this.newApiKey(id, now);
    try {
      await store.createIssuer(issuer, key, apiKeyRecord);
    } catch (error) {
      if (/UNIQUE|duplicate key/i.test(String(error))) throw new SkillcredError('CONFLICT', message('conflict.issuer-or-did-exists', { slug: input.slug }));
      throw error;
    }
    if (input.pepperRef) await this.deps.holder.adoptPepper(issuer, input.pepperRef);
    return { record: { issuer, apiKey: { ...shown, issuer: issuer.slug }, key } };
  }

  /** Every issuer. */
  async list(principal: Principal | undefined): Promise<{ issuers: IssuerView[] }> {
    adminOnly(principal, 'listing issuers');
    return { issuers: (await this.deps.store.listIssuers()).map((i) => this.view(i)) };
  }

  /** One issuer with its keys. */
  async show(principal: Principal | undefined, slug: string): Promise<{ issuer: IssuerView; keys: KeyView[] }> {
    adminOnly(principal, 'reading an issuer');
    const issuer = await this.bySlug(slug);
    return { issuer: this.view(issuer), keys: (await this.deps.store.listIssuerKeys(issuer.id)).map(keyView) };
  }

  /** A new API key for an issuer (shown once). */
  async addApiKey(principal: Principal | undefined, slug: string, label?: string): Promise<{ apiKey: IssuedApiKey }> {
    adminOnly(principal, 'creating an API key');
    const issuer = await this.bySlug(slug);
    const now = this.deps.clock.now().toISOString();
    const { record, shown } = await this.newApiKey(issuer.id, now, label);
    await this.deps.store.createApiKey(record);
    return { apiKey: { ...shown, issuer: slug } };
  }

  /** Revokes an API key. */
  async revokeApiKey(principal: Principal | undefined, id: string): Promise<void> {
    adminOnly(principal, 'revoking an API key');
    const ok = await this.deps.store.revokeApiKey(id, this.deps.clock.now().toISOString());
    if (!ok) throw new SkillcredError('NOT_FOUND', message('not-found.api-key', { id }));
  }

  /**
   * A new current signing key, generated or adopted from the KeyStore (`keyRef`); the old one is
   * retired but stays in the DID document.
   */
  async rotateKey(principal: Principal | undefined, slug: string, opts: { keyRef?: string } = {}): Promise<{ key: KeyView; retired: KeyView[] }> {
    adminOnly(principal, 'rotating a key');
    const issuer = await this.bySlug(slug);
    if (issuer.didMethod === 'key') throw new SkillcredError('CONFLICT', message('conflict.did-key-rotation'));
    const before = await this.deps.store.listIssuerKeys(issuer.id);
    if (opts.keyRef && before.some((k) => k.privateKeyRef === opts.keyRef)) {
      throw new SkillcredError('CONFLICT', message('conflict.key-ref-used', { ref: String(opts.keyRef) }));
    }
    const { record } = opts.keyRef
      ? await this.deps.keyring.adopt(issuer.id, issuer.did, opts.keyRef, before.length + 1)
      : await this.deps.keyring.generate(issuer.id, issuer.did, issuer.slug, before.length + 1);
    const at = this.deps.clock.now().toISOString();
    await this.deps.store.rotateIssuerKey(issuer.id, record, at);
    this.deps.onKeysChanged?.();
    // Right away, not on the next fetch: after a compromise the lists could not be signed at all.
    await this.deps.status.resignAll(issuer);
    const retired = before.filter((k) => k.retiredAt === null).map((k) => ({ ...k, retiredAt: at }));
    return { key: keyView(record), retired: retired.map(keyView) };
  }

  /** The did:web document of a hosted issuer (public). */
  async didDocument(slug: string): Promise<Record<string, unknown>> {
    const issuer = await this.deps.store.getIssuer({ slug });
    if (issuer?.didMethod !== 'web') throw new SkillcredError('NOT_FOUND', message('not-found.did-web-issuer', { slug }));
    return didDocument(issuer.did, await this.deps.store.listIssuerKeys(issuer.id));
  }

  /** The service's own DID document (public). */
  async serviceDidDocument(): Promise<Record<string, unknown>> {
    return didDocument(this.deps.identity.did, await this.deps.identity.keys());
  }

  /** The issuer with this slug, or 404. */
  async bySlug(slug: string): Promise<IssuerRecord> {
    const issuer = await this.deps.store.getIssuer({ slug });
    if (!issuer) throw new SkillcredError('NOT_FOUND', message('not-found.issuer', { slug }));
    return issuer;
  }

  private view(issuer: IssuerRecord): IssuerView {
    return {
      slug: issuer.slug,
      did: issuer.did,
      didMethod: issuer.didMethod,
      names: issuer.names,
      orgKind: issuer.orgKind,
      filingCode: issuer.filingCode,
      suspensionByDefault: issuer.suspensionByDefault,
      createdAt: issuer.createdAt,
      didDocument: issuer.didMethod === 'web' ? `${this.deps.config.publicUrl}/issuers/${issuer.slug}/did.json` : null,
    };
  }

  private async newApiKey(issuerId: string, now: string, label?: string) {
    const { id, secret, token } = newApiKeyToken();
    const record: ApiKeyRecord = {
      id,
      issuerId,
      partnerId: null,
      secretHash: await hashSecret(this.deps.crypto, secret),
      label: label ?? null,
      createdAt: now,
      revokedAt: null,
    };
    return { record, shown: { id, token, createdAt: now } };
  }
}

function keyView(k: IssuerKeyRecord): KeyView {
  return { id: k.id, publicKeyMultibase: k.publicKeyMultibase, createdAt: k.createdAt, retiredAt: k.retiredAt, compromisedAt: k.compromisedAt };
}

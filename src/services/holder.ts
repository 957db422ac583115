// Holder bindings and the online holder check. See domain/holder.ts for the construction.
import type { CryptoProvider } from '../credentials/crypto.js';
import type { JsonObject } from '../credentials/data-integrity.js';
import { bindingInput, keyedBinding, legacyBindingInput, readHolderBinding, sameHex, type HolderCheckResult, type PepperRecord } from '../domain/holder.js';
import type { IssuerRecord } from '../domain/issuer.js';
import type { Principal } from '../domain/principal.js';
import { malformed, message, SkillcredError } from '../errors.js';
import type { Clock, KeyStore, Logger } from '../ports.js';
import type { Config } from '../config.js';
import type { Store } from '../store/store.js';
import { holderIdentifiers } from '../verify/holder-offline.js';
import type { HolderOutcome } from '../verify/verify-options.js';
import { adminOnly } from './access.js';
import type { RateLimiter } from './rate-limit.js';
import { randomBase64url } from './secrets.js';

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const b64url = {
  encode: (bytes: Uint8Array) =>
    btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, ''),
  decode: (s: string) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)),
};

export interface HolderDeps {
  store: Store;
  keys: KeyStore;
  crypto: CryptoProvider;
  clock: Clock;
  log: Logger;
  limiter: RateLimiter;
  config: Pick<Config, 'holderWrongPerHour' | 'holderWrongWindowSeconds' | 'holderChecksPerMinute'>;
}

/** A certificate's binding of its holder's ID number, as the credential and its record carry it. */
export interface Binding {
  identityHash: string;
  salt: string;
}

/**
 * Keyed holder bindings: made at issuance with the issuer's current pepper, compared only here,
 * online, limited and audited. Peppers are secrets kept like private keys (KeyStore), named in the
 * store by reference; rotation adds one and keeps the old ones for older certificates.
 */
export class HolderService {
  private readonly secrets = new Map<string, Uint8Array>();

  constructor(private readonly deps: HolderDeps) {}

  /** Binds an ID number for a new certificate of `issuer`. */
  async bind(issuer: IssuerRecord, idNumber: string): Promise<Binding> {
    const pepper = await this.currentPepper(issuer);
    const salt = randomBase64url(16);
    const mac = await this.deps.crypto.hmacSha256(await this.secret(pepper), bindingInput(salt, idNumber));
    return { identityHash: keyedBinding(pepper.id, hex(mac)), salt };
  }

  /**
   * Compares a number with a certificate's binding: match or no match, or unavailable when this
   * service cannot tell (not its certificate, a lost pepper). At most `holderWrongPerHour` wrong
   * numbers an hour per certificate (then 429 for it) and `holderChecksPerMinute` checks a
   * minute per client address. Every check is audited, without the number or the address.
   */
  async check(credential: JsonObject, idNumber: string, client: string): Promise<HolderOutcome> {
    const { store, limiter, config, clock } = this.deps;
    const bound = holderIdentifiers(credential);
    const issuerDid = typeof credential.issuer === 'string' ? credential.issuer : (credential.issuer as JsonObject | undefined)?.id;
    const issuer = typeof issuerDid === 'string' ? await store.getIssuer({ did: issuerDid }) : null;
    const key = typeof credential.id === 'string' ? credential.id : String(bound[0]?.identityHash ?? 'unknown');
    const audit = async (result: HolderCheckResult) => {
      const clientHash = issuer
        ? hex(await this.deps.crypto.hmacSha256(await this.secret(await this.currentPepper(issuer)), new TextEncoder().encode(`client-address:${client}`)))
        : 'not-ours';
      await store.recordHolderCheck({ credentialKey: key, issuerId: issuer?.id ?? null, result, clientHash, at: clock.now().toISOString() });
    };
    if (!issuer || bound.length === 0) {
      return { result: 'unavailable', why: 'not-ours' };
    }
    try {
      await limiter.take(`holder-client:${client}`, config.holderChecksPerMinute, 1, 60, 'holder checks');
      await limiter.check(`holder-wrong:${key}`, config.holderWrongPerHour, config.holderWrongWindowSeconds, 'wrong ID numbers for this certificate');
    } catch (error) {
      await audit('limited');
      throw error;
    }
    const outcome = await this.compare(issuer, bound, idNumber);
    if (outcome.result === 'no-match') await limiter.record(`holder-wrong:${key}`, config.holderWrongWindowSeconds);
    await audit(outcome.result);
    return outcome;
  }

  private async compare(issuer: IssuerRecord, bound: JsonObject[], idNumber: string): Promise<HolderOutcome> {
    const peppers = await this.deps.store.listPeppers(issuer.id);
    let unavailable = false;
    for (const id of bound) {
      const value = String(id.identityHash);
      const salt = typeof id.salt === 'string' ? id.salt : '';
      const binding = readHolderBinding(value);
      if (binding.kind === 'keyed') {
        const pepper = peppers.find((p) => p.id === binding.pepperId);
        const secret = pepper ? await this.secret(pepper).catch(() => null) : null;
        if (!secret) {
          unavailable = true;
          continue;
        }
        if (sameHex(hex(await this.deps.crypto.hmacSha256(secret, bindingInput(salt, idNumber))), binding.mac)) return { result: 'match' };
      } else if (binding.kind === 'legacy-sha256') {
        if (sameHex(hex(await this.deps.crypto.sha256(legacyBindingInput(salt, idNumber))), binding.digest)) return { result: 'match' };
      }
    }
    // A lost pepper makes the check impossible, never wrong.
    return unavailable ? { result: 'unavailable', why: 'pepper-missing' } : { result: 'no-match' };
  }

  /** A new current pepper for an issuer (generated, or adopted from the KeyStore); old ones stay for older certificates. */
  async rotatePepper(
    principal: Principal | undefined,
    slug: string,
    opts: { pepperRef?: string } = {},
  ): Promise<{ pepper: { id: string; createdAt: string } }> {
    adminOnly(principal, 'rotating a holder pepper');
    const pepper = await this.addPepper(await this.issuer(slug), opts.pepperRef);
    return { pepper: { id: pepper.id, createdAt: pepper.createdAt } };
  }

  /** Adopts a provisioned pepper as a new issuer's first (issuer creation with pepperRef). */
  async adoptPepper(issuer: IssuerRecord, pepperRef: string): Promise<void> {
    await this.addPepper(issuer, pepperRef);
  }

  /** Refuses (422) a pepperRef with no usable secret behind it, before anything is created. */
  async assertPepperRef(pepperRef: string): Promise<void> {
    await this.provisioned(pepperRef);
  }

  /** The issuer's certificates still carrying the legacy unkeyed binding, to reissue. */
  async legacy(
    principal: Principal | undefined,
    slug: string,
  ): Promise<{ issuer: string; count: number; credentials: { id: string; certificateNumber: string | null; issuedAt: string }[] }> {
    adminOnly(principal, 'listing legacy holder bindings');
    const issuer = await this.issuer(slug);
    const records = await this.deps.store.listLegacyHolderBindings(issuer.id);
    return {
      issuer: issuer.slug,
      count: records.length,
      credentials: records.map((r) => ({ id: r.id, certificateNumber: r.certificateNumber, issuedAt: r.issuedAt })),
    };
  }

  private async currentPepper(issuer: IssuerRecord): Promise<PepperRecord> {
    const current = (await this.deps.store.listPeppers(issuer.id)).find((p) => p.retiredAt === null);
    return current ?? this.addPepper(issuer);
  }

  private async addPepper(issuer: IssuerRecord, adoptRef?: string): Promise<PepperRecord> {
    const id = `hp-${randomBase64url(6)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '0')}`;
    const keyRef = adoptRef ?? `${issuer.slug}-holder-${id}`;
    if (adoptRef) await this.provisioned(adoptRef);
    else {
      // Where keys cannot be generated (Workers), put() refuses: provision one and name it pepperRef.
      await this.deps.keys.put(keyRef, { kty: 'oct', k: b64url.encode(crypto.getRandomValues(new Uint8Array(32))) }).catch((error: unknown) => {
        if (!(error instanceof SkillcredError && error.code === 'UNSUPPORTED')) throw error;
        throw new SkillcredError(
          'CONFLICT',
          `issuer ${issuer.slug} has no holder-binding pepper and this deployment cannot make one: generate one with \`npm run admin -- keys generate <ref> --pepper\`, add it to the ISSUER_KEYS secret, then POST /admin/issuers/${issuer.slug}/peppers/rotate {"pepperRef": "<ref>"}`,
        );
      });
    }
    const pepper: PepperRecord = { id, issuerId: issuer.id, keyRef, createdAt: this.deps.clock.now().toISOString(), retiredAt: null };
    try {
      await this.deps.store.addPepper(pepper);
    } catch (error) {
      // Two first issuances at once: the other one's pepper is current; use it.
      const current = (await this.deps.store.listPeppers(issuer.id)).find((p) => p.retiredAt === null);
      if (current && !adoptRef) return current;
      throw error;
    }
    this.deps.log.info('holder_pepper_added', { issuer: issuer.slug, pepper: id });
    return pepper;
  }

  private async provisioned(ref: string): Promise<void> {
    const jwk = await this.deps.keys.get(ref).catch(() => null);
    if (jwk?.kty !== 'oct' || typeof jwk.k !== 'string' || b64url.decode(jwk.k).length < 32) {
      throw malformed('/pepperRef', 'field.pepper-not-provisioned', { ref });
    }
  }

  private async issuer(slug: string): Promise<IssuerRecord> {
    const issuer = await this.deps.store.getIssuer({ slug });
    if (!issuer) throw new SkillcredError('NOT_FOUND', message('not-found.issuer', { slug }));
    return issuer;
  }

  private async secret(pepper: PepperRecord): Promise<Uint8Array> {
    const cached = this.secrets.get(pepper.id);
    if (cached) return cached;
    const jwk = await this.deps.keys.get(pepper.keyRef);
    if (!jwk || typeof jwk.k !== 'string') throw new SkillcredError('UNAVAILABLE', message('pepper.unavailable', { id: pepper.id }));
    const bytes = b64url.decode(jwk.k);
    this.secrets.set(pepper.id, bytes);
    return bytes;
  }
}

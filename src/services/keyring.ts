import type { PrivateKeyHandle } from '../credentials/crypto.js';
import { toPublicKeyMultibase } from '../credentials/multikey.js';
import { verificationMethodId } from '../credentials/did.js';
import { message, SkillcredError } from '../errors.js';
import type { FieldKey } from '../errors-fields.js';
import type { Ports } from '../ports.js';
import type { IssuerKeyRecord, IssuerRecord } from '../domain/issuer.js';
import { randomHex } from './secrets.js';

/** The setting holding the service key records (JSON array, oldest first). */
export const SERVICE_KEYS_SETTING = 'service_keys';

/** A key ready to sign: its record and its imported private key. */
export interface SigningKey {
  record: IssuerKeyRecord;
  handle: PrivateKeyHandle;
}

const MAX_CACHED = 256;

/** Generates issuer keys and hands out current signing keys, each imported once. */
export class Keyring {
  private readonly cache = new Map<string, PrivateKeyHandle>();

  constructor(private readonly ports: Pick<Ports, 'store' | 'keys' | 'crypto' | 'clock'>) {}

  /** Makes a new key for `did` (the n-th it holds) and stores its private half in the KeyStore. */
  async generate(issuerId: string, did: string | null, slug: string, n: number): Promise<{ record: IssuerKeyRecord; did: string }> {
    const { privateJwk, publicKey } = await this.ports.crypto.generate();
    const ref = `${slug}-${n}-${randomHex(4)}`;
    await this.ports.keys.put(ref, privateJwk);
    return this.recordFor(issuerId, did, publicKey, ref, n);
  }

  /** The key record (and the DID: a did:key issuer's is its key) of the n-th key of an issuer. */
  private recordFor(issuerId: string, did: string | null, publicKey: Uint8Array, ref: string, n: number): { record: IssuerKeyRecord; did: string } {
    const multibase = toPublicKeyMultibase(publicKey);
    const ownDid = did ?? `did:key:${multibase}`;
    return {
      did: ownDid,
      record: {
        id: verificationMethodId(ownDid, multibase, n),
        issuerId,
        publicKeyMultibase: multibase,
        privateKeyRef: ref,
        createdAt: this.ports.clock.now().toISOString(),
        retiredAt: null,
        compromisedAt: null,
      },
    };
  }

  /**
   * Adopts a private key already in the KeyStore under `ref` (provisioned outside the service, as
   * on Workers where keys live in a secret) as the n-th key of `did`. Never writes the KeyStore.
   */
  async adopt(issuerId: string, did: string | null, ref: string, n: number): Promise<{ record: IssuerKeyRecord; did: string }> {
    // A provisioned key is adopted by one principal, once: never a key another issuer (or the
    // service) already signs with, which would let an admin sign as them.
    if (await this.refInUse(ref)) {
      throw new SkillcredError('CONFLICT', message('conflict.key-ref-taken', { ref }), {
        errors: [{ pointer: '/keyRef', key: 'field.keyref-taken' }],
      });
    }
    const jwk = await this.ports.keys.get(ref);
    const bad = (key: FieldKey) =>
      new SkillcredError('MALFORMED_VALUE', message('keys.bad-ref', { ref, field: key }), { errors: [{ pointer: '/keyRef', key }] });
    if (!jwk) throw bad('field.keyref-missing');
    let handle: PrivateKeyHandle;
    try {
      handle = await this.ports.crypto.importPrivateKey(jwk);
    } catch {
      throw bad('field.keyref-not-jwk');
    }
    // The public key comes from the JWK's x: prove the private half d belongs to it.
    const probe = crypto.getRandomValues(new Uint8Array(32));
    const signature = await this.ports.crypto.sign(handle, probe);
    if (!(await this.ports.crypto.verify(await this.ports.crypto.importPublicKey(handle.publicKey), signature, probe))) {
      throw bad('field.keyref-mismatch');
    }
    return this.recordFor(issuerId, did, handle.publicKey, ref, n);
  }

  /** The issuer's current (unretired) key, imported and cached; 409 naming keys/rotate when it has none. */
  async current(issuer: Pick<IssuerRecord, 'id' | 'slug'>): Promise<SigningKey> {
    const keys = await this.ports.store.listIssuerKeys(issuer.id);
    const record = keys.find((k) => k.retiredAt === null);
    if (!record) throw new SkillcredError('CONFLICT', message('conflict.no-usable-key', { slug: issuer.slug }));
    return { record, handle: await this.handle(record) };
  }

  /** Whether a KeyStore reference already belongs to an issuer key or to the service's key. */
  private async refInUse(ref: string): Promise<boolean> {
    if (await this.ports.store.findKeyByRef(ref)) return true;
    const service = await this.ports.store.getSetting(SERVICE_KEYS_SETTING);
    return service !== null && (JSON.parse(service) as IssuerKeyRecord[]).some((k) => k.privateKeyRef === ref);
  }

  /** The signing key of a given key record (the service's own key, whose records live in settings). */
  async signingKey(record: IssuerKeyRecord): Promise<SigningKey> {
    return { record, handle: await this.handle(record) };
  }

  private async handle(record: IssuerKeyRecord): Promise<PrivateKeyHandle> {
    const cached = this.cache.get(record.privateKeyRef);
    if (cached) return cached;
    const jwk = await this.ports.keys.get(record.privateKeyRef);
    if (!jwk) {
      throw new SkillcredError('CONFLICT', message('conflict.key-unavailable', { key: record.id }));
    }
    const handle = await this.ports.crypto.importPrivateKey(jwk);
    if (toPublicKeyMultibase(handle.publicKey) !== record.publicKeyMultibase) {
      throw new SkillcredError('CONFLICT', message('conflict.key-mismatch', { key: record.id }));
    }
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(record.privateKeyRef, handle);
    return handle;
  }
}

import type { Config, Fetcher, Store } from '../ports.js';
import type { CryptoProvider, PublicKeyHandle } from './crypto.js';
import { didWebTarget } from './did-web.js';
import { decodeDidJwk, decodeMultikey, decodePublicJwk, type DecodedPublicKey, type KeyAlgorithm } from './keys.js';
import { base58 } from '@scure/base';

/** A verification method resolved to a usable key, with what is known of its lifecycle. */
export interface ResolvedKey {
  id: string;
  controller: string;
  /** The key's curve: Ed25519 keys check Data Integrity proofs and EdDSA JWTs, P-256/P-384 keys ES256/ES384 JWTs. */
  algorithm: KeyAlgorithm;
  publicKeyMultibase: string;
  /** The public key as a JWK (what jose verifies JWTs with when no native key is at hand). */
  publicKeyJwk: JsonWebKey;
  /**
   * The key imported once: for Ed25519 through the CryptoProvider port (Data Integrity proofs);
   * for P-256/P-384 a WebCrypto ECDSA CryptoKey (JWTs only).
   */
  publicKey: PublicKeyHandle;
  /** Listed in its controller's assertionMethod (may sign credentials). */
  assertion: boolean;
  createdAt: string | null;
  retiredAt: string | null;
  /** When the key was marked compromised (our issuers) or `revoked` in its DID document. */
  compromisedAt: string | null;
  source: 'did:key' | 'did:jwk' | 'hosted' | 'did:web';
}

/** Why a verification method could not be resolved. */
export class ResolveError extends Error {
  constructor(
    message: string,
    readonly reason: 'unsupported' | 'not-found' | 'fetch-failed' | 'malformed',
  ) {
    super(message);
    this.name = 'ResolveError';
  }
}

type Json = Record<string, unknown>;
const MAX_KEYS = 1024;

/**
 * Imports public keys once and keeps them (bounded): Ed25519 through the CryptoProvider port,
 * P-256/P-384 as WebCrypto ECDSA keys (the same API on Node, workerd and browsers).
 */
export class KeyHandles {
  private readonly handles = new Map<string, Promise<PublicKeyHandle>>();

  constructor(private readonly crypto: CryptoProvider) {}

  get(key: DecodedPublicKey): Promise<PublicKeyHandle> {
    let h = this.handles.get(key.publicKeyMultibase);
    if (!h) {
      h = key.algorithm === 'Ed25519' ? this.crypto.importPublicKey(key.raw!) : importEcKey(key);
      h.catch(() => this.handles.delete(key.publicKeyMultibase));
      if (this.handles.size >= MAX_KEYS) this.handles.delete(this.handles.keys().next().value!);
      this.handles.set(key.publicKeyMultibase, h);
    }
    return h;
  }
}

async function importEcKey(key: DecodedPublicKey): Promise<PublicKeyHandle> {
  const native = await crypto.subtle.importKey('jwk', key.jwk, { name: 'ECDSA', namedCurve: key.algorithm }, true, ['verify']);
  return { kind: 'public', raw: new Uint8Array(0), native };
}

/** A resolved key; lifecycle dates and the assertion flag come in `extra` (none for did:key, did:jwk). */
export async function plainKey(
  id: string,
  controller: string,
  decoded: DecodedPublicKey,
  handles: KeyHandles,
  source: ResolvedKey['source'],
  extra: Partial<ResolvedKey> = {},
): Promise<ResolvedKey> {
  return {
    id,
    controller,
    algorithm: decoded.algorithm,
    publicKeyMultibase: decoded.publicKeyMultibase,
    publicKeyJwk: decoded.jwk,
    publicKey: await handles.get(decoded),
    assertion: true,
    createdAt: null,
    retiredAt: null,
    compromisedAt: null,
    source,
    ...extra,
  };
}

/**
 * Resolves the DIDs that carry their key in themselves: did:key (Ed25519 `z6Mk…`, P-256 `zDn…`,
 * P-384 `z82…`) and did:jwk. Undefined for any other DID method.
 */
export async function resolveSelfContainedDid(vmId: string, handles: KeyHandles): Promise<ResolvedKey | undefined> {
  const hash = vmId.indexOf('#');
  const did = hash === -1 ? vmId : vmId.slice(0, hash);
  const fragment = hash === -1 ? undefined : vmId.slice(hash + 1);
  if (did.startsWith('did:key:')) {
    const multibase = did.slice('did:key:'.length);
    if ((fragment ?? multibase) !== multibase) throw new ResolveError(`${vmId}: a did:key fragment must repeat the key`, 'not-found');
    const decoded = decodeMultikey(multibase);
    if (!decoded) throw new ResolveError(`${did} is not a did:key of an Ed25519, P-256 or P-384 key`, 'unsupported');
    return plainKey(`${did}#${multibase}`, did, decoded, handles, 'did:key');
  }
  if (did.startsWith('did:jwk:')) {
    if (fragment !== undefined && fragment !== '0') throw new ResolveError(`${vmId}: a did:jwk has one verification method, #0`, 'not-found');
    const decoded = decodeDidJwk(did);
    if (!decoded) throw new ResolveError(`${did.slice(0, 40)}… is not a did:jwk of a public Ed25519, P-256 or P-384 key`, 'unsupported');
    return plainKey(`${did}#0`, did, decoded, handles, 'did:jwk');
  }
  return undefined;
}

/** The public key of a verification method object from a DID document (Multikey, JsonWebKey2020, Ed25519 2018/2020). */
export function decodeVerificationMethod(vm: Json): DecodedPublicKey | undefined {
  if (typeof vm.publicKeyMultibase === 'string') return decodeMultikey(vm.publicKeyMultibase);
  if (vm.publicKeyJwk !== undefined) return decodePublicJwk(vm.publicKeyJwk);
  if (vm.type === 'Ed25519VerificationKey2018' && typeof vm.publicKeyBase58 === 'string') {
    try {
      const raw = base58.decode(vm.publicKeyBase58);
      if (raw.length !== 32) return undefined;
      const bytes = new Uint8Array(34);
      bytes.set([0xed, 0x01]);
      bytes.set(raw, 2);
      return decodeMultikey('z' + base58.encode(bytes));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Resolves verification methods: did:key and did:jwk locally, our own did:web issuers (and the
 * service DID) from the store, other did:web documents through the Fetcher port.
 */
export class KeyResolver {
  private readonly handles: KeyHandles;
  // Our own keys, briefly: a rotation or compromise in this process clears it at once
  // (invalidate()); other processes and isolates see it within `localTtlMs`.
  private readonly local = new Map<string, { until: number; key: ResolvedKey }>();
  localTtlMs = 30_000;

  constructor(
    private readonly ports: { store: Store; fetcher: Fetcher; crypto: CryptoProvider; config: Pick<Config, 'didWebHost'> },
    private readonly serviceKeys: () => Promise<
      { id: string; publicKeyMultibase: string; createdAt: string; retiredAt: string | null; compromisedAt: string | null }[]
    >,
    private readonly serviceDid: string,
  ) {
    this.handles = new KeyHandles(ports.crypto);
  }

  /** The key of a verification method id (`did:…#fragment`). */
  async resolve(vmId: string): Promise<ResolvedKey> {
    if (typeof vmId !== 'string' || !vmId.startsWith('did:')) {
      throw new ResolveError(`verification method ${JSON.stringify(vmId)} is not a DID URL`, 'unsupported');
    }
    const local = await resolveSelfContainedDid(vmId, this.handles);
    if (local) return local;
    const hash = vmId.indexOf('#');
    const did = hash === -1 ? vmId : vmId.slice(0, hash);
    if (did.startsWith('did:web:')) {
      const cached = this.local.get(vmId);
      if (cached && cached.until > Date.now()) return cached.key;
      if (did === this.serviceDid) return this.remember(await this.service(vmId));
      const hosted = await this.ports.store.getIssuer({ did });
      if (hosted) return this.remember(await this.hosted(vmId, hosted.id, did));
      if (this.isOurHost(did)) throw new ResolveError(`${did} names this service's host but no issuer here`, 'not-found');
      return this.didWeb(vmId, did);
    }
    throw new ResolveError(`DID method of ${did} is not supported (did:key, did:jwk and did:web are)`, 'unsupported');
  }

  /** Forgets cached keys of our own issuers (after a rotation or a compromise). */
  invalidate(): void {
    this.local.clear();
  }

  private remember(key: ResolvedKey): ResolvedKey {
    if (this.local.size >= MAX_KEYS) this.local.delete(this.local.keys().next().value!);
    this.local.set(key.id, { until: Date.now() + this.localTtlMs, key });
    return key;
  }

  private isOurHost(did: string): boolean {
    return did === `did:web:${this.ports.config.didWebHost}` || did.startsWith(`did:web:${this.ports.config.didWebHost}:`);
  }

  private async hosted(vmId: string, issuerId: string, did: string): Promise<ResolvedKey> {
    return this.fromRecords(vmId, did, await this.ports.store.listIssuerKeys(issuerId));
  }

  private async service(vmId: string): Promise<ResolvedKey> {
    return this.fromRecords(vmId, this.serviceDid, await this.serviceKeys());
  }

  /** One of our own keys, by its record (its lifecycle dates included). */
  private async fromRecords(
    vmId: string,
    did: string,
    keys: { id: string; publicKeyMultibase: string; createdAt: string; retiredAt: string | null; compromisedAt: string | null }[],
  ): Promise<ResolvedKey> {
    const key = keys.find((k) => k.id === vmId);
    if (!key) throw new ResolveError(`${did} has no verification method ${vmId}`, 'not-found');
    const decoded = decodeMultikey(key.publicKeyMultibase);
    if (!decoded) throw new ResolveError(`publicKeyMultibase ${key.publicKeyMultibase.slice(0, 16)}… is not a Multikey`, 'malformed');
    return plainKey(key.id, did, decoded, this.handles, 'hosted', {
      createdAt: key.createdAt,
      retiredAt: key.retiredAt,
      compromisedAt: key.compromisedAt,
    });
  }

  private async didWeb(vmId: string, did: string): Promise<ResolvedKey> {
    const target = didWebTarget(did);
    if (!target.ok) throw new ResolveError(`${did} is not a valid did:web DID: ${target.reason}`, 'malformed');
    const url = target.url;
    let body: Uint8Array;
    try {
      body = (await this.ports.fetcher.get(url, { accept: 'application/did+json, application/json' })).body;
    } catch (error) {
      // The fetcher's messages are safe to show (policy reasons, no remote status or content).
      throw new ResolveError(`cannot resolve ${did}: ${(error as Error).message}`, 'fetch-failed');
    }
    let doc: Json;
    try {
      doc = JSON.parse(new TextDecoder().decode(body)) as Json;
    } catch {
      // Not the parser's message: V8 quotes the start of the text it could not read.
      throw new ResolveError(`cannot resolve ${did}: the DID document at ${url} is not JSON`, 'malformed');
    }
    if (typeof doc !== 'object' || doc === null || doc.id !== did) {
      throw new ResolveError(`the DID document at ${url} is not the document of ${did}`, 'malformed');
    }
    const absolute = (id: unknown) => (typeof id === 'string' && id.startsWith('#') ? did + id : id);
    const methods = (Array.isArray(doc.verificationMethod) ? doc.verificationMethod : []) as Json[];
    const assertion = (Array.isArray(doc.assertionMethod) ? doc.assertionMethod : []) as unknown[];
    const embedded = assertion.filter((m): m is Json => typeof m === 'object' && m !== null);
    const vm = [...methods, ...embedded].find((m) => absolute(m.id) === vmId);
    if (!vm) throw new ResolveError(`${did} has no verification method ${vmId}`, 'not-found');
    if (vm.controller !== undefined && vm.controller !== did) {
      throw new ResolveError(`${vmId} is controlled by ${String(vm.controller)}, not ${did}`, 'malformed');
    }
    const decoded = decodeVerificationMethod(vm);
    if (!decoded) {
      throw new ResolveError(`${vmId} (${String(vm.type)}) carries no Ed25519, P-256 or P-384 key in publicKeyMultibase or publicKeyJwk`, 'unsupported');
    }
    return plainKey(vmId, did, decoded, this.handles, 'did:web', {
      assertion: assertion.some((m) => absolute(typeof m === 'string' ? m : (m as Json)?.id) === vmId),
      compromisedAt: typeof vm.revoked === 'string' ? vm.revoked : null,
    });
  }
}

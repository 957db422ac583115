import type { Config, Fetcher, Store } from '../ports.js';
import type { CryptoProvider, PublicKeyHandle } from './crypto.js';
import { didWebTarget } from './did-web.js';
import { fromPublicKeyMultibase } from './multikey.js';

/** A verification method resolved to a usable key, with what is known of its lifecycle. */
export interface ResolvedKey {
  id: string;
  controller: string;
  publicKeyMultibase: string;
  publicKey: PublicKeyHandle;
  /** Listed in its controller's assertionMethod (may sign credentials). */
  assertion: boolean;
  createdAt: string | null;
  retiredAt: string | null;
  /** When the key was marked compromised (our issuers) or `revoked` in its DID document. */
  compromisedAt: string | null;
  source: 'did:key' | 'hosted' | 'did:web';
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
 * Resolves verification methods: did:key locally for any Ed25519 key, our own did:web issuers
 * (and the service DID) from the store, other did:web documents through the Fetcher port.
 */
export class KeyResolver {
  private readonly handles = new Map<string, Promise<PublicKeyHandle>>();
  // Our own keys, briefly: a rotation or compromise in this process clears it at once
  // (invalidate()); other processes and isolates see it within `localTtlMs`.
  private readonly local = new Map<string, { until: number; key: ResolvedKey }>();
  localTtlMs = 30_000;

  constructor(
    private readonly ports: { store: Store; fetcher: Fetcher; crypto: CryptoProvider; config: Pick<Config, 'didWebHost'> },
    private readonly serviceKeys: () => Promise<{ id: string; publicKeyMultibase: string; createdAt: string; retiredAt: string | null; compromisedAt: string | null }[]>,
    private readonly serviceDid: string,
  ) {}

  /** The Ed25519 key of a verification method id (`did:…#fragment`). */
  async resolve(vmId: string): Promise<ResolvedKey> {
    if (typeof vmId !== 'string' || !vmId.startsWith('did:')) {
      throw new ResolveError(`verification method ${JSON.stringify(vmId)} is not a DID URL`, 'unsupported');
    }
    const hash = vmId.indexOf('#');
    const did = hash === -1 ? vmId : vmId.slice(0, hash);
    if (did.startsWith('did:key:')) return this.didKey(vmId, did);
    if (did.startsWith('did:web:')) {
      const cached = this.local.get(vmId);
      if (cached && cached.until > Date.now()) return cached.key;
      if (did === this.serviceDid) return this.remember(await this.service(vmId));
      const hosted = await this.ports.store.getIssuer({ did });
      if (hosted) return this.remember(await this.hosted(vmId, hosted.id, did));
      if (this.isOurHost(did)) throw new ResolveError(`${did} names this service's host but no issuer here`, 'not-found');
      return this.didWeb(vmId, did);
    }
    throw new ResolveError(`DID method of ${did} is not supported (did:key and did:web are)`, 'unsupported');
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

  private handle(multibase: string): Promise<PublicKeyHandle> {
    let h = this.handles.get(multibase);
    if (!h) {
      const raw = fromPublicKeyMultibase(multibase);
      if (!raw) throw new ResolveError(`publicKeyMultibase ${multibase.slice(0, 16)}… is not an Ed25519 Multikey`, 'malformed');
      h = this.ports.crypto.importPublicKey(raw);
      h.catch(() => this.handles.delete(multibase));
      if (this.handles.size >= MAX_KEYS) this.handles.delete(this.handles.keys().next().value!);
      this.handles.set(multibase, h);
    }
    return h;
  }

  private async didKey(vmId: string, did: string): Promise<ResolvedKey> {
    const multibase = did.slice('did:key:'.length);
    const fragment = vmId.includes('#') ? vmId.slice(vmId.indexOf('#') + 1) : multibase;
    if (fragment !== multibase) throw new ResolveError(`${vmId}: a did:key fragment must repeat the key`, 'not-found');
    if (!fromPublicKeyMultibase(multibase)) throw new ResolveError(`${did} is not an Ed25519 did:key`, 'unsupported');
    return {
      id: `${did}#${multibase}`,
      controller: did,
      publicKeyMultibase: multibase,
      publicKey: await this.handle(multibase),
      assertion: true,
      createdAt: null,
      retiredAt: null,
      compromisedAt: null,
      source: 'did:key',
    };
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
    return {
      id: key.id,
      controller: did,
      publicKeyMultibase: key.publicKeyMultibase,
      publicKey: await this.handle(key.publicKeyMultibase),
      assertion: true,
      createdAt: key.createdAt,
      retiredAt: key.retiredAt,
      compromisedAt: key.compromisedAt,
      source: 'hosted',
    };
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
    const multibase = vm.publicKeyMultibase;
    if (typeof multibase !== 'string') throw new ResolveError(`${vmId} carries no publicKeyMultibase`, 'unsupported');
    return {
      id: vmId,
      controller: did,
      publicKeyMultibase: multibase,
      publicKey: await this.handle(multibase),
      assertion: assertion.some((m) => absolute(typeof m === 'string' ? m : (m as Json)?.id) === vmId),
      createdAt: null,
      retiredAt: null,
      compromisedAt: typeof vm.revoked === 'string' ? vm.revoked : null,
      source: 'did:web',
    };
  }
}

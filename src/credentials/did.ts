import type { Config } from '../config.js';
import type { IssuerKeyRecord } from '../domain/issuer.js';
import { DID_V1, MULTIKEY_V1 } from './contexts.js';

function pathSegments(config: Pick<Config, 'basePath'>): string {
  return config.basePath
    .split('/')
    .filter(Boolean)
    .map((s) => `:${encodeURIComponent(s)}`)
    .join('');
}

/** The did:web DID of a hosted issuer: `did:web:<host>:issuers:<slug>`. */
export function issuerDidWeb(config: Pick<Config, 'didWebHost' | 'basePath'>, slug: string): string {
  return `did:web:${config.didWebHost}${pathSegments(config)}:issuers:${slug}`;
}

/** The service's own DID (it signs the trust list). */
export function serviceDid(config: Pick<Config, 'didWebHost' | 'basePath'>): string {
  return `did:web:${config.didWebHost}${pathSegments(config)}`;
}

/** The verification method id for a hosted key: `<did>#key-<n>`, or the did:key fragment. */
export function verificationMethodId(did: string, publicKeyMultibase: string, n: number): string {
  return did.startsWith('did:key:') ? `${did}#${publicKeyMultibase}` : `${did}#key-${n}`;
}

/** The https URL a did:web DID resolves to (did:web method specification). */
export function didWebUrl(did: string): string | undefined {
  const m = /^did:web:([^:#?/]+)((?::[^:#?/]+)*)$/.exec(did);
  if (!m) return undefined;
  const host = decodeURIComponent(m[1]!);
  const path = m[2] ? m[2].split(':').slice(1).map(decodeURIComponent).join('/') : '';
  return path ? `https://${host}/${path}/did.json` : `https://${host}/.well-known/did.json`;
}

/**
 * The DID document of an issuer: every key it ever held stays listed so old credentials keep
 * verifying; a compromised key carries `revoked` with the time it was compromised.
 */
export function didDocument(did: string, keys: IssuerKeyRecord[]): Record<string, unknown> {
  const methods = keys.map((k) => ({
    id: k.id,
    type: 'Multikey',
    controller: did,
    publicKeyMultibase: k.publicKeyMultibase,
    ...(k.compromisedAt ? { revoked: k.compromisedAt } : {}),
  }));
  const ids = methods.map((m) => m.id);
  return {
    '@context': [DID_V1, MULTIKEY_V1],
    id: did,
    verificationMethod: methods,
    authentication: ids,
    assertionMethod: ids,
  };
}

// Issuers (evaluation organisations), their signing keys and API keys.
import type { LocalizedNames } from './localized.js';

export type OrgKind = 'Y' | 'S';

export interface IssuerRecord {
  id: string;
  slug: string;
  did: string;
  didMethod: 'web' | 'key';
  names: LocalizedNames;
  orgKind: OrgKind;
  filingCode: string;
  suspensionByDefault: boolean;
  /** Whether VC API issuance adds a revocation entry when the request does not ask for status. */
  statusByDefault: boolean;
  createdAt: string;
}

export interface IssuerKeyRecord {
  /** The full verification method id, e.g. `did:web:host:issuers:x#key-1`. */
  id: string;
  issuerId: string;
  publicKeyMultibase: string;
  /** Name of the private key in the KeyStore. */
  privateKeyRef: string;
  createdAt: string;
  retiredAt: string | null;
  compromisedAt: string | null;
}

export interface ApiKeyRecord {
  id: string;
  issuerId: string | null;
  partnerId: string | null;
  secretHash: string;
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
}

import { createDocumentLoader, type DocumentLoader } from '../credentials/document-loader.js';
import type { Ports } from '../ports.js';
import type { IssuerKeyRecord } from '../store/store.js';
import { IssuanceService } from './issuance.js';
import { IssuerService } from './issuers.js';
import { Keyring } from './keyring.js';
import { hashSecret } from './secrets.js';
import { StatusService } from './status.js';

/** The application services, built once per app from its ports. */
export interface Services {
  ports: Ports;
  documentLoader: DocumentLoader;
  keyring: Keyring;
  issuers: IssuerService;
  issuance: IssuanceService;
  status: StatusService;
  /** SHA-256 (hex) of the admin token in force: ADMIN_TOKEN if set, else the generated one. */
  adminTokenHash(): Promise<string | null>;
  /** The keys of the service's own DID (it signs the trust list), oldest first. */
  serviceKeys(): Promise<IssuerKeyRecord[]>;
}

export const ADMIN_TOKEN_SETTING = 'admin_token_sha256';
export const SERVICE_KEYS_SETTING = 'service_keys';

export function createServices(ports: Ports): Services {
  const documentLoader = createDocumentLoader();
  const keyring = new Keyring(ports);
  let configuredHash: Promise<string> | undefined;
  return {
    ports,
    documentLoader,
    keyring,
    issuers: new IssuerService(ports, keyring),
    issuance: new IssuanceService(ports, keyring, documentLoader),
    status: new StatusService(ports, keyring, documentLoader),
    adminTokenHash() {
      if (ports.config.adminToken) return (configuredHash ??= hashSecret(ports.crypto, ports.config.adminToken));
      return ports.store.getSetting(ADMIN_TOKEN_SETTING);
    },
    async serviceKeys() {
      const raw = await ports.store.getSetting(SERVICE_KEYS_SETTING);
      return raw ? (JSON.parse(raw) as IssuerKeyRecord[]) : [];
    },
  };
}

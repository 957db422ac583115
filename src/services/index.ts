import { createDocumentLoader, type DocumentLoader } from '../credentials/document-loader.js';
import type { Ports } from '../ports.js';
import type { IssuerKeyRecord } from '../domain/issuer.js';
import { IssuanceService } from './issuance.js';
import { IssuerService } from './issuers.js';
import { Keyring } from './keyring.js';
import { hashSecret } from './secrets.js';
import { StatusService } from './status.js';
import { TrustService } from './trust.js';
import { PartnerService } from './partners.js';
import { RateLimiter } from './rate-limit.js';
import { serviceDid } from '../credentials/did.js';
import { KeyResolver } from '../credentials/key-resolver.js';
import type { JsonObject } from '../credentials/data-integrity.js';
import { SkillcredError } from '../errors.js';
import { StatusChecker, type ListSource } from '../verify/status-check.js';
import { listProofCheck } from '../verify/list-proof.js';
import { createQrDecoder } from '../verify/qr-decoder.js';
import { Verifier, type QrDecoder } from '../verify/verifier.js';
import type { StatusPurpose } from '../domain/status.js';

/** The application services, built once per app from its ports. */
export interface Services {
  ports: Ports;
  documentLoader: DocumentLoader;
  keyring: Keyring;
  issuers: IssuerService;
  issuance: IssuanceService;
  status: StatusService;
  resolver: KeyResolver;
  verifier: Verifier;
  trust: TrustService;
  partners: PartnerService;
  rateLimiter: RateLimiter;
  /** SHA-256 (hex) of the admin token in force: ADMIN_TOKEN if set, else the generated one. */
  adminTokenHash(): Promise<string | null>;
  /** The keys of the service's own DID (it signs the trust list), oldest first. */
  serviceKeys(): Promise<IssuerKeyRecord[]>;
}

export const ADMIN_TOKEN_SETTING = 'admin_token_sha256';
export const SERVICE_KEYS_SETTING = 'service_keys';

export function createServices(ports: Ports, extra: { qr?: QrDecoder } = {}): Services {
  const documentLoader = createDocumentLoader();
  const keyring = new Keyring(ports);
  let configuredHash: Promise<string> | undefined;
  const serviceKeys = async () => {
    const raw = await ports.store.getSetting(SERVICE_KEYS_SETTING);
    return raw ? (JSON.parse(raw) as IssuerKeyRecord[]) : [];
  };
  const resolver = new KeyResolver(ports, serviceKeys, serviceDid(ports.config));
  // Our own published lists, briefly: a status change in this process clears them at once;
  // other processes and isolates see it within LOCAL_LIST_TTL_MS (partners cache for max-age).
  const LOCAL_LIST_TTL_MS = 5_000;
  const localLists = new Map<string, { until: number; json: string; version: string }>();
  const status = new StatusService(ports, keyring, documentLoader, () => localLists.clear());
  const listPrefix = `${ports.config.publicUrl}/status/`;
  const source: ListSource = {
    fetcher: ports.fetcher,
    async local(url) {
      if (!url.startsWith(listPrefix)) return null;
      const hit = localLists.get(url);
      if (hit && hit.until > Date.now()) return hit;
      const m = /^([a-z0-9-]+)\/(revocation|suspension)\/([1-9]\d{0,8})$/.exec(url.slice(listPrefix.length));
      if (!m) throw new SkillcredError('NOT_FOUND', `${url} is not a status list of this service`);
      const list = await status.published(m[1]!, m[2] as StatusPurpose, Number(m[3]));
      const entry = { until: Date.now() + LOCAL_LIST_TTL_MS, json: list.json, version: list.etag };
      if (localLists.size >= 256) localLists.delete(localLists.keys().next().value!);
      localLists.set(url, entry);
      return entry;
    },
  };
  // A list credential must be signed by a current-enough key of the credential's issuer.
  const listProof = listProofCheck(resolver, { crypto: ports.crypto, documentLoader });
  const trust = new TrustService(ports, keyring, documentLoader, serviceKeys, () => resolver.invalidate());
  const partners = new PartnerService(ports, keyring, documentLoader, serviceKeys);
  const checker = new StatusChecker(source, listProof, { compression: ports.compression, clock: ports.clock, crypto: ports.crypto, skewMs: 300_000 });
  const verifier = new Verifier({
    resolver,
    crypto: ports.crypto,
    documentLoader,
    clock: ports.clock,
    status: checker,
    trust: (credential, at, warnings) => trust.trustStep(credential, at, warnings),
    recognitions: (credential) => partners.applicable(credential),
    // Every runtime (Node, Workers, tests, the CLI) reads QR texts the same way unless told otherwise.
    qr: extra.qr ?? createQrDecoder(),
    lookup: async (id) => {
      const record = await ports.store.getCredential(id);
      return record ? (JSON.parse(record.document) as JsonObject) : null;
    },
  });
  return {
    ports,
    documentLoader,
    keyring,
    issuers: new IssuerService(ports, keyring, () => resolver.invalidate()),
    issuance: new IssuanceService(ports, keyring, documentLoader, (issuer, credential, at) => trust.assertMayIssue(issuer, credential, at)),
    status,
    resolver,
    verifier,
    trust,
    partners,
    rateLimiter: new RateLimiter(),
    adminTokenHash() {
      if (ports.config.adminToken) return (configuredHash ??= hashSecret(ports.crypto, ports.config.adminToken));
      return ports.store.getSetting(ADMIN_TOKEN_SETTING);
    },
    serviceKeys,
  };
}

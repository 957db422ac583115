import { createDocumentLoader, type DocumentLoader } from '../credentials/document-loader.js';
import type { Ports } from '../ports.js';
import type { IssuerKeyRecord } from '../store/store.js';
import { IssuanceService } from './issuance.js';
import { IssuerService } from './issuers.js';
import { Keyring } from './keyring.js';
import { hashSecret } from './secrets.js';
import { StatusService } from './status.js';
import { serviceDid } from '../credentials/did.js';
import { KeyResolver } from '../credentials/key-resolver.js';
import { proofsOf, securedDocumentFor, verifyProof, type JsonObject } from '../credentials/data-integrity.js';
import { SkillcredError } from '../errors.js';
import { stepProblem, type StepProblem } from '../verify/result.js';
import { StatusChecker, type ListSource } from '../verify/status-check.js';
import { Verifier, type QrDecoder } from '../verify/verifier.js';
import type { StatusPurpose } from '../store/store.js';

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
  const listProof = async (list: JsonObject, issuer: string): Promise<StepProblem | null> => {
    const proofs = proofsOf(list);
    if (proofs.length === 0) return stepProblem('statusVerification', 'no-proof', 'No proof', 'the list carries no proof');
    for (const proof of proofs) {
      const key = await resolver.resolve(String(proof.verificationMethod)).catch((e: Error) => e);
      if (key instanceof Error) return stepProblem('statusVerification', 'unresolvable-key', 'Unknown key', key.message);
      if (key.controller !== issuer) return stepProblem('statusVerification', 'not-issuer-key', 'Not the issuer', `signed by ${key.controller}`);
      if (key.compromisedAt && Date.parse(String(proof.created)) >= Date.parse(key.compromisedAt)) {
        return stepProblem('statusVerification', 'compromised-key', 'Compromised key', `${key.id} was compromised at ${key.compromisedAt}`);
      }
      const check = await verifyProof(securedDocumentFor(list, proof), proof, key.publicKey, { crypto: ports.crypto, documentLoader });
      if (!check.valid) return stepProblem('statusVerification', 'bad-signature', 'Bad signature', check.reason);
    }
    return null;
  };
  const checker = new StatusChecker(source, listProof, { compression: ports.compression, clock: ports.clock, crypto: ports.crypto, skewMs: 300_000 });
  const verifier = new Verifier({
    resolver,
    crypto: ports.crypto,
    documentLoader,
    clock: ports.clock,
    status: checker,
    ...(extra.qr ? { qr: extra.qr } : {}),
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
    issuance: new IssuanceService(ports, keyring, documentLoader),
    status,
    resolver,
    verifier,
    adminTokenHash() {
      if (ports.config.adminToken) return (configuredHash ??= hashSecret(ports.crypto, ports.config.adminToken));
      return ports.store.getSetting(ADMIN_TOKEN_SETTING);
    },
    serviceKeys,
  };
}

import { STATUS_LIST_BUDGET } from '../credentials/budget.js';
import { createDocumentLoader } from '../credentials/document-loader.js';
import { KeyResolver } from '../credentials/key-resolver.js';
import type { JsonObject } from '../credentials/data-integrity.js';
import type { StatusPurpose } from '../domain/status.js';
import { message, SkillcredError } from '../errors.js';
import type { Ports } from '../ports.js';
import { listProofCheck } from '../verify/list-proof.js';
import { createQrDecoder } from '../verify/qr-decoder.js';
import { StatusChecker, type ListSource } from '../verify/status-check.js';
import { Verifier } from '../verify/verifier.js';
import type { QrDecoder } from '../verify/verify-options.js';
import { AboutService } from './about.js';
import { AuthService } from './auth.js';
import { BatchService } from './batches.js';
import { CredentialService } from './credentials.js';
import { IssuanceService } from './issuance.js';
import { IssuerService } from './issuers.js';
import { HolderService } from './holder.js';
import { Keyring } from './keyring.js';
import { LookupService } from './lookup.js';
import { PartnerService } from './partners.js';
import { RateLimiter } from './rate-limit.js';
import { IssuanceRecorder } from './record-issuance.js';
import { ServiceIdentity } from './service-identity.js';
import { SetupService } from './setup.js';
import { StatusService } from './status.js';
import { TrustService } from './trust.js';
import { VerificationService } from './verification.js';

/** The use cases, one service per resource: what routes and the CLI call. No ports leak out. */
export interface Services {
  auth: AuthService;
  issuance: IssuanceService;
  batches: BatchService;
  holder: HolderService;
  credentials: CredentialService;
  status: StatusService;
  issuers: IssuerService;
  trust: TrustService;
  partners: PartnerService;
  verification: VerificationService;
  lookup: LookupService;
  setup: SetupService;
  about: AboutService;
}

/** Builds the services once per app from its ports. */
export function createServices(ports: Ports, extra: { qr?: QrDecoder } = {}): Services {
  const { store, crypto, clock, config, log, compression, proofs } = ports;
  const documentLoader = createDocumentLoader();
  const keyring = new Keyring(ports);
  const identity = new ServiceIdentity({ store, keyring, config });
  const resolver = new KeyResolver(ports, () => identity.keys(), identity.did);
  // Our own published lists, briefly: a status change in this process clears them at once;
  // other processes and isolates see it within LOCAL_LIST_TTL_MS (partners cache for max-age).
  const LOCAL_LIST_TTL_MS = 5_000;
  const localLists = new Map<string, { until: number; json: string; version: string }>();
  const status = new StatusService({ store, crypto, compression, clock, config, log, keyring, proofs, onStatusChanged: () => localLists.clear() });
  const listPrefix = `${config.publicUrl}/status/`;
  const source: ListSource = {
    fetcher: ports.fetcher,
    async local(url) {
      if (!url.startsWith(listPrefix)) return null;
      const hit = localLists.get(url);
      if (hit && hit.until > Date.now()) return hit;
      const m = /^([a-z0-9-]+)\/(revocation|suspension)\/([1-9]\d{0,8})$/.exec(url.slice(listPrefix.length));
      if (!m) throw new SkillcredError('NOT_FOUND', message('not-found.status-list-url', { url }));
      const list = await status.published(m[1]!, m[2] as StatusPurpose, Number(m[3]));
      const entry = { until: Date.now() + LOCAL_LIST_TTL_MS, json: list.json, version: list.etag };
      if (localLists.size >= 256) localLists.delete(localLists.keys().next().value!);
      localLists.set(url, entry);
      return entry;
    },
  };
  const onKeysChanged = () => resolver.invalidate();
  const trust = new TrustService({ store, crypto, clock, config, log, proofs, identity, onKeysChanged });
  // Status-list proofs are checked on this thread (list-proof.ts takes a ProofEnv, not the engine):
  // the status-list budget keeps each one to what a status list is (~25 JSON values).
  const checker = new StatusChecker(source, listProofCheck(resolver, { crypto, documentLoader, budget: STATUS_LIST_BUDGET }), {
    compression,
    clock,
    crypto,
    skewMs: 300_000,
  });
  const rateLimiter = new RateLimiter(ports.counters);
  const holder = new HolderService({ store, keys: ports.keys, crypto, clock, log, limiter: rateLimiter, config });
  let partners: PartnerService | undefined;
  const verifier = new Verifier({
    resolver,
    crypto,
    documentLoader,
    proofs,
    clock,
    status: checker,
    trust: (credential, at, warnings) => trust.trustStep(credential, at, warnings),
    recognitions: (credential) => partners!.applicable(credential),
    // Every runtime (Node, Workers, tests, the CLI) reads QR texts the same way unless told otherwise.
    qr: extra.qr ?? createQrDecoder(),
    lookup: async (id) => {
      const record = await store.getCredential(id);
      return record ? (JSON.parse(record.document) as JsonObject) : null;
    },
  });
  const verification = new VerificationService({ verifier, limiter: rateLimiter, config, holder });
  partners = new PartnerService({ store, crypto, clock, config, proofs, identity, rateLimiter, verification });
  const issuers = new IssuerService({ store, crypto, clock, config, keyring, identity, status, holder, onKeysChanged });
  const recorder = new IssuanceRecorder({ store, crypto, clock, config, log, keyring, proofs });
  return {
    auth: new AuthService({ store, crypto, config, limiter: rateLimiter }),
    issuance: new IssuanceService({ store, crypto, clock, config, documentLoader, recorder, trust, holder }),
    batches: new BatchService({ store, crypto, clock, config, log, recorder, trust, holder }),
    holder,
    credentials: new CredentialService({ store, config }),
    status,
    issuers,
    trust,
    partners,
    verification,
    lookup: new LookupService({ store, limiter: rateLimiter, verification, config }),
    setup: new SetupService({ store, crypto, config, identity, issuers, trust }),
    about: new AboutService({ config }),
  };
}

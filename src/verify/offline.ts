import type { CryptoProvider } from '../credentials/crypto.js';
import { verifyProof, type JsonObject } from '../credentials/data-integrity.js';
import { proofsOf, securedDocumentFor } from '../credentials/proof-set.js';
import { documentLoader as bundledLoader } from '../credentials/document-loader.js';
import { KeyHandles, plainKey, resolveSelfContainedDid, ResolveError, type ResolvedKey } from '../credentials/key-resolver.js';
import { decodeMultikey } from '../credentials/keys.js';
import { fromPublicKeyMultibase, toPublicKeyMultibase } from '../credentials/multikey.js';
import { issuerIdOf } from '../credentials/vc-model.js';
import { decideTrust, scopeOf } from '../domain/accreditation.js';
import type { Clock, Fetcher } from '../ports.js';
import { streamCompression, type Compression } from '../status/bitstring.js';
import type { AccreditationRecord, ExitRecord } from '../domain/accreditation.js';
import { notInRegistry, trustProblem } from './trust-problem.js';
import { listProofCheck } from './list-proof.js';
import { StatusChecker } from './status-check.js';
import { Verifier } from './verifier.js';

type ListedAccreditation = Partial<Pick<AccreditationRecord, 'kinds' | 'occupations' | 'ranks' | 'chain' | 'chainMaster'>> & {
  accreditedFrom: string;
  accreditedUntil?: string | null;
};

/** An issuer as the signed trust list (GET /trust-list) describes it: only what this verifier reads. */
interface ListedIssuer {
  id: string;
  keys?: { id: string; keyMultibase: string; keyCreatedAt?: string | null; retiredAt?: string | null; compromisedAt?: string | null }[];
  accreditations?: ListedAccreditation[];
  exits?: { exitedAt: string; exitReason: ExitRecord['reason'] }[];
}

/** What an offline verifier needs: cached documents, and the one key it trusts from the start. */
export interface OfflineKit {
  /** The signed trust list (GET /trust-list), as cached. */
  trustList: JsonObject;
  /** The service's public key (from its DID document), pinned by whoever set the verifier up. */
  servicePublicKeyMultibase: string;
  /** Cached status list credentials by URL. */
  statusLists: Record<string, JsonObject>;
  crypto: CryptoProvider;
  clock: Clock;
  compression?: Compression;
}

const offlineFetcher: Fetcher = {
  async get(url) {
    throw new Error(`offline: ${url} is not in the cached kit`);
  },
};

/**
 * A verifier that needs no service: issuer keys, accreditations and exits come from the cached
 * trust list (checked against the pinned service key first), status from cached lists.
 */
export async function createOfflineVerifier(kit: OfflineKit): Promise<Verifier> {
  const { trustList, crypto } = kit;
  const serviceDid = typeof trustList.issuer === 'string' ? trustList.issuer : '';
  const raw = fromPublicKeyMultibase(kit.servicePublicKeyMultibase);
  if (!raw) throw new Error('the pinned service key is not an Ed25519 Multikey');
  const serviceKey = await crypto.importPublicKey(raw);
  const proofs = proofsOf(trustList);
  if (proofs.length === 0) throw new Error('the trust list carries no proof');
  for (const proof of proofs) {
    if (!String(proof.verificationMethod).startsWith(`${serviceDid}#`)) throw new Error('the trust list is not signed by its issuer');
    const check = await verifyProof(securedDocumentFor(trustList, proof), proof, serviceKey, { crypto, documentLoader: bundledLoader });
    if (!check.valid) throw new Error(`the trust list's signature does not verify with the pinned key (${check.reason})`);
  }
  const until = Date.parse(String(trustList.validUntil ?? ''));
  if (!Number.isNaN(until) && until < kit.clock.now().getTime()) throw new Error(`the cached trust list expired at ${String(trustList.validUntil)}`);

  const issuers = (trustList.credentialSubject as { issuers?: ListedIssuer[] } | undefined)?.issuers ?? [];
  const byDid = new Map(issuers.map((i) => [String(i.id), i]));
  const handles = new KeyHandles(crypto);
  const resolver = {
    async resolve(vmId: string): Promise<ResolvedKey> {
      if (typeof vmId !== 'string') throw new ResolveError('the verification method is not a DID URL', 'unsupported');
      const selfContained = await resolveSelfContainedDid(vmId, handles);
      if (selfContained) return selfContained;
      const did = vmId.split('#')[0]!;
      const decode = (multibase: string) => {
        const decoded = decodeMultikey(multibase);
        if (!decoded) throw new ResolveError(`${multibase.slice(0, 12)}… is not a Multikey`, 'malformed');
        return decoded;
      };
      if (did === serviceDid) return plainKey(vmId, did, decode(toPublicKeyMultibase(raw)), handles, 'hosted');
      const issuer = byDid.get(did);
      const key = issuer?.keys?.find((k) => k.id === vmId);
      if (!key) throw new ResolveError(`${vmId} is not in the cached trust list`, 'not-found');
      return plainKey(vmId, did, decode(String(key.keyMultibase)), handles, 'hosted', {
        createdAt: key.keyCreatedAt ?? null,
        retiredAt: key.retiredAt ?? null,
        compromisedAt: key.compromisedAt ?? null,
      });
    },
  };
  const listProof = listProofCheck(resolver, { crypto, documentLoader: bundledLoader });
  const status = new StatusChecker(
    {
      fetcher: offlineFetcher,
      async local(url) {
        const list = kit.statusLists[url];
        return list ? { json: JSON.stringify(list), version: url } : null;
      },
    },
    listProof,
    { compression: kit.compression ?? streamCompression, clock: kit.clock, crypto, skewMs: 300_000 },
  );
  const accreditationsOf = (issuer: ListedIssuer): AccreditationRecord[] =>
    (issuer.accreditations ?? []).map((a, i) => ({
      id: String(i),
      issuerId: String(issuer.id),
      kinds: a.kinds ?? [],
      occupations: a.occupations ?? [],
      ranks: a.ranks ?? [],
      validFrom: String(a.accreditedFrom),
      validUntil: a.accreditedUntil ?? null,
      chain: a.chain ?? null,
      chainMaster: a.chainMaster ?? null,
      createdAt: '',
    }));
  const exitsOf = (issuer: ListedIssuer): ExitRecord[] =>
    (issuer.exits ?? []).map((e, i) => ({
      id: String(i),
      issuerId: String(issuer.id),
      exitedAt: String(e.exitedAt),
      reason: e.exitReason,
      note: null,
      createdAt: '',
    }));
  return new Verifier({
    resolver,
    crypto,
    documentLoader: bundledLoader,
    clock: kit.clock,
    status,
    async trust(credential, at) {
      const issuer = byDid.get(issuerIdOf(credential) ?? '');
      if (!issuer) return notInRegistry(issuerIdOf(credential));
      const scope = scopeOf(credential);
      const decision = decideTrust(accreditationsOf(issuer), exitsOf(issuer), scope, at);
      return decision.trusted ? null : trustProblem(decision, scope, at);
    },
  });
}

import { CREDENTIALS_V2, SKILLCRED_CONTEXT_V1 } from '../credentials/contexts.js';
import { attachProof, toDateTimeStamp, type JsonObject } from '../credentials/data-integrity.js';
import type { ProofEngine } from '../credentials/proof-engine.js';
import { issuerIdOf } from '../credentials/vc-model.js';
import { decideTrust, scopeOf, type Scope, type TrustDecision } from '../domain/accreditation.js';
import type { Principal } from '../domain/principal.js';
import type { AccreditationRequest, CompromiseRequest, ExitRequest } from '../domain/requests.js';
import { SkillcredError, malformed, message } from '../errors.js';
import { trustParams } from '../i18n/trust.js';
import type { Clock, Logger } from '../ports.js';
import type { Config } from '../config.js';
import type { CryptoProvider } from '../credentials/crypto.js';
import type { Store } from '../store/store.js';
import { adminOnly, instant } from './access.js';
import type { ServiceIdentity } from './service-identity.js';
import type { AccreditationRecord, ExitRecord } from '../domain/accreditation.js';
import type { IssuerKeyRecord, IssuerRecord } from '../domain/issuer.js';
import { stepProblem, type StepProblem } from '../verify/result.js';
import { notInRegistry, trustProblem } from '../verify/trust-problem.js';

/** The signed trust list as served. */
export interface PublishedTrustList {
  json: string;
  etag: string;
  /** Seconds a cache may keep it (Cache-Control max-age). */
  maxAge: number;
  /** When it was served (Expires = servedAt + maxAge). */
  servedAt: Date;
}

export interface TrustDeps {
  store: Store;
  crypto: CryptoProvider;
  clock: Clock;
  config: Pick<Config, 'publicUrl' | 'statusCacheMaxAge'>;
  log: Logger;
  /** Signs the trust list (on worker threads on Node). */
  proofs: ProofEngine;
  identity: ServiceIdentity;
  /** Called after an issuer's keys changed (key caches). */
  onKeysChanged?: () => void;
}

const TRUST_LIST_SETTING = 'trust_list';
const TRUST_LIST_VALIDITY_MS = 7 * 86_400_000;

/**
 * The trust registry: accreditations and exits of issuers, the decision whether a credential's
 * issuer was accredited for it when it was signed, and the signed trust list partners cache.
 */
export class TrustService {
  // Issuance times of our own credentials by id: immutable once recorded, so kept (bounded);
  // "not ours" is kept briefly, as the id might be recorded a moment later.
  private readonly issuedAt = new Map<string, { at: string | null; until: number }>();

  constructor(private readonly ports: TrustDeps) {}

  private async issuer(slug: string): Promise<IssuerRecord> {
    const issuer = await this.ports.store.getIssuer({ slug });
    if (!issuer) throw new SkillcredError('NOT_FOUND', message('not-found.issuer', { slug }));
    return issuer;
  }

  /** Adds an accreditation to an issuer (admin). */
  async accredit(principal: Principal | undefined, slug: string, input: AccreditationRequest): Promise<{ accreditation: AccreditationRecord }> {
    adminOnly(principal, 'accrediting an issuer');
    return { accreditation: await this.addAccreditation(slug, input) };
  }

  /** Adds an accreditation without a caller check, for first-start setup. */
  async addAccreditation(slug: string, input: AccreditationRequest): Promise<AccreditationRecord> {
    const issuer = await this.issuer(slug);
    const from = instant(input.validFrom, '/validFrom');
    const until = input.validUntil === undefined ? null : instant(input.validUntil, '/validUntil');
    if (until && until <= from) throw malformed('/validUntil', 'field.after', { other: 'validFrom' });
    const record: AccreditationRecord = {
      id: crypto.randomUUID(),
      issuerId: issuer.id,
      kinds: input.kinds,
      occupations: input.occupations,
      ranks: input.ranks ?? [],
      // Whole seconds, as proofs state their times: an accreditation from 10:00:00.600 must
      // cover a certificate signed in that same second.
      validFrom: toDateTimeStamp(from),
      validUntil: until ? toDateTimeStamp(until) : null,
      chain: input.chain ?? null,
      chainMaster: input.chainMaster ?? null,
      createdAt: this.ports.clock.now().toISOString(),
    };
    await this.ports.store.addAccreditation(record);
    return record;
  }

  /** Records that an issuer left its chain (admin): its open accreditations end then. */
  async exit(principal: Principal | undefined, slug: string, input: ExitRequest): Promise<{ exit: ExitRecord; affected: number }> {
    adminOnly(principal, 'recording an exit');
    const issuer = await this.issuer(slug);
    const exitedAt = toDateTimeStamp(instant(input.exitedAt, '/exitedAt'));
    const affected = await this.retroactiveGuard(issuer, exitedAt, issuer.createdAt, input.retroactive, '/exitedAt', 'issuer');
    const record: ExitRecord = {
      id: crypto.randomUUID(),
      issuerId: issuer.id,
      exitedAt,
      reason: input.reason,
      note: input.note ?? null,
      createdAt: this.ports.clock.now().toISOString(),
    };
    await this.ports.store.recordExit(record);
    return { exit: record, affected };
  }

  /**
   * A date that changes how already-issued certificates verify must make sense: not before the
   * thing it is about existed (422), and in the past only when the admin says `retroactive: true`
   * (409 otherwise) — then the answer says how many of the issuer's certificates it now affects.
   */
  private async retroactiveGuard(
    issuer: IssuerRecord,
    at: string,
    existedFrom: string,
    retroactive: boolean | undefined,
    pointer: string,
    existed: 'issuer' | 'key',
  ): Promise<number> {
    // Whole seconds: dates here are stamped to the second, creation times to the millisecond.
    if (Date.parse(at) < Math.floor(Date.parse(existedFrom) / 1000) * 1000) throw malformed(pointer, `field.before-${existed}-existed`, { at: existedFrom });
    const now = this.ports.clock.now();
    // A minute of grace: "now" typed by an operator is a little in the past by the time it arrives.
    if (Date.parse(at) >= now.getTime() - 60_000) return 0;
    const affected = await this.ports.store.countCredentials(issuer.id, { from: new Date(at).toISOString(), to: now.toISOString() });
    if (!retroactive) {
      throw new SkillcredError('CONFLICT', message('conflict.retroactive', { field: pointer.slice(1), at, affected, slug: issuer.slug }), {
        errors: [{ pointer: '/retroactive', key: 'field.retroactive', params: { affected } }],
      });
    }
    return affected;
  }

  /** Marks one of an issuer's keys compromised as of `at` (proofs it makes from then on fail). */
  /**
   * Marks one of an issuer's keys compromised as of `at`: proofs it made from then on fail, and the
   * key is retired at once, so nothing more is signed with it (issuance answers 409 until the
   * issuer's key is rotated; rotation re-signs its status lists).
   */
  async compromise(principal: Principal | undefined, slug: string, input: CompromiseRequest): Promise<{ key: IssuerKeyRecord; affected: number }> {
    adminOnly(principal, 'marking a key compromised');
    const issuer = await this.issuer(slug);
    const { keyId } = input;
    const id = keyId.includes('#') ? keyId : `${issuer.did}#${keyId}`;
    const key = (await this.ports.store.listIssuerKeys(issuer.id)).find((k) => k.id === id);
    if (!key) throw new SkillcredError('NOT_FOUND', message('not-found.issuer-key', { slug, key: id }));
    const at = instant(input.at, '/at').toISOString();
    const affected = await this.retroactiveGuard(issuer, at, key.createdAt, input.retroactive, '/at', 'key');
    const retiredAt = key.retiredAt ?? this.ports.clock.now().toISOString();
    await this.ports.store.compromiseKey(id, at, retiredAt);
    this.ports.onKeysChanged?.();
    this.ports.log.warn('key_compromised', { issuer: issuer.slug, key: id, at, affected });
    return { key: { ...key, compromisedAt: at, retiredAt }, affected };
  }

  /** An issuer's accreditations and exits (admin). */
  async registry(principal: Principal | undefined, slug: string): Promise<{ accreditations: AccreditationRecord[]; exits: ExitRecord[] }> {
    adminOnly(principal, 'reading the trust registry');
    const issuer = await this.issuer(slug);
    return { accreditations: await this.ports.store.listAccreditations(issuer.id), exits: await this.ports.store.listExits(issuer.id) };
  }

  /** Whether the issuer may issue this credential at `at`: the decision issuance acts on. */
  async mayIssue(issuer: IssuerRecord, credential: JsonObject, at: Date): Promise<TrustDecision> {
    return decideTrust(await this.ports.store.listAccreditations(issuer.id), await this.ports.store.listExits(issuer.id), scopeOf(credential), at);
  }

  /** Refuses (403) issuance outside the issuer's accreditation, naming what is missing. */
  async assertMayIssue(issuer: IssuerRecord, credential: JsonObject, at: Date): Promise<void> {
    const decision = await this.mayIssue(issuer, credential, at);
    if (!decision.trusted)
      throw new SkillcredError(
        'NOT_ACCREDITED',
        message(`not-accredited.${decision.code}`, { issuer: issuer.slug, ...trustParams(decision, scopeOf(credential), at) }),
      );
  }

  /**
   * The trust step: was the issuer accredited for this credential's kind, occupation and rank when
   * it was signed? The signing time is our own issuance record's when we have one (a signer can
   * backdate what it writes in a proof), else the later of the proof's `created` and `validFrom`.
   */
  async trustStep(credential: JsonObject, claimedAt: Date, warnings: StepProblem[]): Promise<StepProblem | null> {
    const issuerId = issuerIdOf(credential);
    const issuer = issuerId ? await this.ports.store.getIssuer({ did: issuerId }) : null;
    if (!issuer) {
      return notInRegistry(issuerId);
    }
    let at = claimedAt;
    const recorded = typeof credential.id === 'string' ? await this.recordedAt(credential.id, issuer.id) : null;
    if (recorded) at = new Date(recorded);
    else warnings.push(stepProblem('ours', 'signing-time-claimed', { at: at.toISOString() }));
    return this.decide(issuer, scopeOf(credential), at);
  }

  private async recordedAt(id: string, issuerId: string): Promise<string | null> {
    const now = Date.now();
    const hit = this.issuedAt.get(`${issuerId} ${id}`);
    if (hit && hit.until > now) return hit.at;
    const record = await this.ports.store.getCredential(id);
    const at = record && record.issuerId === issuerId ? record.issuedAt : null;
    if (this.issuedAt.size >= 10_000) this.issuedAt.delete(this.issuedAt.keys().next().value!);
    this.issuedAt.set(`${issuerId} ${id}`, { at, until: at ? Number.POSITIVE_INFINITY : now + 10_000 });
    return at;
  }

  private async decide(issuer: IssuerRecord, scope: Scope, at: Date): Promise<StepProblem | null> {
    const decision = decideTrust(await this.ports.store.listAccreditations(issuer.id), await this.ports.store.listExits(issuer.id), scope, at);
    return decision.trusted ? null : trustProblem(decision, scope, at);
  }

  /** The unsigned content of the trust list (everything but the dates and proof). */
  private async content(): Promise<JsonObject> {
    const { store, config } = this.ports;
    const [issuers, accreditations, exits] = await Promise.all([store.listIssuers(), store.listAccreditations(), store.listExits()]);
    const entries: JsonObject[] = [];
    for (const issuer of issuers) {
      const keys = await store.listIssuerKeys(issuer.id);
      entries.push({
        id: issuer.did,
        type: 'AccreditedIssuer',
        name: issuer.names['zh-Hans'],
        localizedName: { ...issuer.names },
        orgKind: issuer.orgKind,
        filingCode: issuer.filingCode,
        keys: keys.map((k) => ({
          id: k.id,
          type: 'IssuerKey',
          keyMultibase: k.publicKeyMultibase,
          keyCreatedAt: k.createdAt,
          ...(k.retiredAt ? { retiredAt: k.retiredAt } : {}),
          ...(k.compromisedAt ? { compromisedAt: k.compromisedAt } : {}),
        })),
        accreditations: accreditations
          .filter((a) => a.issuerId === issuer.id)
          .map((a) => ({
            type: 'Accreditation',
            kinds: a.kinds,
            occupations: a.occupations,
            ranks: a.ranks,
            accreditedFrom: a.validFrom,
            ...(a.validUntil ? { accreditedUntil: a.validUntil } : {}),
            ...(a.chain ? { chain: a.chain } : {}),
            ...(a.chainMaster ? { chainMaster: a.chainMaster } : {}),
          })),
        exits: exits
          .filter((e) => e.issuerId === issuer.id)
          .map((e) => ({ type: 'IssuerExit', exitedAt: e.exitedAt, exitReason: e.reason, ...(e.note ? { description: e.note } : {}) })),
      });
    }
    return {
      '@context': [CREDENTIALS_V2, SKILLCRED_CONTEXT_V1],
      id: `${config.publicUrl}/trust-list`,
      type: ['VerifiableCredential', 'SkillcredTrustList'],
      issuer: this.ports.identity.did,
      credentialSubject: { id: `${config.publicUrl}/trust-list#issuers`, type: 'TrustList', issuers: entries },
    };
  }

  /** The signed trust list; re-signed when the registry changed or the copy nears its end. */
  async published(): Promise<PublishedTrustList> {
    const { store, clock, crypto } = this.ports;
    const content = await this.content();
    const digest = hex(await crypto.sha256(new TextEncoder().encode(JSON.stringify(content))));
    const stored = await store.getSetting(TRUST_LIST_SETTING);
    const now = clock.now();
    if (stored) {
      const s = JSON.parse(stored) as { digest: string; json: string; etag: string; validUntil: string };
      if (s.digest === digest && Date.parse(s.validUntil) - now.getTime() > TRUST_LIST_VALIDITY_MS / 7)
        return { json: s.json, etag: s.etag, maxAge: this.ports.config.statusCacheMaxAge, servedAt: now };
    }
    const key = await this.ports.identity.signingKey();
    const current = key.record;
    const dated = { ...content, validFrom: toDateTimeStamp(now), validUntil: toDateTimeStamp(new Date(now.getTime() + TRUST_LIST_VALIDITY_MS)) };
    const proof = await this.ports.proofs.create(
      dated,
      { cryptosuite: 'eddsa-jcs-2022', created: toDateTimeStamp(now), verificationMethod: current.id },
      key.handle,
    );
    const json = JSON.stringify(attachProof(dated, proof));
    const etag = `"${hex(await crypto.sha256(new TextEncoder().encode(json))).slice(0, 32)}"`;
    const entry = { digest, json, etag, validUntil: String(dated.validUntil) };
    // Last writer wins: concurrent signers produce equivalent lists.
    await store.putSetting(TRUST_LIST_SETTING, JSON.stringify(entry));
    return { json, etag, maxAge: this.ports.config.statusCacheMaxAge, servedAt: now };
  }
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

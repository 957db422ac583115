import { DATA_INTEGRITY_V2, STATUS_LIST_V1 } from '../credentials/contexts.js';
import type { CryptoProvider } from '../credentials/crypto.js';
import { attachProof, toDateTimeStamp, type JsonObject } from '../credentials/data-integrity.js';
import type { ProofEngine } from '../credentials/proof-engine.js';
import { envelope, signJwtVcJson, signVcJwt } from '../credentials/jwt.js';
import type { CredentialRecord } from '../domain/credential-record.js';
import type { IssuerRecord } from '../domain/issuer.js';
import type { StatusSlot } from '../domain/status.js';
import { message, SkillcredError } from '../errors.js';
import type { Clock, Logger } from '../ports.js';
import type { Config } from '../config.js';
import { statusEntry, withStatus } from '../status/entries.js';
import type { IssuedEntry, Store } from '../store/store.js';
import type { Draft, IssueSettings } from './drafts.js';
import type { Keyring, SigningKey } from './keyring.js';

/** What recording returns: the credentials as the issuer receives them. */
export interface Recorded {
  /** As the issuer receives them: objects, or JWT strings (jwt_vc_json). */
  credentials: SignedCredential[];
  records: CredentialRecord[];
  replayed: boolean;
}

export interface RecorderDeps {
  store: Store;
  crypto: CryptoProvider;
  clock: Clock;
  config: Pick<Config, 'publicUrl' | 'statusListSize' | 'statusListThreshold'>;
  log: Logger;
  keyring: Keyring;
  /** Signs proofs (on worker threads on Node). */
  proofs: ProofEngine;
}

/** A signed credential: a JSON object (Data Integrity, enveloped vc+jwt) or a compact JWT (jwt_vc_json). */
export type SignedCredential = JsonObject | string;

const MAX_ATTEMPTS = 8;

/**
 * Signs drafts, claims their status indexes and records them: all of a request, or nothing.
 * Knows nothing of who asked: the issuance use cases decide that before calling it.
 */
export class IssuanceRecorder {
  constructor(private readonly deps: RecorderDeps) {}

  /** Records `drafts`; an idempotent retry replays what was recorded and skips `authorize`. */
  async record(issuer: IssuerRecord, drafts: Draft[], settings: IssueSettings, authorize: () => Promise<void>): Promise<Recorded> {
    const { store, config } = this.deps;
    if (settings.idempotency) {
      const prior = await store.getIdempotent(issuer.id, settings.idempotency.key);
      if (prior) return this.replay(prior, settings.idempotency.requestHash);
    }
    await authorize();
    // A credential id issued before is refused when it is recorded (a unique key): no read here.
    const key = await this.deps.keyring.current(issuer);
    const { purposes } = settings;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const entries: IssuedEntry[] = [];
      const out: SignedCredential[] = [];
      for (const draft of drafts) {
        const slots: StatusSlot[] = [];
        for (const purpose of purposes) {
          slots.push(await store.pickStatusSlot(issuer.id, purpose, { size: config.statusListSize, threshold: config.statusListThreshold }));
        }
        const signed = await this.sign(issuer, draft, slots, key, settings);
        out.push(signed);
        entries.push({ record: this.recordOf(issuer, draft, signed, settings), slots });
      }
      const idempotency = settings.idempotency
        ? {
            issuerId: issuer.id,
            key: settings.idempotency.key,
            requestHash: settings.idempotency.requestHash,
            response: JSON.stringify(entries.map((e) => e.record.id)),
          }
        : null;
      const result = await store.recordIssued(entries, idempotency);
      if (result.outcome === 'recorded') return { credentials: out, records: entries.map((e) => e.record), replayed: false };
      if (result.outcome === 'replay') return this.replay(result, settings.idempotency!.requestHash);
      if (result.outcome === 'duplicate') throw new SkillcredError('CONFLICT', message('conflict.duplicate', { reason: result.detail }));
      this.deps.log.info('status_slot_retry', { issuer: issuer.slug, attempt });
    }
    throw new SkillcredError('CONFLICT', message('conflict.no-free-index'));
  }

  /**
   * Signs one draft with the status slots it will claim and makes its record, recording nothing:
   * a batch job signs a chunk this way and commits it at once. The same signing as `record`.
   */
  async signEntry(issuer: IssuerRecord, draft: Draft, slots: StatusSlot[], settings: IssueSettings): Promise<IssuedEntry> {
    const key = await this.deps.keyring.current(issuer);
    const signed = await this.sign(issuer, draft, slots, key, settings);
    return { record: this.recordOf(issuer, draft, signed, settings), slots };
  }

  private async replay(prior: { requestHash: string; response: string }, requestHash: string): Promise<Recorded> {
    if (prior.requestHash !== requestHash) {
      throw new SkillcredError('IDEMPOTENCY_MISMATCH', message('conflict.idempotency'));
    }
    const ids = JSON.parse(prior.response) as string[];
    const records: CredentialRecord[] = [];
    for (const id of ids) {
      const record = await this.deps.store.getCredential(id);
      if (!record) throw new SkillcredError('INTERNAL', message('internal.replay-lost', { id }));
      records.push(record);
    }
    return { credentials: records.map((r) => JSON.parse(r.document) as SignedCredential), records, replayed: true };
  }

  private async sign(issuer: IssuerRecord, draft: Draft, slots: StatusSlot[], key: SigningKey, settings: IssueSettings): Promise<SignedCredential> {
    const { config, clock, proofs } = this.deps;
    let credential = withStatus(
      draft.credential,
      slots.map((s) => statusEntry(config.publicUrl, issuer.slug, s)),
    );
    if (draft.vcVersion === 1) credential = withV1Contexts(credential);
    const now = clock.now();
    if (settings.format === 'vc+jwt') return envelope(await signVcJwt(credential, key.record.id, key.handle, now));
    if (settings.format === 'jwt_vc_json') return signJwtVcJson(credential, key.record.id, key.handle, { issuedAt: now });
    const proof = await proofs.create(
      credential,
      { cryptosuite: settings.cryptosuite, created: toDateTimeStamp(now), verificationMethod: key.record.id },
      key.handle,
    );
    // Open Badges 3.0 wants `proof` as an array; VC 2.0 allows either.
    return attachProof(credential, proof, isOpenBadge(credential));
  }

  private recordOf(issuer: IssuerRecord, draft: Draft, signed: SignedCredential, settings: IssueSettings): CredentialRecord {
    return {
      id: String(draft.credential.id),
      issuerId: issuer.id,
      kind: draft.kind,
      holderHash: draft.holderHash,
      certificateNumber: draft.certificateNumber,
      assessmentId: draft.assessmentId,
      issuedAt: this.deps.clock.now().toISOString(),
      validFrom: draft.validFrom,
      format: settings.format === 'ldp_vc' ? settings.cryptosuite : settings.format,
      document: JSON.stringify(signed),
    };
  }
}

function isOpenBadge(credential: JsonObject): boolean {
  const types = Array.isArray(credential.type) ? credential.type : [credential.type];
  return types.includes('OpenBadgeCredential') || types.includes('AchievementCredential');
}

function withV1Contexts(credential: JsonObject): JsonObject {
  const ctx = Array.isArray(credential['@context']) ? [...credential['@context']] : [credential['@context']];
  const needed = credential.credentialStatus === undefined ? [DATA_INTEGRITY_V2] : [STATUS_LIST_V1, DATA_INTEGRITY_V2];
  for (const url of needed) if (!ctx.includes(url)) ctx.push(url);
  return { ...credential, '@context': ctx };
}

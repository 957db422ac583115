import { DATA_INTEGRITY_V2, STATUS_LIST_V1 } from '../credentials/contexts.js';
import { attachProof, createProof, toDateTimeStamp, type Cryptosuite, type JsonObject } from '../credentials/data-integrity.js';
import type { DocumentLoader } from '../credentials/document-loader.js';
import { envelope, signVcJwt } from '../credentials/jwt.js';
import { SkillcredError } from '../errors.js';
import type { Ports } from '../ports.js';
import { statusEntry, withStatus } from '../status/entries.js';
import type { IssuedEntry } from '../store/store.js';
import type { CredentialRecord } from '../domain/credential-record.js';
import type { IssuerRecord } from '../domain/issuer.js';
import type { StatusPurpose, StatusSlot } from '../domain/status.js';
import type { Keyring, SigningKey } from './keyring.js';

/** A credential ready to sign, with what its record needs to remember. */
export interface Draft {
  credential: JsonObject;
  kind: string;
  holderHash: string | null;
  certificateNumber: string | null;
  assessmentId: string | null;
  validFrom: string | null;
  /** VC 1.1 credentials need the status and data-integrity contexts appended. */
  vcVersion: 1 | 2;
}

export interface IssueSettings {
  cryptosuite: Cryptosuite;
  format: 'ldp_vc' | 'vc+jwt';
  suspension: boolean;
  idempotency?: { key: string; requestHash: string };
}

/** What issuance returns: the credentials as the issuer receives them. */
export interface IssueResult {
  credentials: JsonObject[];
  records: CredentialRecord[];
  replayed: boolean;
}

const MAX_ATTEMPTS = 8;

/** Signs drafts, claims their status indexes and records them: all of a request, or nothing. */
export class IssuanceService {
  constructor(
    private readonly ports: Pick<Ports, 'store' | 'crypto' | 'clock' | 'config' | 'log'>,
    private readonly keyring: Keyring,
    private readonly documentLoader: DocumentLoader,
    /** Refuses what the issuer may not issue (accreditation); throws NOT_ACCREDITED. */
    private readonly authorize: (issuer: IssuerRecord, credential: JsonObject, at: Date) => Promise<void> = async () => {},
  ) {}

  async issue(issuer: IssuerRecord, drafts: Draft[], settings: IssueSettings): Promise<IssueResult> {
    const { store } = this.ports;
    if (settings.idempotency) {
      const prior = await store.getIdempotent(issuer.id, settings.idempotency.key);
      if (prior) return this.replay(prior, settings.idempotency.requestHash);
    }
    // A credential id issued before is refused when it is recorded (a unique key): no read here.
    for (const d of drafts) await this.authorize(issuer, d.credential, this.ports.clock.now());
    const key = await this.keyring.current(issuer.id);
    const purposes: StatusPurpose[] = settings.suspension ? ['revocation', 'suspension'] : ['revocation'];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const entries: IssuedEntry[] = [];
      const out: JsonObject[] = [];
      for (const draft of drafts) {
        const slots: StatusSlot[] = [];
        for (const purpose of purposes) {
          slots.push(
            await store.pickStatusSlot(issuer.id, purpose, {
              size: this.ports.config.statusListSize,
              threshold: this.ports.config.statusListThreshold,
            }),
          );
        }
        const signed = await this.sign(issuer, draft, slots, key, settings);
        out.push(signed);
        entries.push({ record: this.record(issuer, draft, signed, settings), slots });
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
      if (result.outcome === 'duplicate') throw new SkillcredError('CONFLICT', result.detail);
      this.ports.log.info('status_slot_retry', { issuer: issuer.slug, attempt });
    }
    throw new SkillcredError('CONFLICT', 'could not claim free status-list indexes; retry the request');
  }

  private async replay(prior: { requestHash: string; response: string }, requestHash: string): Promise<IssueResult> {
    if (prior.requestHash !== requestHash) {
      throw new SkillcredError('IDEMPOTENCY_MISMATCH', 'this Idempotency-Key was already used for a different request body');
    }
    const ids = JSON.parse(prior.response) as string[];
    const records: CredentialRecord[] = [];
    for (const id of ids) {
      const record = await this.ports.store.getCredential(id);
      if (!record) throw new SkillcredError('INTERNAL', `idempotent replay lost credential ${id}`);
      records.push(record);
    }
    return { credentials: records.map((r) => JSON.parse(r.document) as JsonObject), records, replayed: true };
  }

  private async sign(
    issuer: IssuerRecord,
    draft: Draft,
    slots: StatusSlot[],
    key: SigningKey,
    settings: IssueSettings,
  ): Promise<JsonObject> {
    let credential = withStatus(
      draft.credential,
      slots.map((s) => statusEntry(this.ports.config.publicUrl, issuer.slug, s)),
    );
    if (draft.vcVersion === 1) credential = withV1Contexts(credential);
    const created = toDateTimeStamp(this.ports.clock.now());
    if (settings.format === 'vc+jwt') {
      return envelope(await signVcJwt(credential, key.record.id, key.handle, this.ports.clock.now()));
    }
    const proof = await createProof(
      credential,
      { cryptosuite: settings.cryptosuite, created, verificationMethod: key.record.id },
      key.handle,
      { crypto: this.ports.crypto, documentLoader: this.documentLoader },
    );
    // Open Badges 3.0 wants `proof` as an array; VC 2.0 allows either.
    return attachProof(credential, proof, isOpenBadge(credential));
  }

  private record(issuer: IssuerRecord, draft: Draft, signed: JsonObject, settings: IssueSettings): CredentialRecord {
    return {
      id: String(draft.credential.id),
      issuerId: issuer.id,
      kind: draft.kind,
      holderHash: draft.holderHash,
      certificateNumber: draft.certificateNumber,
      assessmentId: draft.assessmentId,
      issuedAt: this.ports.clock.now().toISOString(),
      validFrom: draft.validFrom,
      format: settings.format === 'vc+jwt' ? 'vc+jwt' : settings.cryptosuite,
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
  for (const url of [STATUS_LIST_V1, DATA_INTEGRITY_V2]) if (!ctx.includes(url)) ctx.push(url);
  return { ...credential, '@context': ctx };
}

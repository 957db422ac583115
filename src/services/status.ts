import { createProof, attachProof, toDateTimeStamp } from '../credentials/data-integrity.js';
import type { DocumentLoader } from '../credentials/document-loader.js';
import { SkillcredError } from '../errors.js';
import type { Ports } from '../ports.js';
import { bitsWithSet, encodeList } from '../status/bitstring.js';
import { statusListUrl } from '../status/entries.js';
import { statusListCredential } from '../status/list-credential.js';
import type { CredentialSelector, StatusEntryState } from '../store/store.js';
import type { AuditEntry, StatusChange, StatusPurpose } from '../domain/status.js';
import type { CredentialRecord } from '../domain/credential-record.js';
import type { IssuerRecord } from '../domain/issuer.js';
import type { Keyring } from './keyring.js';

/** A signed status list as served: its exact bytes and validators. */
export interface PublishedList {
  json: string;
  etag: string;
  validUntil: string;
}

/** Who changes a status, for the audit log and the permission check. */
export type Actor = { kind: 'admin'; label: string } | { kind: 'issuer'; issuerId: string; label: string };

export type StatusAction = 'revoke' | 'suspend' | 'reinstate';

/** What a status change did. */
export interface ChangeReport {
  matched: number;
  changed: number;
  unchanged: number;
  skipped: number;
  credentials: { id: string; status: Partial<Record<StatusPurpose, boolean>> }[];
}

const ACTION_CHANGE: Record<StatusAction, { purpose: StatusPurpose; value: boolean }> = {
  revoke: { purpose: 'revocation', value: true },
  suspend: { purpose: 'suspension', value: true },
  reinstate: { purpose: 'suspension', value: false },
};

/** Publishing Bitstring Status Lists and changing the status of credentials. */
export class StatusService {
  constructor(
    private readonly ports: Pick<Ports, 'store' | 'crypto' | 'compression' | 'clock' | 'config' | 'log'>,
    private readonly keyring: Keyring,
    private readonly documentLoader: DocumentLoader,
    private readonly onStatusChanged: () => void = () => {},
  ) {}

  /**
   * The signed list credential of one list. It is re-signed only when a bit changed since the
   * last signature, or when the stored one would expire within a cache lifetime.
   */
  async published(slug: string, purpose: StatusPurpose, seq: number): Promise<PublishedList> {
    const { store, clock, config } = this.ports;
    const issuer = await store.getIssuer({ slug });
    const list = issuer ? await store.getStatusList(issuer.id, purpose, seq) : null;
    if (!issuer || !list) throw new SkillcredError('NOT_FOUND', `no ${purpose} status list ${seq} of issuer ${slug}`);
    const now = clock.now();
    if (
      list.signedJson &&
      list.signedEtag &&
      list.signedValidUntil &&
      list.signedVersion === list.version &&
      Date.parse(list.signedValidUntil) - now.getTime() > config.statusCacheMaxAge * 1000
    ) {
      return { json: list.signedJson, etag: list.signedEtag, validUntil: list.signedValidUntil };
    }
    const version = list.version;
    const bits = bitsWithSet(list.size, await store.listSetBits(list.id));
    const signed = await this.sign(issuer, purpose, seq, bits, now);
    const json = JSON.stringify(signed);
    const digest = await this.ports.crypto.sha256(new TextEncoder().encode(json));
    const etag = `"${Array.from(digest.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('')}"`;
    const validUntil = String(signed.validUntil);
    await store.saveSignedStatusList(list.id, { version, json, etag, validUntil });
    return { json, etag, validUntil };
  }

  /** Signs a list credential for `bits` as the issuer's current key. */
  async sign(issuer: IssuerRecord, purpose: StatusPurpose, seq: number, bits: Uint8Array, now: Date): Promise<Record<string, unknown>> {
    const { config } = this.ports;
    const key = await this.keyring.current(issuer.id);
    const credential = statusListCredential({
      url: statusListUrl(config.publicUrl, issuer.slug, purpose, seq),
      issuerDid: issuer.did,
      purpose,
      encodedList: await encodeList(bits, this.ports.compression),
      validFrom: toDateTimeStamp(now),
      validUntil: toDateTimeStamp(new Date(now.getTime() + config.statusListValidity * 1000)),
    });
    const proof = await createProof(
      credential,
      { cryptosuite: 'eddsa-rdfc-2022', created: toDateTimeStamp(now), verificationMethod: key.record.id },
      key.handle,
      { crypto: this.ports.crypto, documentLoader: this.documentLoader },
    );
    return attachProof(credential, proof);
  }

  /** The credential, if the actor may change or read its status; 404 otherwise (no existence leak). */
  async credentialFor(actor: Actor, credentialId: string): Promise<CredentialRecord> {
    const record = await this.ports.store.getCredential(credentialId);
    if (!record || (actor.kind === 'issuer' && record.issuerId !== actor.issuerId)) {
      throw new SkillcredError('NOT_FOUND', `no credential ${credentialId} issued by you`);
    }
    return record;
  }

  /** Revokes, suspends or reinstates one credential, or every credential of its assessment. */
  async act(
    actor: Actor,
    credentialId: string,
    action: StatusAction,
    opts: { reason: string; requestId: string; scope?: 'credential' | 'assessment' },
  ): Promise<ChangeReport> {
    const record = await this.credentialFor(actor, credentialId);
    let targets = [record];
    if (opts.scope === 'assessment') {
      if (!record.assessmentId) {
        throw new SkillcredError('CONFLICT', `credential ${credentialId} belongs to no assessment; use scope "credential"`);
      }
      targets = await this.ports.store.listCredentials({ by: 'assessment', issuerId: record.issuerId, assessmentId: record.assessmentId });
    }
    const change = ACTION_CHANGE[action];
    return this.apply(
      targets.map((t) => ({ credentialId: t.id, ...change })),
      actor,
      opts,
      false,
    );
  }

  /** Sets explicit bits on one credential (the VC API's /credentials/status). */
  async setBits(actor: Actor, credentialId: string, bits: { purpose: StatusPurpose; value: boolean }[], opts: { reason: string; requestId: string }) {
    await this.credentialFor(actor, credentialId);
    return this.apply(
      bits.map((b) => ({ credentialId, ...b })),
      actor,
      opts,
      false,
    );
  }

  /**
   * One atomic change over every credential a selector picks (an assessment, or what the issuer
   * signed in a time range). Credentials the change cannot apply to (no suspension entry, or
   * already revoked when suspending) are counted as skipped.
   */
  async bulk(
    actor: Actor,
    selector: CredentialSelector,
    action: StatusAction,
    opts: { reason: string; requestId: string; onProgress?: (done: number, total: number) => void },
  ): Promise<ChangeReport> {
    if (actor.kind === 'issuer' && selector.issuerId !== actor.issuerId) {
      throw new SkillcredError('FORBIDDEN', 'an issuer key changes only its own credentials');
    }
    if (selector.by === 'issued-between' && Date.parse(selector.from) >= Date.parse(selector.to)) {
      throw new SkillcredError('MALFORMED_VALUE', '/select/issuedUntil must be after issuedFrom', {
        errors: [{ pointer: '/select/issuedUntil', detail: 'must be after issuedFrom' }],
      });
    }
    const targets = await this.ports.store.listCredentials(selector);
    const change = ACTION_CHANGE[action];
    return this.apply(
      targets.map((t) => ({ credentialId: t.id, ...change })),
      actor,
      opts,
      true,
    );
  }

  private async apply(
    changes: StatusChange[],
    actor: Actor,
    opts: { reason: string; requestId: string; onProgress?: (done: number, total: number) => void },
    skipIneligible: boolean,
  ): Promise<ChangeReport> {
    const result = await this.ports.store.setStatus(
      changes,
      { actor: actor.label, reason: opts.reason, requestId: opts.requestId, at: this.ports.clock.now().toISOString() },
      { skipMissing: skipIneligible, ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) },
    );
    if (result.outcome === 'refused') {
      throw new SkillcredError(
        'CONFLICT',
        result.reason === 'revoked-final'
          ? `credential ${result.credentialId} is revoked, and revocation is final`
          : `credential ${result.credentialId} was issued without a ${changes.find((c) => c.credentialId === result.credentialId)?.purpose ?? 'matching'} status entry`,
      );
    }
    if (result.changed > 0) this.onStatusChanged();
    this.ports.log.info('status_changed', { requestId: opts.requestId, actor: actor.label, changed: result.changed });
    const ids = [...new Set(changes.map((c) => c.credentialId))];
    const credentials = ids.length <= 100 ? await Promise.all(ids.map(async (id) => ({ id, status: statusOf(await this.ports.store.getStatusEntries(id)) }))) : [];
    return { matched: ids.length, changed: result.changed, unchanged: result.unchanged, skipped: result.skipped, credentials };
  }

  /** The current status bits of a credential. */
  async statusOf(actor: Actor, credentialId: string): Promise<Partial<Record<StatusPurpose, boolean>>> {
    await this.credentialFor(actor, credentialId);
    return statusOf(await this.ports.store.getStatusEntries(credentialId));
  }

  async audit(actor: Actor, by: { credentialId: string } | { issuerId: string }, limit?: number): Promise<AuditEntry[]> {
    if ('credentialId' in by) await this.credentialFor(actor, by.credentialId);
    else if (actor.kind === 'issuer' && actor.issuerId !== by.issuerId) {
      throw new SkillcredError('FORBIDDEN', 'an issuer key reads only its own audit log');
    }
    return this.ports.store.listAudit(by, limit);
  }
}

function statusOf(entries: StatusEntryState[]): Partial<Record<StatusPurpose, boolean>> {
  const out: Partial<Record<StatusPurpose, boolean>> = {};
  for (const e of entries) out[e.purpose] = e.value;
  return out;
}

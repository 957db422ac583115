import type { CryptoProvider } from '../credentials/crypto.js';
import { attachProof, toDateTimeStamp } from '../credentials/data-integrity.js';
import type { ProofEngine } from '../credentials/proof-engine.js';
import type { CredentialRecord } from '../domain/credential-record.js';
import type { IssuerRecord } from '../domain/issuer.js';
import type { Principal } from '../domain/principal.js';
import type { BulkStatusRequest, VcStatusRequest } from '../domain/requests.js';
import type { AuditEntry, StatusChange, StatusPurpose } from '../domain/status.js';
import { SkillcredError, malformed, message } from '../errors.js';
import type { Clock, Logger } from '../ports.js';
import type { Config } from '../config.js';
import { bitsWithSet, encodeList, type Compression } from '../status/bitstring.js';
import { statusListUrl } from '../status/entries.js';
import { statusListCredential } from '../status/list-credential.js';
import type { CredentialSelector, StatusEntryState, StatusListRecord, Store } from '../store/store.js';
import { allow, instant, owns } from './access.js';
import { credentialId } from './credentials.js';
import type { Keyring } from './keyring.js';

/** A signed status list as served: its exact bytes and validators. */
export interface PublishedList {
  json: string;
  etag: string;
  validUntil: string;
  /** Seconds a cache may keep it (Cache-Control max-age). */
  maxAge: number;
  /** When it was served (Expires = servedAt + maxAge). */
  servedAt: Date;
}

export type StatusAction = BulkStatusRequest['action'];

/** What a status change did. */
export interface ChangeReport {
  matched: number;
  changed: number;
  unchanged: number;
  skipped: number;
  credentials: { id: string; status: Partial<Record<StatusPurpose, boolean>> }[];
}

/** Who asked, for the audit log, and the request it came with. */
export interface ChangeContext {
  requestId: string;
  /** The X-Request-Id the client sent, recorded beside ours as the client's. */
  clientRequestId?: string | undefined;
  onProgress?: (done: number, total: number) => void;
}

const ACTION_CHANGE: Record<StatusAction, { purpose: StatusPurpose; value: boolean }> = {
  revoke: { purpose: 'revocation', value: true },
  suspend: { purpose: 'suspension', value: true },
  reinstate: { purpose: 'suspension', value: false },
};

export interface StatusDeps {
  store: Store;
  crypto: CryptoProvider;
  compression: Compression;
  clock: Clock;
  config: Pick<Config, 'publicUrl' | 'statusCacheMaxAge' | 'statusListValidity'>;
  log: Logger;
  keyring: Keyring;
  /** Signs the list credentials (on worker threads on Node). */
  proofs: ProofEngine;
  /** Called after bits changed (local caches of published lists). */
  onStatusChanged?: () => void;
}

/** Publishing Bitstring Status Lists and changing the status of credentials. */
export class StatusService {
  constructor(private readonly ports: StatusDeps) {}

  /**
   * The signed list credential of one list. It is re-signed only when a bit changed since the
   * last signature, or when the stored one would expire within a cache lifetime.
   */
  async published(slug: string, purpose: StatusPurpose, seq: number): Promise<PublishedList> {
    const { store, clock, config } = this.ports;
    const issuer = await store.getIssuer({ slug });
    const list = issuer ? await store.getStatusList(issuer.id, purpose, seq) : null;
    if (!issuer || !list) throw new SkillcredError('NOT_FOUND', message('not-found.status-list', { purpose, seq, slug }));
    const now = clock.now();
    if (
      list.signedJson &&
      list.signedEtag &&
      list.signedValidUntil &&
      list.signedVersion === list.version &&
      Date.parse(list.signedValidUntil) - now.getTime() > config.statusCacheMaxAge * 1000
    ) {
      return { json: list.signedJson, etag: list.signedEtag, validUntil: list.signedValidUntil, maxAge: config.statusCacheMaxAge, servedAt: now };
    }
    return this.resign(issuer, list, now);
  }

  /**
   * Re-signs every status list of an issuer with its current key, whatever their versions: after
   * a rotation (a compromised key's signatures must not be what verifiers keep fetching).
   */
  async resignAll(issuer: IssuerRecord): Promise<number> {
    const lists = await this.ports.store.listStatusLists(issuer.id);
    for (const list of lists) await this.resign(issuer, list, this.ports.clock.now());
    if (lists.length > 0) this.ports.onStatusChanged?.();
    return lists.length;
  }

  private async resign(issuer: IssuerRecord, list: StatusListRecord, now: Date): Promise<PublishedList> {
    const { store, config } = this.ports;
    const version = list.version;
    const bits = bitsWithSet(list.size, await store.listSetBits(list.id));
    let signed: Record<string, unknown>;
    try {
      signed = await this.sign(issuer, list.purpose, list.seq, bits, now);
    } catch (error) {
      // No usable key (compromised, not yet rotated): verifiers must see the list as unavailable,
      // never a stale copy as current.
      if (error instanceof SkillcredError && error.code === 'CONFLICT') {
        throw new SkillcredError('UNAVAILABLE', message('unavailable.list-unsignable', { purpose: list.purpose, seq: list.seq, slug: issuer.slug }), {
          headers: { 'retry-after': '300' },
        });
      }
      throw error;
    }
    const json = JSON.stringify(signed);
    const digest = await this.ports.crypto.sha256(new TextEncoder().encode(json));
    const etag = `"${Array.from(digest.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('')}"`;
    const validUntil = String(signed.validUntil);
    await store.saveSignedStatusList(list.id, { version, json, etag, validUntil });
    return { json, etag, validUntil, maxAge: config.statusCacheMaxAge, servedAt: now };
  }

  /** Signs a list credential for `bits` as the issuer's current key. */
  async sign(issuer: IssuerRecord, purpose: StatusPurpose, seq: number, bits: Uint8Array, now: Date): Promise<Record<string, unknown>> {
    const { config } = this.ports;
    const key = await this.ports.keyring.current(issuer);
    const credential = statusListCredential({
      url: statusListUrl(config.publicUrl, issuer.slug, purpose, seq),
      issuerDid: issuer.did,
      purpose,
      encodedList: await encodeList(bits, this.ports.compression),
      validFrom: toDateTimeStamp(now),
      validUntil: toDateTimeStamp(new Date(now.getTime() + config.statusListValidity * 1000)),
    });
    const proof = await this.ports.proofs.create(
      credential,
      { cryptosuite: 'eddsa-rdfc-2022', created: toDateTimeStamp(now), verificationMethod: key.record.id },
      key.handle,
    );
    return attachProof(credential, proof);
  }

  /** The credential, if the caller may change or read its status; 404 otherwise (no existence leak). */
  private async credentialFor(principal: Principal | undefined, rawId: string, what: string): Promise<{ caller: Principal; record: CredentialRecord }> {
    const caller = allow(principal, ['issuer', 'admin'], what);
    const id = credentialId(rawId);
    const record = await this.ports.store.getCredential(id);
    if (!record || !owns(caller, record.issuerId)) throw new SkillcredError('NOT_FOUND', message('not-found.own-credential', { id }));
    return { caller, record };
  }

  /** Revokes, suspends or reinstates one credential, or every credential of its assessment. */
  async change(
    principal: Principal | undefined,
    rawId: string,
    action: StatusAction,
    request: { reason: string; scope?: 'credential' | 'assessment' },
    ctx: ChangeContext,
  ): Promise<ChangeReport> {
    const { caller, record } = await this.credentialFor(principal, rawId, 'changing a status');
    let targets = [record];
    if (request.scope === 'assessment') {
      if (!record.assessmentId) throw new SkillcredError('CONFLICT', message('conflict.no-assessment', { id: record.id }));
      targets = await this.ports.store.listCredentials({ by: 'assessment', issuerId: record.issuerId, assessmentId: record.assessmentId });
    }
    const change = ACTION_CHANGE[action];
    return this.apply(
      targets.map((t) => ({ credentialId: t.id, ...change })),
      caller,
      request.reason,
      ctx,
      false,
    );
  }

  /** The VC API's POST /credentials/status: explicit bits on one credential. */
  async setBits(principal: Principal | undefined, request: VcStatusRequest, ctx: ChangeContext): Promise<ChangeReport & { credentialId: string }> {
    const bits = request.credentialStatus.map((s, i) => {
      if (typeof s.status === 'boolean') {
        if (!s.statusPurpose) throw malformed(`/credentialStatus/${i}/statusPurpose`, 'field.purpose-with-boolean');
        return { purpose: s.statusPurpose, value: s.status };
      }
      return s.status === 'revoked' ? { purpose: 'revocation' as const, value: true } : { purpose: 'suspension' as const, value: s.status === 'suspended' };
    });
    const { caller, record } = await this.credentialFor(principal, request.credentialId, 'changing a status');
    const report = await this.apply(
      bits.map((b) => ({ credentialId: record.id, ...b })),
      caller,
      request.reason ?? 'VC API status update',
      ctx,
      false,
    );
    return { credentialId: record.id, ...report };
  }

  /**
   * One atomic change over every credential a selection picks (an assessment, or what the issuer
   * signed in a time range). Credentials the change cannot apply to (no suspension entry, or
   * already revoked when suspending) are counted as skipped.
   */
  async bulk(principal: Principal | undefined, request: BulkStatusRequest, ctx: ChangeContext): Promise<ChangeReport> {
    const caller = allow(principal, ['issuer', 'admin'], 'changing statuses in bulk');
    const issuerId = await this.scopeIssuer(caller, request.issuer);
    let selector: CredentialSelector;
    if ('assessmentId' in request.select) selector = { by: 'assessment', issuerId, assessmentId: request.select.assessmentId };
    else if ('batchId' in request.select) selector = { by: 'batch', issuerId, batchId: request.select.batchId };
    else {
      const from = instant(request.select.issuedFrom, '/select/issuedFrom');
      const to = instant(request.select.issuedUntil, '/select/issuedUntil');
      if (from >= to) throw malformed('/select/issuedUntil', 'field.after', { other: 'issuedFrom' });
      selector = { by: 'issued-between', issuerId, from: from.toISOString(), to: to.toISOString() };
    }
    const targets = await this.ports.store.listCredentials(selector);
    const change = ACTION_CHANGE[request.action];
    return this.apply(
      targets.map((t) => ({ credentialId: t.id, ...change })),
      caller,
      request.reason,
      ctx,
      true,
    );
  }

  /** The current status bits of a credential. */
  async statusOf(principal: Principal | undefined, rawId: string): Promise<{ credentialId: string; status: Partial<Record<StatusPurpose, boolean>> }> {
    const { record } = await this.credentialFor(principal, rawId, 'reading a status');
    return { credentialId: record.id, status: statusOf(await this.ports.store.getStatusEntries(record.id)) };
  }

  /** The audit log of one credential. */
  async credentialAudit(principal: Principal | undefined, rawId: string): Promise<{ credentialId: string; entries: AuditEntry[] }> {
    const { record } = await this.credentialFor(principal, rawId, 'reading an audit log');
    return { credentialId: record.id, entries: await this.ports.store.listAudit({ credentialId: record.id }) };
  }

  /** The audit log of an issuer (its own for an issuer key; the named one for the admin). */
  async issuerAudit(principal: Principal | undefined, query: { issuer?: string; limit?: number }): Promise<{ entries: AuditEntry[] }> {
    const caller = allow(principal, ['issuer', 'admin'], 'reading an audit log');
    const issuerId = await this.scopeIssuer(caller, query.issuer);
    return { entries: await this.ports.store.listAudit({ issuerId }, query.limit ?? 1000) };
  }

  /** The issuer a call acts on: an issuer key's own (naming another is 403), the admin's named one. */
  private async scopeIssuer(caller: Principal, slug: string | undefined): Promise<string> {
    if (caller.kind === 'issuer') {
      if (slug !== undefined) {
        const named = await this.ports.store.getIssuer({ slug });
        if (named?.id !== caller.issuerId) throw new SkillcredError('FORBIDDEN', message('forbidden.own-issuer-only'));
      }
      return caller.issuerId;
    }
    if (!slug) throw malformed('/issuer', 'field.issuer-for-admin');
    const issuer = await this.ports.store.getIssuer({ slug });
    if (!issuer) throw new SkillcredError('NOT_FOUND', message('not-found.issuer', { slug }));
    return issuer.id;
  }

  private async actorLabel(caller: Principal): Promise<string> {
    if (caller.kind === 'admin') return caller.via;
    if (caller.kind === 'issuer') {
      const issuer = await this.ports.store.getIssuer({ id: caller.issuerId });
      return `issuer:${issuer?.slug ?? caller.issuerId} key:${caller.apiKeyId}`;
    }
    return `partner:${caller.partnerId}`;
  }

  private async apply(changes: StatusChange[], caller: Principal, reason: string, ctx: ChangeContext, skipIneligible: boolean): Promise<ChangeReport> {
    const actor = await this.actorLabel(caller);
    const result = await this.ports.store.setStatus(
      changes,
      { actor, reason, requestId: ctx.requestId, clientRequestId: ctx.clientRequestId ?? null, at: this.ports.clock.now().toISOString() },
      { skipMissing: skipIneligible, ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}) },
    );
    if (result.outcome === 'refused') {
      throw new SkillcredError(
        'CONFLICT',
        result.reason === 'revoked-final'
          ? message('conflict.revoked-final', { id: result.credentialId })
          : message('conflict.no-status-entry', {
              id: result.credentialId,
              purpose: changes.find((c) => c.credentialId === result.credentialId)?.purpose ?? 'matching',
            }),
      );
    }
    if (result.changed > 0) this.ports.onStatusChanged?.();
    this.ports.log.info('status_changed', { requestId: ctx.requestId, actor, changed: result.changed });
    const ids = [...new Set(changes.map((c) => c.credentialId))];
    const credentials =
      ids.length <= 100 ? await Promise.all(ids.map(async (id) => ({ id, status: statusOf(await this.ports.store.getStatusEntries(id)) }))) : [];
    return { matched: ids.length, changed: result.changed, unchanged: result.unchanged, skipped: result.skipped, credentials };
  }
}

function statusOf(entries: StatusEntryState[]): Partial<Record<StatusPurpose, boolean>> {
  const out: Partial<Record<StatusPurpose, boolean>> = {};
  for (const e of entries) out[e.purpose] = e.value;
  return out;
}

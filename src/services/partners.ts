import { CREDENTIALS_V2, SKILLCRED_CONTEXT_V1 } from '../credentials/contexts.js';
import { attachProof, toDateTimeStamp, type JsonObject } from '../credentials/data-integrity.js';
import type { ProofEngine } from '../credentials/proof-engine.js';
import { scopeOf } from '../domain/accreditation.js';
import type { Principal } from '../domain/principal.js';
import type { PartnerRequest, RecognitionRequest } from '../domain/requests.js';
import { message, SkillcredError } from '../errors.js';
import type { Clock } from '../ports.js';
import type { Config } from '../config.js';
import type { CryptoProvider } from '../credentials/crypto.js';
import type { Store } from '../store/store.js';
import type { Language } from '../domain/localized.js';
import type { Verdict, VerificationResult } from '../verify/result.js';
import { adminOnly, allow } from './access.js';
import type { RateLimiter } from './rate-limit.js';
import type { ServiceIdentity } from './service-identity.js';
import type { VerificationService } from './verification.js';
import type { ApiKeyRecord } from '../domain/issuer.js';
import type { PartnerRecord, RecognitionRecord } from '../domain/partner.js';
import type { IssuedApiKey } from './issuers.js';
import { hashSecret, newApiKeyToken } from './secrets.js';

/** A recognition statement as verification results list it. */
export interface AppliedRecognition {
  statementId: string;
  partner: string;
  partnerName: PartnerRecord['names'];
  region: string;
  framework: string;
  level: string;
  certificateKind: string;
  ladderRank: number | null;
  occupationCode: string | null;
}

export interface PartnerDeps {
  store: Store;
  crypto: CryptoProvider;
  clock: Clock;
  config: Pick<Config, 'publicUrl'>;
  /** Signs recognition statements (on worker threads on Node). */
  proofs: ProofEngine;
  identity: ServiceIdentity;
  rateLimiter: RateLimiter;
  verification: Pick<VerificationService, 'verifyCredential'>;
}

/**
 * Cross-border recognition partners: their accounts and API keys, and the recognition statements
 * they record. A statement is the partner's own assertion; the service signs a record of it (as
 * the service DID, naming the partner that stated it through its API key) and never derives one.
 */
export class PartnerService {
  // The statements by certificate kind, briefly (every verified result looks them up); a statement
  // recorded through this process clears it.
  private readonly byKind = new Map<string, { until: number; records: Promise<RecognitionRecord[]> }>();

  constructor(private readonly ports: PartnerDeps) {}

  /** A partner account with its API key (admin; the key is shown once). */
  async create(principal: Principal | undefined, input: PartnerRequest): Promise<{ partner: PartnerRecord; apiKey: IssuedApiKey }> {
    adminOnly(principal, 'creating a partner');
    const now = this.ports.clock.now().toISOString();
    if (await this.ports.store.getPartner({ slug: input.slug })) throw new SkillcredError('CONFLICT', message('conflict.partner-exists', { slug: input.slug }));
    const partner: PartnerRecord = {
      id: crypto.randomUUID(),
      slug: input.slug,
      names: input.names,
      region: input.region,
      did: null,
      rateLimitPerMinute: input.rateLimitPerMinute ?? 600,
      createdAt: now,
    };
    const { id, secret, token } = newApiKeyToken();
    const key: ApiKeyRecord = {
      id,
      issuerId: null,
      partnerId: partner.id,
      secretHash: await hashSecret(this.ports.crypto, secret),
      label: 'partner',
      createdAt: now,
      revokedAt: null,
    };
    await this.ports.store.createPartner(partner, key);
    return { partner, apiKey: { id, token, issuer: null, createdAt: now } };
  }

  /** Every partner (admin). */
  async list(principal: Principal | undefined): Promise<{ partners: PartnerRecord[] }> {
    adminOnly(principal, 'listing partners');
    return { partners: await this.ports.store.listPartners() };
  }

  /** Every recognition statement, as signed (public). */
  async statements(): Promise<{ statements: unknown[] }> {
    const records = await this.ports.store.listRecognitions();
    return { statements: records.map((r) => JSON.parse(r.document) as unknown) };
  }

  /**
   * Verifies up to 1,000 credentials for a partner (or the admin), in order, each judged with the
   * trust registry. A partner's rate limit counts the items, not the call.
   */
  async verifyBatch(
    principal: Principal | undefined,
    items: unknown[],
    lang: Language,
  ): Promise<{ count: number; counts: Partial<Record<Verdict, number>>; results: (VerificationResult & { index: number })[] }> {
    const caller = allow(principal, ['partner', 'admin'], 'batch verification');
    if (caller.kind === 'partner') {
      const partner = await this.partner(caller.partnerId);
      await this.ports.rateLimiter.take(`partner:${partner.id}`, partner.rateLimitPerMinute, items.length, 60, 'verifications');
    }
    const counts: Partial<Record<Verdict, number>> = {};
    const results: (VerificationResult & { index: number })[] = [];
    for (const [index, item] of items.entries()) {
      const r = await this.ports.verification.verifyCredential(item, {}, lang);
      counts[r.verdict] = (counts[r.verdict] ?? 0) + 1;
      results.push({ index, ...r });
    }
    return { count: results.length, counts, results };
  }

  private async partner(id: string): Promise<PartnerRecord> {
    const partner = await this.ports.store.getPartner({ id });
    if (!partner) throw new SkillcredError('FORBIDDEN', message('forbidden.partner-gone'));
    return partner;
  }

  private partnerUrl(partner: PartnerRecord): string {
    return `${this.ports.config.publicUrl}/partners/${partner.slug}`;
  }

  /** Records and signs the calling partner's recognition statement. */
  async recognise(principal: Principal | undefined, input: RecognitionRequest): Promise<{ id: string; statement: JsonObject }> {
    const partner = await this.partner(allow(principal, ['partner'], 'recording a recognition statement').partnerId);
    await this.ports.rateLimiter.take(`partner:${partner.id}`, partner.rateLimitPerMinute);
    const { clock } = this.ports;
    const now = clock.now();
    const id = `urn:uuid:${globalThis.crypto.randomUUID()}`;
    const credential: JsonObject = {
      '@context': [CREDENTIALS_V2, SKILLCRED_CONTEXT_V1],
      id,
      type: ['VerifiableCredential', 'RecognitionStatementCredential'],
      issuer: this.ports.identity.did,
      validFrom: toDateTimeStamp(now),
      credentialSubject: {
        id: this.partnerUrl(partner),
        type: 'RecognitionStatement',
        name: partner.names.en,
        localizedName: { ...partner.names },
        region: partner.region,
        certificateKind: input.certificateKind,
        ...(input.ladderRank !== undefined ? { ladderRank: input.ladderRank } : {}),
        ...(input.occupationCode !== undefined ? { occupationCode: input.occupationCode } : {}),
        framework: input.framework,
        recognisedLevel: input.level,
        ...(input.note ? { statement: input.note } : {}),
      },
    };
    const key = await this.ports.identity.signingKey();
    const proof = await this.ports.proofs.create(
      credential,
      { cryptosuite: 'eddsa-rdfc-2022', created: toDateTimeStamp(now), verificationMethod: key.record.id },
      key.handle,
    );
    const statement = attachProof(credential, proof);
    const record: RecognitionRecord = {
      id,
      partnerId: partner.id,
      certificateKind: input.certificateKind,
      ladderRank: input.ladderRank ?? null,
      occupationCode: input.occupationCode ?? null,
      framework: input.framework,
      level: input.level,
      document: JSON.stringify(statement),
      createdAt: now.toISOString(),
      withdrawnAt: null,
    };
    await this.ports.store.addRecognition(record);
    this.byKind.clear();
    return { id: record.id, statement };
  }

  /** The recognition statements that apply to a credential's kind, rank and occupation. */
  async applicable(credential: JsonObject): Promise<AppliedRecognition[]> {
    const scope = scopeOf(credential);
    if (scope.kind === 'other') return [];
    let cached = this.byKind.get(scope.kind);
    if (!cached || cached.until < Date.now()) {
      cached = { until: Date.now() + 10_000, records: this.ports.store.listRecognitions({ certificateKind: scope.kind }) };
      this.byKind.set(scope.kind, cached);
    }
    const records = await cached.records;
    const out: AppliedRecognition[] = [];
    const partners = new Map<string, PartnerRecord | null>();
    for (const r of records) {
      if (r.ladderRank !== null && r.ladderRank !== scope.rank) continue;
      if (r.occupationCode !== null && r.occupationCode !== scope.occupation) continue;
      if (!partners.has(r.partnerId)) partners.set(r.partnerId, await this.ports.store.getPartner({ id: r.partnerId }));
      const p = partners.get(r.partnerId);
      if (!p) continue;
      out.push({
        statementId: r.id,
        partner: this.partnerUrl(p),
        partnerName: p.names,
        region: p.region,
        framework: r.framework,
        level: r.level,
        certificateKind: r.certificateKind,
        ladderRank: r.ladderRank,
        occupationCode: r.occupationCode,
      });
    }
    return out;
  }
}

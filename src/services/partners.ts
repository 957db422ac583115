import { CREDENTIALS_V2, SKILLCRED_CONTEXT_V1 } from '../credentials/contexts.js';
import { attachProof, createProof, toDateTimeStamp, type JsonObject } from '../credentials/data-integrity.js';
import { serviceDid } from '../credentials/did.js';
import type { DocumentLoader } from '../credentials/document-loader.js';
import { scopeOf } from '../domain/accreditation.js';
import { SkillcredError } from '../errors.js';
import type { Ports } from '../ports.js';
import type { ApiKeyRecord, IssuerKeyRecord } from '../domain/issuer.js';
import type { PartnerRecord, RecognitionRecord } from '../domain/partner.js';
import type { IssuedApiKey } from './issuers.js';
import type { Keyring } from './keyring.js';
import { hashSecret, newApiKeyToken } from './secrets.js';

export interface PartnerInput {
  slug: string;
  names: PartnerRecord['names'];
  region: string;
  rateLimitPerMinute?: number;
}

export interface RecognitionInput {
  certificateKind: 'skill-level' | 'specialized-ability' | 'enterprise';
  ladderRank?: number;
  occupationCode?: string;
  framework: string;
  level: string;
  note?: string;
}

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

/**
 * Cross-border recognition partners: their accounts and API keys, and the recognition statements
 * they record. A statement is the partner's own assertion; the service signs a record of it (as
 * the service DID, naming the partner that stated it through its API key) and never derives one.
 */
export class PartnerService {
  // The statements by certificate kind, briefly (every verified result looks them up); a statement
  // recorded through this process clears it.
  private readonly byKind = new Map<string, { until: number; records: Promise<RecognitionRecord[]> }>();

  constructor(
    private readonly ports: Pick<Ports, 'store' | 'crypto' | 'clock' | 'config'>,
    private readonly keyring: Keyring,
    private readonly documentLoader: DocumentLoader,
    private readonly serviceKeys: () => Promise<IssuerKeyRecord[]>,
  ) {}

  async create(input: PartnerInput): Promise<{ partner: PartnerRecord; apiKey: IssuedApiKey }> {
    const now = this.ports.clock.now().toISOString();
    if (await this.ports.store.getPartner({ slug: input.slug })) throw new SkillcredError('CONFLICT', `a partner ${JSON.stringify(input.slug)} already exists`);
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
    const key: ApiKeyRecord = { id, issuerId: null, partnerId: partner.id, secretHash: await hashSecret(this.ports.crypto, secret), label: 'partner', createdAt: now, revokedAt: null };
    await this.ports.store.createPartner(partner, key);
    return { partner, apiKey: { id, token, issuer: null, createdAt: now } };
  }

  async get(id: string): Promise<PartnerRecord> {
    const partner = await this.ports.store.getPartner({ id });
    if (!partner) throw new SkillcredError('NOT_FOUND', 'no such partner');
    return partner;
  }

  partnerUrl(partner: PartnerRecord): string {
    return `${this.ports.config.publicUrl}/partners/${partner.slug}`;
  }

  /** Records and signs a partner's recognition statement. */
  async recognise(partner: PartnerRecord, input: RecognitionInput): Promise<{ record: RecognitionRecord; statement: JsonObject }> {
    const { clock, config, crypto } = this.ports;
    const now = clock.now();
    const id = `urn:uuid:${globalThis.crypto.randomUUID()}`;
    const credential: JsonObject = {
      '@context': [CREDENTIALS_V2, SKILLCRED_CONTEXT_V1],
      id,
      type: ['VerifiableCredential', 'RecognitionStatementCredential'],
      issuer: serviceDid(config),
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
    const current = (await this.serviceKeys()).filter((k) => k.retiredAt === null).at(-1);
    if (!current) throw new SkillcredError('CONFLICT', 'the service has no signing key');
    const key = await this.keyring.signingKey(current);
    const proof = await createProof(credential, { cryptosuite: 'eddsa-rdfc-2022', created: toDateTimeStamp(now), verificationMethod: current.id }, key.handle, {
      crypto,
      documentLoader: this.documentLoader,
    });
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
    return { record, statement };
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

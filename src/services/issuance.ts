import canonicalizeModule from 'canonicalize';
import type { CryptoProvider } from '../credentials/crypto.js';
import type { DocumentLoader } from '../credentials/document-loader.js';
import { assessmentCertificates, type AssessmentRequest, type CertificateRequest } from '../domain/certificate.js';
import type { CredentialRecord } from '../domain/credential-record.js';
import type { IssuerRecord } from '../domain/issuer.js';
import type { StatusPurpose } from '../domain/status.js';
import type { Principal } from '../domain/principal.js';
import type { IssueRequest } from '../domain/requests.js';
import { message, SkillcredError, type Message } from '../errors.js';
import type { Clock } from '../ports.js';
import type { Config } from '../config.js';
import { qrTextOf } from './qr-text.js';
import type { Store } from '../store/store.js';
import { issuerOf } from './access.js';
import { draftFromCertificate, draftFromVcApi, type Draft, type IssueSettings } from './drafts.js';
import type { IssuanceRecorder, Recorded, SignedCredential } from './record-issuance.js';
import type { HolderService } from './holder.js';
import type { TrustService } from './trust.js';

const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/** An issued credential as the issuer receives it, with links to its views. */
export interface IssuedCredential {
  id: string;
  kind: string;
  certificateNumber: string | null;
  assessmentId: string | null;
  verifiableCredential: SignedCredential;
  links: { self: string; certificate: string; qrSvg: string; qrPng: string; verify: string };
}

/** What an issuance call answers: the credentials, and whether an idempotent retry replayed them. */
export interface Issued {
  credentials: IssuedCredential[];
  replayed: boolean;
  /** What the caller should know although it was issued (a catalogue key and its values). */
  warnings?: Message[];
}

export interface IssuanceDeps {
  store: Store;
  crypto: CryptoProvider;
  clock: Clock;
  config: Pick<Config, 'publicUrl'>;
  documentLoader: DocumentLoader;
  recorder: IssuanceRecorder;
  trust: Pick<TrustService, 'assertMayIssue'>;
  holder: Pick<HolderService, 'bind'>;
}

/**
 * The issuance use cases: a certificate, the two certificates of one assessment, a VC API
 * credential. Every rule of issuance is decided here, once: who may issue, the issuer's
 * accreditation, the suspension default, idempotency.
 */
export class IssuanceService {
  constructor(private readonly deps: IssuanceDeps) {}

  /** POST /v1/certificates: one certificate, signed by the caller's issuer. */
  async issueCertificate(principal: Principal | undefined, request: CertificateRequest, idempotencyKey?: string): Promise<Issued> {
    const issuer = await this.callerIssuer(principal);
    const draft = await draftFromCertificate(request, issuer, { now: this.deps.clock.now(), bind: (n) => this.deps.holder.bind(issuer, n) });
    return this.issue(issuer, [draft], {
      ...certificateSettings(issuer, request),
      ...(await this.idempotency('POST /v1/certificates', idempotencyKey, request)),
    });
  }

  /** POST /v1/assessments: the specialized-ability certificate and the enterprise certification of one assessment, both or neither. */
  async issueAssessment(principal: Principal | undefined, request: AssessmentRequest, idempotencyKey?: string): Promise<Issued> {
    const issuer = await this.callerIssuer(principal);
    const drafts: Draft[] = [];
    for (const one of assessmentCertificates(request))
      drafts.push(await draftFromCertificate(one, issuer, { now: this.deps.clock.now(), bind: (n) => this.deps.holder.bind(issuer, n) }));
    return this.issue(issuer, drafts, {
      ...certificateSettings(issuer, request),
      ...(await this.idempotency('POST /v1/assessments', idempotencyKey, request)),
    });
  }

  /** The VC API's POST /credentials/issue: the caller's credential, signed as its issuer. */
  async issueVc(principal: Principal | undefined, request: IssueRequest, idempotencyKey?: string): Promise<Issued> {
    const own = await this.callerIssuer(principal);
    const options = request.options ?? {};
    const format = options.format ?? 'ldp_vc';
    const cryptosuite = options.cryptosuite ?? 'eddsa-rdfc-2022';
    const { draft, issuerId } = await draftFromVcApi(request.credential, {
      cryptosuite,
      format,
      now: this.deps.clock.now(),
      documentLoader: this.deps.documentLoader,
    });
    if (issuerId !== own.did) {
      const named = await this.deps.store.getIssuer({ did: issuerId });
      throw new SkillcredError('FORBIDDEN', message(named ? 'forbidden.sign-as-other' : 'forbidden.sign-as-foreign', { own: own.did, issuer: issuerId }));
    }
    const issued = await this.issue(own, [draft], {
      cryptosuite,
      format,
      purposes: this.vcPurposes(own, options.credentialStatus),
      ...(await this.idempotency('POST /credentials/issue', idempotencyKey, request)),
    });
    const expired = alreadyExpired(request.credential, this.deps.clock.now());
    return expired ? { ...issued, warnings: [expired] } : issued;
  }

  /**
   * A VC API credential gets the status entries the request asks for (options.credentialStatus;
   * revocation when it names none); when it does not ask, the issuer's configuration decides:
   * statusByDefault (revocation, plus suspension by suspensionByDefault), or none at all.
   */
  private vcPurposes(issuer: IssuerRecord, asked: NonNullable<IssueRequest['options']>['credentialStatus']): StatusPurpose[] {
    if (asked) {
      const named = asked.statusPurpose === undefined ? ['revocation'] : Array.isArray(asked.statusPurpose) ? asked.statusPurpose : [asked.statusPurpose];
      return (['revocation', 'suspension'] as const).filter((p) => named.includes(p));
    }
    if (!issuer.statusByDefault) return [];
    return certificatePurposes(issuer, undefined);
  }

  private async callerIssuer(principal: Principal | undefined): Promise<IssuerRecord> {
    const issuerId = issuerOf(principal, 'issuing');
    const issuer = await this.deps.store.getIssuer({ id: issuerId });
    if (!issuer) throw new SkillcredError('FORBIDDEN', message('forbidden.issuer-gone'));
    return issuer;
  }

  /** The idempotency claim of a request: its key and a hash of what it asked (operation + canonical body). */
  private async idempotency(operation: string, key: string | undefined, body: unknown): Promise<Pick<IssueSettings, 'idempotency'>> {
    if (key === undefined) return {};
    const digest = await this.deps.crypto.sha256(new TextEncoder().encode(`${operation}\n${canonicalize(body) ?? ''}`));
    return { idempotency: { key, requestHash: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('') } };
  }

  private async issue(issuer: IssuerRecord, drafts: Draft[], settings: IssueSettings): Promise<Issued> {
    // A replay answers what was issued, even if the accreditation has ended since.
    const authorize = async () => {
      for (const d of drafts) await this.deps.trust.assertMayIssue(issuer, d.credential, this.deps.clock.now());
    };
    const recorded = await this.deps.recorder.record(issuer, drafts, settings, authorize);
    return { credentials: await this.describe(recorded), replayed: recorded.replayed };
  }

  private async describe(recorded: Recorded): Promise<IssuedCredential[]> {
    const { publicUrl } = this.deps.config;
    return Promise.all(recorded.records.map((r, i) => describe(publicUrl, r, recorded.credentials[i]!)));
  }
}

/** A certificate always has a revocation entry; a suspension entry when asked, else by the issuer's default. */
function certificatePurposes(issuer: IssuerRecord, suspension: boolean | undefined): StatusPurpose[] {
  return (suspension ?? issuer.suspensionByDefault) ? ['revocation', 'suspension'] : ['revocation'];
}

/** How a domain certificate is signed (single, assessment or batch): its cryptosuite (rdfc by default) and status entries. */
export function certificateSettings(issuer: IssuerRecord, request: { cryptosuite?: IssueSettings['cryptosuite']; suspension?: boolean }): IssueSettings {
  return { cryptosuite: request.cryptosuite ?? 'eddsa-rdfc-2022', format: 'ldp_vc', purposes: certificatePurposes(issuer, request.suspension) };
}

/** The links of an issued credential; `verify` is the text of its QR code. */
export async function credentialLinks(publicUrl: string, id: string, credential: SignedCredential): Promise<IssuedCredential['links']> {
  const path = `${publicUrl}/credentials/${encodeURIComponent(id)}`;
  const qr = await qrTextOf(publicUrl, credential, id);
  return { self: path, certificate: `${path}/certificate`, qrSvg: `${path}/qr.svg`, qrPng: `${path}/qr.png`, verify: qr.text };
}

/** An issued credential with its links. */
async function describe(publicUrl: string, record: CredentialRecord, credential: SignedCredential): Promise<IssuedCredential> {
  return {
    id: record.id,
    kind: record.kind,
    certificateNumber: record.certificateNumber,
    assessmentId: record.assessmentId,
    verifiableCredential: credential,
    links: await credentialLinks(publicUrl, record.id, credential),
  };
}

/** A warning when the credential being issued is already past its validUntil (VC 2.0) or expirationDate (1.1). */
function alreadyExpired(credential: Record<string, unknown>, now: Date): Message | null {
  for (const field of ['validUntil', 'expirationDate'] as const) {
    const until = credential[field];
    if (typeof until === 'string' && Date.parse(until) < now.getTime()) return { key: 'warning.issued-expired', params: { field, until } };
  }
  return null;
}

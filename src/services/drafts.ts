import { checkBudget, ISSUE_BUDGET } from '../credentials/budget.js';
import { bundledContexts } from '../credentials/contexts.js';
import type { DocumentLoader } from '../credentials/document-loader.js';
import { assertTermsDefined } from '../credentials/jsonld-check.js';
import { toDateTimeStamp, type Cryptosuite, type JsonObject } from '../credentials/data-integrity.js';
import { checkCredentialShape, issuerIdOf } from '../credentials/vc-model.js';
import { buildCertificateCredential } from '../credentials/certificate-credential.js';
import { checkCertificate, type CertificateRequest } from '../domain/certificate.js';
import type { Fault } from '../domain/fault.js';
import { isFieldKey, type FieldMessage } from '../errors-fields.js';
import { SkillcredError, malformed, message } from '../errors.js';
import type { IssuerRecord } from '../domain/issuer.js';
import type { StatusPurpose } from '../domain/status.js';
import { instant } from './access.js';

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

/** How a credential is secured: a Data Integrity proof, VC-JOSE (VC 2.0) or the VC 1.1 JWT encoding. */
export type IssueFormat = 'ldp_vc' | 'vc+jwt' | 'jwt_vc_json';

/** How drafts are signed and recorded. */
export interface IssueSettings {
  cryptosuite: Cryptosuite;
  format: IssueFormat;
  /** The status entries each credential gets (none: a credential without credentialStatus). */
  purposes: StatusPurpose[];
  idempotency?: { key: string; requestHash: string };
}

/** A 422 naming every fault. */
function rejected(faults: Fault[]): SkillcredError {
  const errors = faults.map((f): FieldMessage => {
    const key = `field.${f.code}`;
    // a domain code the catalogue lacks is a bug, not a reason to answer 500: say it plainly
    return isFieldKey(key)
      ? { pointer: f.pointer, key, ...(f.params ? { params: f.params } : {}) }
      : { pointer: f.pointer, key: 'field.invalid', params: { keyword: f.code, reason: f.code } };
  });
  return new SkillcredError('MALFORMED_VALUE', { fields: ' ' }, { errors });
}

/** Turns a VC API credential into a draft: checks the data model, contexts and terms. */
export async function draftFromVcApi(
  credential: unknown,
  opts: { cryptosuite: Cryptosuite; format: IssueFormat; now: Date; documentLoader: DocumentLoader },
): Promise<{ draft: Draft; issuerId: string }> {
  // The CPU budget first: before cloning (a 10,000-deep credential overflowed structuredClone)
  // and before any JSON-LD work (inline contexts cost seconds).
  const over = checkBudget(credential, ISSUE_BUDGET);
  if (over) throw malformed(`/credential${over.pointer}`, `field.budget-${over.rule}`, over.params);
  const vcVersion = checkCredentialShape(credential);
  const source = structuredClone(credential) as JsonObject;
  if (opts.format === 'vc+jwt' && vcVersion === 1) {
    throw malformed('/options/format', 'field.vc-jwt-v2');
  }
  if (opts.format === 'jwt_vc_json' && vcVersion === 2) {
    throw malformed('/options/format', 'field.jwt-vc-json-v1');
  }
  const contexts = Array.isArray(source['@context']) ? source['@context'] : [source['@context']];
  contexts.forEach((c, i) => {
    if (typeof c === 'string' && !bundledContexts.has(c)) {
      throw new SkillcredError('UNKNOWN_CONTEXT', message('context.unknown-at', { pointer: `/credential/@context/${i}`, url: c }), {
        errors: [{ pointer: `/credential/@context/${i}`, key: 'field.unknown-context' }],
      });
    }
  });
  if (source.id === undefined) source.id = `urn:uuid:${crypto.randomUUID()}`;
  if (vcVersion === 1 && source.issuanceDate === undefined) source.issuanceDate = toDateTimeStamp(opts.now);
  // RDFC signing checks terms itself; JCS and JWT would sign undefined terms silently.
  if (opts.format !== 'ldp_vc' || opts.cryptosuite === 'eddsa-jcs-2022') await assertTermsDefined(source, opts.documentLoader);
  const validFrom = (vcVersion === 2 ? source.validFrom : source.issuanceDate) as string | undefined;
  return {
    issuerId: issuerIdOf(source)!,
    draft: {
      credential: source,
      kind: 'vc',
      holderHash: null,
      certificateNumber: null,
      assessmentId: null,
      validFrom: validFrom ?? null,
      vcVersion,
    },
  };
}

/** Turns a domain certificate request into a draft: domain rules, keyed holder binding, OB 3.0 shape. */
export async function draftFromCertificate(
  request: CertificateRequest,
  issuer: IssuerRecord,
  opts: { now: Date; bind: (idNumber: string) => Promise<{ identityHash: string; salt: string }>; pointer?: string },
): Promise<Draft> {
  const check = checkCertificate(request, issuer, opts.pointer ?? '');
  if (!check.ok) throw rejected(check.faults);
  const { checked } = check;
  const { identityHash: holderHash, salt } = await opts.bind(request.holder.idNumber);
  const validFrom = toDateTimeStamp(request.validFrom ? instant(request.validFrom, `${opts.pointer ?? ''}/validFrom`) : opts.now);
  const credential = await buildCertificateCredential(checked, issuer, {
    id: `urn:uuid:${crypto.randomUUID()}`,
    validFrom,
    holderIdentityHash: holderHash,
    salt,
  });
  return {
    credential,
    kind: request.kind,
    holderHash,
    certificateNumber: request.certificateNumber,
    assessmentId: request.assessment.id,
    validFrom,
    vcVersion: 2,
  };
}

// Builds the preset deflate dictionary of the QR payload from the service's own fixed strings:
// certificate templates made by the real domain code, our contexts' terms, occupations and ladder
// names, status entries and proofs. Deterministic: no clock, no randomness, no I/O.
// scripts/build-qr-dictionary.ts writes it to src/qr/; tests/qr/dictionary.test.ts fails when stale.
import { bundledContexts, SKILLCRED_CONTEXT_V1 } from '../src/credentials/contexts.js';
import { buildCertificateCredential, checkCertificate, type CertificateRequest } from '../src/domain/certificate.js';
import { GRADE_NAMES, LADDER } from '../src/domain/ladder.js';
import { OCCUPATIONS } from '../src/domain/occupations.js';
import { canonicalJson } from '../src/qr/canonical-json.js';
import { statusEntry } from '../src/status/entries.js';
import type { IssuerRecord, StatusPurpose } from '../src/store/store.js';
import certificateParts from '../schemas/api/certificate-parts.json' with { type: 'json' };

type Json = Record<string, unknown>;

// Deflate can reach back 32 KiB; the nearer a match, the fewer bits its distance costs.
const WINDOW = 32 * 1024;

// Neutral stand-ins for what each deployment and credential fills in. They are cut down to the
// shared prefix (e.g. `urn:uuid:`) so the dictionary holds only what every credential repeats.
const HOST = 'host';
const PUBLIC_URL = `https://${HOST}`;
const SLUG = 'org';

function issuer(method: 'web' | 'key', orgKind: 'Y' | 'S'): IssuerRecord {
  return {
    id: 'issuer',
    slug: SLUG,
    did: method === 'web' ? `did:web:${HOST}:issuers:${SLUG}` : 'did:key:z6Mk',
    didMethod: method,
    names: { 'zh-Hans': '评价机构', 'zh-Hant': '評價機構', en: 'Evaluation Organisation' },
    orgKind,
    filingCode: '',
    suspensionByDefault: false,
    createdAt: '2025-01-01T00:00:00Z',
  };
}

function proof(cryptosuite: string, verificationMethod: string): Json {
  return {
    type: 'DataIntegrityProof',
    cryptosuite,
    created: '20',
    verificationMethod,
    proofPurpose: 'assertionMethod',
    proofValue: 'z',
  };
}

function status(purposes: StatusPurpose[]): Json | Json[] {
  const entries = purposes.map((purpose) => {
    const e = statusEntry(PUBLIC_URL, SLUG, { listId: 1, seq: 1, purpose, index: 0 });
    return { ...e, id: e.id.replace(/#0$/, '#'), statusListIndex: '' };
  });
  return entries.length === 1 ? entries[0]! : entries;
}

/** A signed-looking certificate of one kind, variable values cut to their fixed prefixes. */
function certificate(request: CertificateRequest, by: IssuerRecord, purposes: StatusPurpose[], suite: string): Json {
  const checked = checkCertificate(request, by);
  const vc = buildCertificateCredential(checked, by, { id: 'urn:uuid:', validFrom: '20', holderIdentityHash: 'sha256$', salt: '' });
  const subject = vc.credentialSubject as Json;
  const [name] = subject.identifier as Json[];
  name!.identityHash = '';
  subject.certificateNumber = '';
  subject.assessmentId = '';
  subject.assessmentDate = '20';
  const method = by.didMethod === 'web' ? `${by.did}#key-1` : `${by.did}#z6Mk`;
  return { ...vc, credentialStatus: status(purposes), proof: [proof(suite, method)] };
}

const holder = { name: '', idType: 'resident-identity-card', idNumber: '' };
const assessment = { id: '', date: '2025-01-01' };
const rdfc = 'eddsa-rdfc-2022';
const jcs = 'eddsa-jcs-2022';

function skillLevel(code: string, rank: number, version: '2015' | '2022' = '2022', orgKind = 'Y'): CertificateRequest {
  const digit = String(7 - rank);
  return {
    kind: 'skill-level',
    holder,
    occupation: { code, classificationVersion: version },
    level: { rank },
    assessment,
    certificateNumber: `${orgKind}00000000000000${digit}000000`,
  };
}

function specialized(): CertificateRequest {
  return {
    kind: 'specialized-ability',
    holder: { ...holder, idType: 'hk-macau-permit' },
    occupation: { code: '4-10-03-02' },
    specialty: { name: { 'zh-Hans': '专项', 'zh-Hant': '專項', en: 'Specialty' } },
    assessment,
    certificateNumber: '',
  };
}

function enterprise(): CertificateRequest {
  return {
    kind: 'enterprise',
    holder: { ...holder, idType: 'passport' },
    occupation: { code: '4-10-03-02' },
    enterprise: { title: { 'zh-Hans': '技能认证', 'zh-Hant': '技能認證', en: 'skill certification' }, level: '', rank: 4 },
    assessment,
    certificateNumber: '',
  };
}

/** A generic VC API credential (VC 2.0 and 1.1), as /credentials/issue signs them. */
function vcApi(): Json[] {
  const did = `did:web:${HOST}:issuers:${SLUG}`;
  const v2 = {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
    id: 'urn:uuid:',
    type: ['VerifiableCredential'],
    issuer: did,
    validFrom: '20',
    credentialSubject: { id: 'did:example:' },
    credentialStatus: status(['revocation']),
    proof: proof(jcs, `${did}#key-1`),
  };
  const v1 = {
    ...v2,
    '@context': [
      'https://www.w3.org/2018/credentials/v1',
      'https://www.w3.org/ns/credentials/examples/v2',
      'https://www.w3.org/ns/credentials/status/v1',
      'https://w3id.org/security/data-integrity/v2',
    ],
    issuanceDate: '20',
    validFrom: undefined,
  };
  return [JSON.parse(JSON.stringify(v1)) as Json, v2];
}

/** Names of occupations, ladder rungs and grades in every language, with the codes. */
function names(): string {
  const words: string[] = [];
  for (const o of OCCUPATIONS) words.push(o.code, o.names['zh-Hans'], o.names['zh-Hant'], o.names.en);
  for (const r of LADDER) words.push(r.names['zh-Hans'], r.names['zh-Hant'], r.names.en);
  for (const g of Object.values(GRADE_NAMES)) words.push(g['zh-Hant'], g.en);
  words.push(...certificateParts.$defs.holder.properties.idType.enum);
  return words.join(' ');
}

/** The terms our own context defines, quoted as they appear as JSON keys. */
function ourTerms(): string {
  const ctx = bundledContexts.get(SKILLCRED_CONTEXT_V1) as { '@context': Record<string, unknown> };
  return Object.keys(ctx['@context'])
    .filter((k) => !k.startsWith('@'))
    .map((k) => `"${k}":`)
    .join('');
}

/**
 * The dictionary text, least likely strings first: deflate's distance codes are shortest for the
 * bytes nearest the end, so the typical skill level certificate (rdfc, did:web, revocation only)
 * comes last.
 */
export function buildQrDictionary(): string {
  const web = issuer('web', 'Y');
  const parts = [
    ourTerms(),
    names(),
    ...vcApi().map(canonicalJson),
    canonicalJson(certificate(skillLevel('6-30-99-00', 5, '2015', 'S'), issuer('key', 'S'), ['revocation', 'suspension'], jcs)),
    canonicalJson(certificate(enterprise(), web, ['revocation'], rdfc)),
    canonicalJson(certificate(specialized(), web, ['revocation', 'suspension'], jcs)),
    canonicalJson(certificate(specialized(), web, ['revocation'], rdfc)),
    canonicalJson(certificate(skillLevel('4-04-05-05', 4), web, ['revocation'], rdfc)),
  ];
  const text = parts.join('\n');
  const bytes = new TextEncoder().encode(text);
  if (bytes.length > WINDOW) throw new Error(`QR dictionary is ${bytes.length} bytes; deflate only reaches back ${WINDOW}`);
  return text;
}

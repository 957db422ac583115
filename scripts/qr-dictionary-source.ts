// Builds the preset deflate dictionary of QR payload format 2 from the service's own fixed strings:
// certificate templates made by the real domain code and packed by the real QR packer (so they
// match a packed credential in long runs, and carry every term of our context a certificate uses),
// occupation and ladder names, ID document types. Deterministic: no clock, no randomness, no I/O.
// Our context's other terms (trust lists, partners…) never appear in a certificate: leaving them
// out keeps the dictionary, and so the format, independent of them.
// scripts/build-qr-dictionary.ts writes it to src/qr/; tests/qr/dictionary.test.ts fails when stale.
// Format 2 differs from format 1 (src/qr/dictionary-v1.ts, frozen: made by this file before) only
// in what the templates now carry: every certificate's relatedResource entry (the digest of our
// context) and the keyed holder binding `hmac-sha256$<pepperId>$<hex>` instead of `sha256$<hex>`.
// Format 1 cannot be regenerated from the current domain any more; it is kept as committed.
import { base58 } from '@scure/base';
import certificateParts from '../schemas/api/certificate-parts.json' with { type: 'json' };
import { buildCertificateCredential } from '../src/credentials/certificate-credential.js';
import { checkCertificate, type CertificateRequest } from '../src/domain/certificate.js';
import { GRADE_NAMES, LADDER } from '../src/domain/ladder.js';
import { OCCUPATIONS } from '../src/domain/occupations.js';
import { packCredential } from '../src/qr/pack.js';
import { statusEntry } from '../src/status/entries.js';
import { keyedBinding } from '../src/domain/holder.js';
import type { IssuerRecord } from '../src/domain/issuer.js';
import type { StatusPurpose } from '../src/domain/status.js';

type Json = Record<string, unknown>;

// Deflate reaches back 32 KiB; the nearer a match, the fewer bits its distance costs.
const WINDOW = 32 * 1024;

// Stand-ins for what each deployment and credential fills in. Host and slug become tags when
// packed, and the random-looking values become tokens, exactly as in a real credential.
const HOST = 'host.invalid';
const PUBLIC_URL = `https://${HOST}`;
const SLUG = 'org';
const WEB_DID = `did:web:${HOST}:issuers:${SLUG}`;
const KEY_DID = 'did:key:z6Mk';
const UUID = 'urn:uuid:00000000-0000-4000-8000-000000000000';
const DATE_TIME = '2025-01-01T00:00:00Z';
const SIGNATURE = 'z' + base58.encode(new Uint8Array(64).fill(1));
// The keyed holder binding (src/domain/holder.ts) as HolderService.bind makes it: the pepper id is
// `hp-` and 8 random characters; the 64 hex digits become a HEX32 token when packed. The stand-in
// pepper id has no run of one character: a run lets a back-reference into it (say to the zeros of
// a certificate number) move by one and still copy the same text, so a damaged code could decode
// unnoticed to the original (tests/qr/malformed.test.ts found `hp-00000000` doing that).
const HOLDER_BINDING = keyedBinding('hp-pepperid', '0'.repeat(64));

function issuer(method: 'web' | 'key', orgKind: 'Y' | 'S'): IssuerRecord {
  return {
    id: 'issuer',
    slug: SLUG,
    did: method === 'web' ? WEB_DID : KEY_DID,
    didMethod: method,
    names: { 'zh-Hans': '评价机构', 'zh-Hant': '評價機構', en: 'Evaluation Organisation' },
    orgKind,
    filingCode: '',
    suspensionByDefault: false,
    statusByDefault: true,
    createdAt: DATE_TIME,
  };
}

function proof(cryptosuite: string, verificationMethod: string): Json {
  return { type: 'DataIntegrityProof', cryptosuite, created: DATE_TIME, verificationMethod, proofPurpose: 'assertionMethod', proofValue: SIGNATURE };
}

function status(purposes: StatusPurpose[]): Json | Json[] {
  const entries = purposes.map((purpose) => {
    const e = statusEntry(PUBLIC_URL, SLUG, { listId: 1, seq: 1, purpose, index: 0 });
    return { ...e, id: String(e.id).replace(/#0$/, '#'), statusListIndex: '' };
  });
  return entries.length === 1 ? entries[0]! : entries;
}

/** A certificate as the service signs it, with empty strings where every holder differs. */
async function certificate(request: CertificateRequest, by: IssuerRecord, purposes: StatusPurpose[], suite: string): Promise<Json> {
  const check = checkCertificate(request, by);
  if (!check.ok) throw new Error(`dictionary sample is invalid: ${JSON.stringify(check.faults)}`);
  const vc = await buildCertificateCredential(check.checked, by, {
    id: UUID,
    validFrom: DATE_TIME,
    holderIdentityHash: HOLDER_BINDING,
    salt: 'A'.repeat(22),
  });
  const subject = vc.credentialSubject as Json;
  (subject.identifier as Json[])[0]!.identityHash = '';
  subject.certificateNumber = '';
  subject.assessmentId = '';
  const method = by.didMethod === 'web' ? `${by.did}#key-1` : `${by.did}#z6Mk`;
  return { ...vc, credentialStatus: status(purposes), proof: [proof(suite, method)] };
}

const holder: CertificateRequest['holder'] = { name: '', idType: 'resident-identity-card', idNumber: '' };
const assessment = { id: '', date: '2025-01-01' };
const RDFC = 'eddsa-rdfc-2022';
const JCS = 'eddsa-jcs-2022';

function skillLevel(code: string, rank: number, version: '2015' | '2022', orgKind: 'Y' | 'S'): CertificateRequest {
  return {
    kind: 'skill-level',
    holder,
    occupation: { code, classificationVersion: version },
    level: { rank },
    assessment,
    // The 16th character is the grade digit the domain checks (五级 = 5 … 一级 = 1).
    certificateNumber: `${orgKind}00000000000000${7 - rank}000000`,
  };
}

const specialized: CertificateRequest = {
  kind: 'specialized-ability',
  holder: { ...holder, idType: 'hk-macau-permit' },
  occupation: { code: '4-10-03-02' },
  specialty: { name: { 'zh-Hans': '专项', 'zh-Hant': '專項', en: 'Specialty' } },
  assessment,
  certificateNumber: '',
};

const enterprise: CertificateRequest = {
  kind: 'enterprise',
  holder: { ...holder, idType: 'passport' },
  occupation: { code: '4-10-03-02' },
  enterprise: { title: { 'zh-Hans': '技能认证', 'zh-Hant': '技能認證', en: 'skill certification' }, level: '', rank: 4 },
  assessment,
  certificateNumber: '',
};

/** Generic VC API credentials (VC 1.1 and 2.0), as /credentials/issue signs them. */
function vcApi(): Json[] {
  const v2: Json = {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
    id: UUID,
    type: ['VerifiableCredential'],
    issuer: WEB_DID,
    validFrom: DATE_TIME,
    credentialSubject: { id: 'did:example:' },
    credentialStatus: status(['revocation']),
    proof: proof(JCS, `${WEB_DID}#key-1`),
  };
  const { validFrom: _, ...rest } = v2;
  const v1: Json = {
    ...rest,
    '@context': [
      'https://www.w3.org/2018/credentials/v1',
      'https://www.w3.org/ns/credentials/examples/v2',
      'https://www.w3.org/ns/credentials/status/v1',
      'https://w3id.org/security/data-integrity/v2',
    ],
    issuanceDate: DATE_TIME,
  };
  return [v1, v2];
}

/** Names of occupations, ladder rungs and grades in every language, codes, ID document types. */
function words(): string {
  const out: string[] = [];
  for (const o of OCCUPATIONS) out.push(o.code, o.names['zh-Hans'], o.names['zh-Hant'], o.names.en);
  for (const r of LADDER) out.push(r.names['zh-Hans'], r.names['zh-Hant'], r.names.en);
  for (const g of Object.values(GRADE_NAMES)) out.push(g['zh-Hant'], g.en);
  out.push(...certificateParts.$defs.holder.properties.idType.enum);
  return out.join(' ');
}

const packed = (credential: Json) => packCredential(credential).body;

/**
 * The dictionary text, least likely strings first: deflate's distance codes are shortest for the
 * bytes nearest the end, so the typical skill level certificate (rdfc, did:web, revocation only)
 * comes last.
 */
export async function buildQrDictionary(): Promise<string> {
  const web = issuer('web', 'Y');
  const parts = [
    words(),
    ...vcApi().map(packed),
    packed(await certificate(skillLevel('6-30-99-00', 5, '2015', 'S'), issuer('key', 'S'), ['revocation', 'suspension'], JCS)),
    packed(await certificate(specialized, web, ['revocation', 'suspension'], JCS)),
    packed(await certificate(specialized, web, ['revocation'], RDFC)),
    // Format 2: the enterprise certification with both status entries, nearer the end than in
    // format 1. It is the largest certificate (its QR code was at the edge of version 16); this
    // takes ~7 characters off its worst case and leaves the typical certificate's size as it was.
    packed(await certificate(enterprise, web, ['revocation', 'suspension'], RDFC)),
    packed(await certificate(skillLevel('4-04-05-05', 4, '2022', 'Y'), web, ['revocation'], RDFC)),
  ];
  const text = parts.join('\n');
  const size = new TextEncoder().encode(text).length;
  if (size > WINDOW) throw new Error(`QR dictionary is ${size} bytes; deflate only reaches back ${WINDOW}`);
  return text;
}

/** The TypeScript module src/qr/dictionary-v2.ts, one dictionary part per line. */
export async function buildQrDictionaryModule(): Promise<string> {
  const lines = (await buildQrDictionary()).split('\n').map((part) => `  ${JSON.stringify(part)},`);
  return [
    '// Generated by scripts/build-qr-dictionary.ts from the domain, our context and the QR packer: do not edit.',
    '// Format 2 of the QR payload deflates with this dictionary. Once format-2 codes are printed it must',
    '// never change (tests/qr/dictionary.test.ts guards that): new wording needs a new format version.',
    '',
    '/** The preset deflate dictionary of QR payload format 2 (UTF-8 encoded when used). */',
    'export const QR_DICTIONARY_V2: string = [',
    ...lines,
    "].join('\\n');",
    '',
  ].join('\n');
}

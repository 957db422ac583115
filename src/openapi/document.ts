import { ANSWER_SCHEMAS } from './answer-schemas.js';
import { LOOKUP_ANSWER_EXAMPLE, LOOKUP_NOT_FOUND_EXAMPLE, REQUEST_EXAMPLES } from './examples.js';
import { API_SCHEMAS } from './schemas.js';
import { VERIFY_CREDENTIAL_BODY, VERIFY_PRESENTATION_BODY } from './verify-bodies.js';

type Json = Record<string, unknown>;
type Auth = 'public' | 'issuer' | 'admin' | 'partner' | 'issuer-or-admin' | 'partner-or-admin';

interface Operation {
  method: 'get' | 'post' | 'delete';
  path: string;
  summary: string;
  tag: string;
  auth: Auth;
  /** Title of a request schema in schemas/api (or an inline schema). */
  body?: string | Json;
  ok: { status: number; description: string; schema?: Json; type?: string; example?: unknown };
  errors?: number[];
  /** Query parameters. */
  query?: Json[];
  /** The body may also be a CSV sheet (text/csv). */
  csv?: string;
  /** What an error status means here, where it says more than "A problem." (and an example problem). */
  problems?: Record<number, { description: string; example?: Json }>;
}

const credentialObject: Json = { type: 'object', description: 'A W3C Verifiable Credential (VC 2.0 or 1.1) with its proof.' };
const verificationResult: Json = { $ref: '#/components/schemas/VerificationResult' };
const lookupAnswer: Json = { $ref: '#/components/schemas/LookupAnswer' };
const idParam = { name: 'id', in: 'path', required: true, description: 'The credential id (URL-encoded), or the bare UUID of a urn:uuid id.', schema: { type: 'string' } };
const slugParam = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } };
const batchIdParam = { name: 'id', in: 'path', required: true, description: 'The batch id (b- and 32 hex digits).', schema: { type: 'string', pattern: '^b-[0-9a-f]{32}$' } };
const q = (name: string, schema: Json, description: string): Json => ({ name, in: 'query', required: false, description, schema });
const batchView: Json = { $ref: '#/components/schemas/BatchView' };
const SHEET =
  'UTF-8 (with or without BOM, CRLF or LF, as Excel "CSV UTF-8" and WPS save it), the header row first. Columns: the certificate request field paths (holder.name, holder.idType, holder.idNumber, occupation.code, occupation.workType, level.grade, level.rank, assessment.id, assessment.date, certificateNumber, …) or their Chinese names (姓名, 证件类型, 证件号码, 职业编码, 工种, 等级, 证书编号, 考核批次, 考核日期, …); kind (证书类型) defaults to skill-level. Dates as 2025-06-20, 2025/6/20 or 2025年6月20日.';

/** Every route of the API, described once; a test fails when the app has a route missing here. */
export const OPERATIONS: readonly Operation[] = [
  { method: 'get', path: '/', summary: 'What this service is, with links to the verify page, these docs and the trust list (in the Accept-Language, or ?lang=)', tag: 'service', auth: 'public', ok: { status: 200, description: 'HTML.', type: 'text/html' } },
  { method: 'get', path: '/health', summary: 'Liveness', tag: 'service', auth: 'public', ok: { status: 200, description: 'Up.' } },
  { method: 'get', path: '/openapi.json', summary: 'This OpenAPI document', tag: 'service', auth: 'public', ok: { status: 200, description: 'OpenAPI 3.1.' } },
  { method: 'get', path: '/docs', summary: 'This API reference, rendered from /openapi.json in the browser (served from this origin)', tag: 'service', auth: 'public', ok: { status: 200, description: 'HTML.', type: 'text/html' } },
  { method: 'get', path: '/.well-known/did.json', summary: "The service's own DID document (it signs the trust list)", tag: 'identity', auth: 'public', ok: { status: 200, description: 'DID document.', type: 'application/did+json' } },
  { method: 'get', path: '/issuers/{slug}/did.json', summary: 'A hosted issuer’s did:web document; retired keys stay listed', tag: 'identity', auth: 'public', ok: { status: 200, description: 'DID document.', type: 'application/did+json' }, errors: [404] },
  { method: 'get', path: '/skillcred/v1', summary: 'Our JSON-LD context (https://w3id.org/skillcred/v1)', tag: 'identity', auth: 'public', ok: { status: 200, description: 'JSON-LD context.', type: 'application/ld+json' } },
  { method: 'post', path: '/credentials/issue', summary: 'VC API: sign a credential (eddsa-rdfc-2022, eddsa-jcs-2022, or vc+jwt)', tag: 'issuance', auth: 'issuer', body: 'IssueCredentialRequest', ok: { status: 201, description: 'The signed credential.', schema: { type: 'object', properties: { verifiableCredential: credentialObject } } }, errors: [400, 401, 403, 409, 415, 422] },
  { method: 'get', path: '/credentials/{id}', summary: 'A credential the caller issued', tag: 'issuance', auth: 'issuer-or-admin', ok: { status: 200, description: 'The credential.' }, errors: [401, 404] },
  { method: 'get', path: '/credentials/{id}/qr.svg', summary: 'The certificate’s QR code (SVG): the whole signed credential, or its id when too big', tag: 'certificates', auth: 'public', ok: { status: 200, description: 'SVG.', type: 'image/svg+xml' }, errors: [404] },
  { method: 'get', path: '/credentials/{id}/qr.png', summary: 'The certificate’s QR code (PNG)', tag: 'certificates', auth: 'public', ok: { status: 200, description: 'PNG.', type: 'image/png' }, errors: [404] },
  { method: 'get', path: '/credentials/{id}/certificate', summary: 'A printable A4 certificate page (Chinese and English, with the QR code)', tag: 'certificates', auth: 'public', ok: { status: 200, description: 'HTML.', type: 'text/html' }, errors: [404] },
  { method: 'post', path: '/v1/certificates', summary: 'Issue one certificate from plain fields (OB 3.0 AchievementCredential)', tag: 'issuance', auth: 'issuer', body: 'CertificateRequest', ok: { status: 201, description: 'The certificate and its links.' }, errors: [400, 401, 403, 409, 415, 422] },
  { method: 'post', path: '/v1/assessments', summary: 'Issue both certificates of one assessment (一试双证): both or neither', tag: 'issuance', auth: 'issuer', body: 'AssessmentRequest', ok: { status: 201, description: 'The two certificates.' }, errors: [400, 401, 403, 409, 415, 422] },
  { method: 'get', path: '/v1/batches/template.csv', summary: 'The sheet template of an exam session (CSV headers)', tag: 'batches', auth: 'public', query: [q('lang', { enum: ['zh-Hans', 'zh-Hant', 'en'], default: 'zh-Hans' }, 'Header language (en: field paths).')], ok: { status: 200, description: 'CSV.', type: 'text/csv' }, errors: [400] },
  { method: 'post', path: '/v1/batches', summary: 'Issue an exam session: every row checked first (422 names each bad row and column, nothing is issued), then one job (202)', tag: 'batches', auth: 'issuer', body: 'BatchRequest', csv: SHEET, query: [q('dryRun', { enum: ['true', 'false'] }, 'Only check the sheet.'), q('issuer', { type: 'string' }, 'The issuer slug (admin token only).')], ok: { status: 202, description: 'The batch (Location: its status); a dry run answers 200 {dryRun, valid, id, rows}. The same upload again answers the same batch (Idempotent-Replayed: true).', schema: batchView }, errors: [400, 401, 403, 413, 415, 422] },
  { method: 'get', path: '/v1/batches/{id}', summary: 'A batch: state, counts and per row the credential id, certificate number and links (verify: the QR code text)', tag: 'batches', auth: 'issuer-or-admin', query: [q('offset', { type: 'integer', minimum: 0 }, 'First row.'), q('limit', { type: 'integer', minimum: 0, maximum: 1000 }, 'Rows (default 100, at most 1,000; 0 for the counts alone).')], ok: { status: 200, description: 'The batch.', schema: batchView }, errors: [400, 401, 404] },
  { method: 'get', path: '/v1/batches/{id}/results.csv', summary: 'A batch’s results as a sheet (UTF-8 with BOM), headers in the Accept-Language', tag: 'batches', auth: 'issuer-or-admin', ok: { status: 200, description: 'CSV.', type: 'text/csv' }, errors: [401, 404] },
  { method: 'get', path: '/v1/batches/{id}/print', summary: 'Every certificate of a batch as one printable HTML document, one A4 page each', tag: 'batches', auth: 'issuer-or-admin', query: [q('lang', { enum: ['zh-Hans', 'zh-Hant'], default: 'zh-Hans' }, 'Chinese script (English is printed beside it).'), q('offset', { type: 'integer', minimum: 0 }, 'First row.'), q('limit', { type: 'integer', minimum: 0 }, 'Rows.')], ok: { status: 200, description: 'HTML.', type: 'text/html' }, errors: [400, 401, 404] },
  { method: 'get', path: '/status/{slug}/{purpose}/{seq}', summary: 'A signed BitstringStatusListCredential (ETag, Cache-Control, 304)', tag: 'status', auth: 'public', ok: { status: 200, description: 'The list credential.', type: 'application/vc' }, errors: [304, 404] },
  { method: 'post', path: '/credentials/status', summary: 'VC API: change a credential’s status', tag: 'status', auth: 'issuer-or-admin', body: 'UpdateCredentialStatusRequest', ok: { status: 200, description: 'What changed.' }, errors: [401, 404, 409, 422] },
  { method: 'post', path: '/v1/credentials/{id}/revoke', summary: 'Revoke (final); scope "assessment" takes the twin certificate along', tag: 'status', auth: 'issuer-or-admin', body: 'StatusChangeRequest', ok: { status: 200, description: 'What changed.' }, errors: [401, 404, 409, 422] },
  { method: 'post', path: '/v1/credentials/{id}/suspend', summary: 'Suspend', tag: 'status', auth: 'issuer-or-admin', body: 'StatusChangeRequest', ok: { status: 200, description: 'What changed.' }, errors: [401, 404, 409, 422] },
  { method: 'post', path: '/v1/credentials/{id}/reinstate', summary: 'Lift a suspension (409 for a revoked credential)', tag: 'status', auth: 'issuer-or-admin', body: 'StatusChangeRequest', ok: { status: 200, description: 'What changed.' }, errors: [401, 404, 409, 422] },
  { method: 'get', path: '/v1/credentials/{id}/status', summary: 'Current status bits', tag: 'status', auth: 'issuer-or-admin', ok: { status: 200, description: 'Status.' }, errors: [401, 404] },
  { method: 'get', path: '/v1/credentials/{id}/audit', summary: 'Status-change log of a credential', tag: 'status', auth: 'issuer-or-admin', ok: { status: 200, description: 'Audit entries.' }, errors: [401, 404] },
  { method: 'get', path: '/v1/audit', summary: 'Status-change log of an issuer (?issuer=slug for admin)', tag: 'status', auth: 'issuer-or-admin', ok: { status: 200, description: 'Audit entries.' }, errors: [401, 403] },
  { method: 'post', path: '/v1/status/bulk', summary: 'Revoke/suspend/reinstate every credential of an assessment, a batch or a time range, atomically', tag: 'status', auth: 'issuer-or-admin', body: 'BulkStatusRequest', ok: { status: 200, description: 'Counts.' }, errors: [401, 403, 422] },
  { method: 'get', path: '/v', summary: 'The verify page: scan, upload or paste a certificate’s QR code; one verdict in three languages', tag: 'verification', auth: 'public', ok: { status: 200, description: 'HTML.', type: 'text/html' } },
  { method: 'get', path: '/V', summary: 'The verify page (QR codes spell the link in upper case)', tag: 'verification', auth: 'public', ok: { status: 200, description: 'HTML.', type: 'text/html' } },
  { method: 'post', path: '/credentials/verify', summary: 'VC API: verify a credential, enveloped VC-JWT, JWT or scanned QR text', tag: 'verification', auth: 'public', body: VERIFY_CREDENTIAL_BODY, ok: { status: 200, description: 'Verified (400/422 with the same body when not).', schema: verificationResult }, errors: [400, 422] },
  {
    method: 'post',
    path: '/v1/lookup',
    summary: 'Look a certificate up by the number and holder name printed on it: the verification result a scan of it gives (no key; LOOKUPS_PER_MINUTE per client)',
    tag: 'verification',
    auth: 'public',
    body: 'LookupRequest',
    ok: { status: 200, description: 'A certificate this service issued matches: its verification result, whatever the verdict (revoked, expired, …), as POST /credentials/verify gives it, and a link to verify it again.', schema: lookupAnswer, example: LOOKUP_ANSWER_EXAMPLE },
    errors: [400, 404, 413, 415, 422, 429],
    problems: {
      404: { description: 'No certificate issued here matches this number and name. The same answer whether the number is unknown or the name is wrong.', example: LOOKUP_NOT_FOUND_EXAMPLE },
      422: {
        description: 'A field is missing, empty or not a certificate number (only letters, digits and hyphens once spaces are left out); `errors` names each field by its JSON pointer.',
        example: {
          type: 'https://www.w3.org/TR/vc-data-model#MALFORMED_VALUE_ERROR',
          title: 'Malformed value',
          status: 422,
          detail: '/certificateNumber: must be a certificate number: 1-40 letters, digits or hyphens (spaces are left out, full-width characters read as plain ones)',
          code: 'MALFORMED_VALUE',
          errors: [{ pointer: '/certificateNumber', detail: 'must be a certificate number: 1-40 letters, digits or hyphens (spaces are left out, full-width characters read as plain ones)' }],
          instance: '/v1/lookup',
        },
      },
      429: { description: 'Too many look-ups from this client (LOOKUPS_PER_MINUTE), or too many unmatched look-ups of this number (LOOKUP_WRONG_PER_HOUR, counted whether or not it exists); Retry-After says when to try again.' },
    },
  },
  { method: 'post', path: '/presentations/verify', summary: 'VC API: verify a presentation (challenge, domain) and its credentials', tag: 'verification', auth: 'public', body: VERIFY_PRESENTATION_BODY, ok: { status: 200, description: 'Verified.' }, errors: [400, 422] },
  { method: 'post', path: '/v1/verify/batch', summary: 'Verify up to 1,000 items, results in order', tag: 'partners', auth: 'partner-or-admin', body: 'BatchVerifyRequest', ok: { status: 200, description: 'One result per item.', schema: { type: 'object', properties: { count: { type: 'integer' }, counts: { type: 'object' }, results: { type: 'array', items: verificationResult } } } }, errors: [401, 403, 413, 422, 429] },
  { method: 'post', path: '/v1/recognitions', summary: 'Record the partner’s own recognition statement (signed)', tag: 'partners', auth: 'partner', body: 'RecognitionStatementRequest', ok: { status: 201, description: 'The signed statement.' }, errors: [401, 403, 422, 429] },
  { method: 'get', path: '/v1/recognitions', summary: 'Every recorded recognition statement', tag: 'partners', auth: 'public', ok: { status: 200, description: 'Signed statements.' } },
  { method: 'get', path: '/trust-list', summary: 'The signed list of accredited issuers, keys, accreditations and exits (ETag, 304)', tag: 'trust', auth: 'public', ok: { status: 200, description: 'The trust list credential.', type: 'application/vc' }, errors: [304] },
  { method: 'post', path: '/admin/issuers', summary: 'Create an issuer (did:web or did:key) with a key and an API key', tag: 'admin', auth: 'admin', body: 'IssuerRequest', ok: { status: 201, description: 'Issuer and API key (shown once).' }, errors: [401, 403, 409, 422] },
  { method: 'get', path: '/admin/issuers', summary: 'List issuers', tag: 'admin', auth: 'admin', ok: { status: 200, description: 'Issuers.' } },
  { method: 'get', path: '/admin/issuers/{slug}', summary: 'One issuer and its keys', tag: 'admin', auth: 'admin', ok: { status: 200, description: 'Issuer.' }, errors: [404] },
  { method: 'post', path: '/admin/issuers/{slug}/api-keys', summary: 'A new API key for an issuer', tag: 'admin', auth: 'admin', ok: { status: 201, description: 'API key (shown once).' }, errors: [404] },
  { method: 'delete', path: '/admin/api-keys/{id}', summary: 'Revoke an API key', tag: 'admin', auth: 'admin', ok: { status: 204, description: 'Revoked.' }, errors: [404] },
  { method: 'post', path: '/admin/issuers/{slug}/keys/rotate', summary: 'Rotate the signing key; the old one stays in the DID document, retired', tag: 'admin', auth: 'admin', body: 'KeyRotationRequest', ok: { status: 201, description: 'New and retired keys.' }, errors: [404, 409] },
  { method: 'post', path: '/admin/issuers/{slug}/keys/compromise', summary: 'Mark a key compromised as of a time', tag: 'trust', auth: 'admin', body: 'KeyCompromiseRequest', ok: { status: 200, description: 'The key.' }, errors: [404, 422] },
  { method: 'post', path: '/admin/issuers/{slug}/accreditations', summary: 'Accredit an issuer (kinds, occupations, ranks, period, chain)', tag: 'trust', auth: 'admin', body: 'AccreditationRequest', ok: { status: 201, description: 'The accreditation.' }, errors: [404, 422] },
  { method: 'get', path: '/admin/issuers/{slug}/accreditations', summary: 'An issuer’s accreditations and exits', tag: 'trust', auth: 'admin', ok: { status: 200, description: 'Registry entries.' }, errors: [404] },
  { method: 'post', path: '/admin/issuers/{slug}/exit', summary: 'Record an issuer’s exit from its chain', tag: 'trust', auth: 'admin', body: 'ExitRequest', ok: { status: 201, description: 'The exit.' }, errors: [404, 422] },
  { method: 'post', path: '/admin/issuers/{slug}/peppers/rotate', summary: 'A new holder-binding pepper (generated, or a provisioned pepperRef); older certificates stay checkable', tag: 'admin', auth: 'admin', body: 'PepperRotationRequest', ok: { status: 201, description: 'The new pepper’s opaque id.' }, errors: [404, 409, 422] },
  { method: 'get', path: '/admin/issuers/{slug}/holder-bindings/legacy', summary: 'Certificates still carrying the legacy unkeyed holder hash (to reissue)', tag: 'admin', auth: 'admin', ok: { status: 200, description: 'Their ids and numbers.' }, errors: [404] },
  { method: 'post', path: '/admin/partners', summary: 'Create a recognition partner with an API key and a rate limit', tag: 'partners', auth: 'admin', body: 'PartnerRequest', ok: { status: 201, description: 'Partner and API key (shown once).' }, errors: [409, 422] },
  { method: 'get', path: '/admin/partners', summary: 'List partners', tag: 'partners', auth: 'admin', ok: { status: 200, description: 'Partners.' } },
];

const SECURITY: Record<Auth, Json[]> = {
  public: [],
  issuer: [{ issuerKey: [] }],
  admin: [{ adminToken: [] }],
  partner: [{ partnerKey: [] }],
  'issuer-or-admin': [{ issuerKey: [] }, { adminToken: [] }],
  'partner-or-admin': [{ partnerKey: [] }, { adminToken: [] }],
};

/** Rewrites schema-file $refs ("certificate-parts.json#/$defs/holder") into component refs. */
function rewriteRefs(value: unknown, titles: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, titles));
  if (value && typeof value === 'object') {
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === '$id') continue;
      if (k === '$ref' && typeof v === 'string' && !v.startsWith('#')) {
        const [file, pointer] = v.split('#');
        const title = titles.get(file!);
        out[k] = `#/components/schemas/${title}${pointer ?? ''}`;
      } else out[k] = rewriteRefs(v, titles);
    }
    return out;
  }
  return value;
}

/** The OpenAPI 3.1 document of the whole API, built from the validators' own schemas. */
export function openApiDocument(publicUrl: string): Json {
  const titles = new Map<string, string>();
  for (const s of API_SCHEMAS) titles.set(String(s.$id).split('/').pop()!, String(s.title));
  const schemas: Json = {};
  for (const s of API_SCHEMAS) schemas[String(s.title)] = rewriteRefs(s, titles);
  Object.assign(schemas, ANSWER_SCHEMAS);
  const paths: Json = {};
  for (const op of OPERATIONS) {
    const params: Json[] = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) =>
      m[1] === 'id' ? (op.tag === 'batches' ? batchIdParam : idParam) : m[1] === 'slug' ? slugParam : { name: m[1], in: 'path', required: true, schema: { type: 'string' } },
    );
    params.push(...(op.query ?? []));
    const responses: Json = {
      [String(op.ok.status)]: {
        description: op.ok.description,
        ...(op.ok.status === 204 ? {} : { content: { [op.ok.type ?? 'application/json']: { schema: op.ok.schema ?? {}, ...(op.ok.example === undefined ? {} : { example: op.ok.example }) } } }),
      },
    };
    for (const status of op.errors ?? []) {
      responses[String(status)] =
        status === 304
          ? { description: 'Not modified (If-None-Match matched the ETag).' }
          : op.ok.schema === verificationResult && (status === 400 || status === 422)
            ? { description: 'Not verified; the same body.', content: { 'application/json': { schema: verificationResult } } }
            : {
                description: op.problems?.[status]?.description ?? 'A problem.',
                content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' }, ...(op.problems?.[status]?.example ? { example: op.problems[status].example } : {}) } },
              };
    }
    const operation: Json = {
      operationId: `${op.method}${op.path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      summary: op.summary,
      tags: [op.tag],
      security: SECURITY[op.auth],
      ...(params.length ? { parameters: params } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: {
                'application/json': {
                  schema: typeof op.body === 'string' ? { $ref: `#/components/schemas/${op.body}` } : op.body,
                  ...(REQUEST_EXAMPLES[`${op.method} ${op.path}`] ? { examples: REQUEST_EXAMPLES[`${op.method} ${op.path}`] } : {}),
                },
                ...(op.csv ? { 'text/csv': { schema: { type: 'string', description: op.csv } } } : {}),
              },
            },
          }
        : {}),
      responses,
    };
    paths[op.path] = { ...((paths[op.path] as Json | undefined) ?? {}), [op.method]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'skillcred',
      version: '1.0.0',
      description:
        'Vocational skill certificates as W3C Verifiable Credentials: issue (VC API and domain endpoints), publish Bitstring Status Lists, verify (single, batch, presentations), and the trust registry. Errors are RFC 9457 problem+json with a stable `code`; verification results and problem details are worded in the request’s Accept-Language (zh-CN → Simplified Chinese, zh-HK/MO/TW → Traditional Chinese, else English), with their machine values in `params`.',
    },
    servers: [{ url: publicUrl }],
    tags: ['issuance', 'batches', 'certificates', 'status', 'verification', 'trust', 'partners', 'identity', 'admin', 'service'].map((name) => ({ name })),
    paths,
    components: {
      schemas,
      securitySchemes: {
        issuerKey: { type: 'http', scheme: 'bearer', description: 'An issuer API key (skc_…).' },
        partnerKey: { type: 'http', scheme: 'bearer', description: 'A partner API key (skc_…).' },
        adminToken: { type: 'http', scheme: 'bearer', description: 'The ADMIN_TOKEN.' },
      },
    },
  };
}

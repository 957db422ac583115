import { ANSWER_SCHEMAS } from './answer-schemas.js';
import { REQUEST_EXAMPLES } from './examples.js';
import { batchIdParam, idParam, slugParam, verificationResult, type Auth, type Operation } from './operation.js';
import { ISSUANCE_OPERATIONS } from './operations-issuance.js';
import { PUBLIC_OPERATIONS } from './operations-public.js';
import { REGISTRY_OPERATIONS } from './operations-registry.js';
import { STATUS_OPERATIONS } from './operations-status.js';
import { VERIFICATION_OPERATIONS } from './operations-verification.js';
import { API_SCHEMAS } from './schemas.js';

type Json = Record<string, unknown>;

/** Every route of the API, described once; a test fails when the app has a route missing here. */
export const OPERATIONS: readonly Operation[] = [
  ...PUBLIC_OPERATIONS,
  ...ISSUANCE_OPERATIONS,
  ...STATUS_OPERATIONS,
  ...VERIFICATION_OPERATIONS,
  ...REGISTRY_OPERATIONS,
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
      m[1] === 'id'
        ? op.tag === 'batches'
          ? batchIdParam
          : idParam
        : m[1] === 'slug'
          ? slugParam
          : { name: m[1], in: 'path', required: true, schema: { type: 'string' } },
    );
    params.push(...(op.query ?? []));
    const responses: Json = {
      [String(op.ok.status)]: {
        description: op.ok.description,
        ...(op.ok.status === 204
          ? {}
          : {
              content: {
                [op.ok.type ?? 'application/json']: { schema: op.ok.schema ?? {}, ...(op.ok.example === undefined ? {} : { example: op.ok.example }) },
              },
            }),
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
                content: {
                  'application/problem+json': {
                    schema: { $ref: '#/components/schemas/Problem' },
                    ...(op.problems?.[status]?.example ? { example: op.problems[status].example } : {}),
                  },
                },
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

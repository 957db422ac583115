// The answers' schemas in the OpenAPI document (the request schemas come from schemas/api/):
// problems, verification results and their steps, batches, look-ups.
type Json = Record<string, unknown>;

const verificationResult: Json = { $ref: '#/components/schemas/VerificationResult' };

/** components.schemas entries for what the API answers. */
export const ANSWER_SCHEMAS: Record<string, Json> = {
  Problem: {
    type: 'object',
    description: 'RFC 9457 problem details.',
    required: ['type', 'title', 'status', 'detail', 'code'],
    properties: {
      type: { type: 'string', format: 'uri', description: 'The problem type.' },
      title: { type: 'string', description: 'The problem type in words, in the Accept-Language of the request.', examples: ['找不到'] },
      status: { type: 'integer', description: 'The HTTP status.', examples: [404] },
      detail: {
        type: 'string',
        description: 'What went wrong this time, in the Accept-Language of the request (zh-Hans, zh-Hant, en).',
        examples: ['沒有由您簽發的證書 urn:uuid:…'],
      },
      code: {
        type: 'string',
        description: 'A stable machine code (NOT_FOUND, MALFORMED_VALUE, NOT_ACCREDITED, …): match on this, never on words.',
        examples: ['NOT_FOUND'],
      },
      detailCode: {
        type: 'string',
        description: 'The stable key the detail is worded from (src/errors-catalogue.ts).',
        examples: ['not-found.own-credential'],
      },
      params: {
        type: 'object',
        description: 'The values the detail shows, language-independent (ids, ISO dates, codes).',
        examples: [{ id: 'urn:uuid:6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f' }],
      },
      instance: { type: 'string', description: 'The request path.' },
      errors: {
        type: 'array',
        description: 'For bad fields: each JSON pointer and what is wrong there (worded in the request language).',
        items: {
          type: 'object',
          properties: {
            pointer: { type: 'string', examples: ['/holder/name'] },
            detail: { type: 'string', examples: ['不能超過 64 個字元'] },
            row: { type: ['integer', 'null'], description: 'Batches: the spreadsheet row (the header is row 1) or item position from 1.' },
            column: { type: 'string', description: 'Batches: the column as the sheet names it (or the field path).' },
            code: { type: 'string', description: 'Batches: what is wrong, as a stable code.' },
          },
        },
      },
    },
  },
  VerificationResult: {
    type: 'object',
    required: ['verified', 'verdict', 'checks', 'warnings', 'errors', 'steps', 'summary'],
    properties: {
      verified: {
        type: 'boolean',
        description:
          'VC API verification: authentic, untampered, within its dates, not revoked or suspended (and the holder matches when asked). Our trust registry is not part of it: see trusted and verdict.',
      },
      trusted: {
        type: 'boolean',
        description:
          'Validation against our trust registry: the issuer was accredited for this kind, occupation and rank when it signed. Absent when the trust check did not run (options.checks).',
      },
      verdict: {
        description:
          'The one answer an employer or recognition partner reads: valid only when verified and trusted. unsupported means signed in a way this service cannot check (not a forgery).',
        enum: [
          'valid',
          'revoked',
          'suspended',
          'expired',
          'not-yet-valid',
          'untrusted-issuer',
          'tampered',
          'unsupported',
          'unreadable',
          'status-unknown',
          'holder-mismatch',
        ],
      },
      verdictLabel: { type: 'string', description: 'The verdict in the Accept-Language of the request.' },
      checks: { type: 'array', items: { type: 'string' } },
      warnings: { type: 'array', items: { $ref: '#/components/schemas/StepProblem' } },
      errors: { type: 'array', items: { $ref: '#/components/schemas/StepProblem' } },
      steps: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'valid'],
          properties: {
            id: { enum: ['parse', 'proof', 'issuer', 'trust', 'validity', 'status', 'holder'] },
            valid: { type: 'boolean' },
            skipped: { type: 'boolean' },
            problem: { $ref: '#/components/schemas/StepProblem' },
          },
        },
      },
      summary: { type: 'object', description: 'Holder name, certificate kind, occupation, level, issuer name and dates, for display.' },
      recognitions: { type: 'array', items: { type: 'object' }, description: 'Partners’ recognition statements that apply.' },
    },
  },
  BatchView: {
    type: 'object',
    required: ['id', 'state', 'counts', 'links'],
    properties: {
      id: { type: 'string' },
      state: { enum: ['queued', 'running', 'completed'] },
      source: { enum: ['json', 'csv'] },
      counts: {
        type: 'object',
        properties: { total: { type: 'integer' }, issued: { type: 'integer' }, failed: { type: 'integer' }, pending: { type: 'integer' } },
      },
      links: { type: 'object', properties: { self: { type: 'string' }, results: { type: 'string' }, print: { type: 'string' } } },
      rows: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            row: { type: 'integer', description: 'The spreadsheet row (the header is row 1), or the item position from 1.' },
            item: { type: 'integer' },
            certificateNumber: { type: 'string' },
            holderName: { type: 'string' },
            state: { enum: ['issued', 'pending', 'failed'] },
            credentialId: { type: ['string', 'null'] },
            status: { enum: ['revoked', 'suspended'] },
            error: { type: 'object', properties: { code: { type: 'string' }, detail: { type: 'string' } } },
            links: { type: 'object', properties: { self: { type: 'string' }, certificate: { type: 'string' }, verify: { type: 'string' } } },
          },
        },
      },
    },
  },
  LookupAnswer: {
    description: 'The verification result of the certificate found, and a link to verify it again.',
    allOf: [
      verificationResult,
      {
        type: 'object',
        required: ['links'],
        properties: {
          links: {
            type: 'object',
            required: ['verify'],
            properties: {
              verify: {
                type: 'string',
                description: 'The verify page naming this certificate by its id (checked online).',
                examples: ['HTTPS://CERTS.EXAMPLE.CN/V#ID:OVZG4OTVOVUWIOTGMQYWCZRRGNRC2MZWHAYC2NBSGNSS2YRTMMZC2YLDHA4TGNZVGZSDOM3C'],
              },
            },
          },
        },
      },
    ],
  },
  StepProblem: {
    type: 'object',
    required: ['type', 'title', 'detail', 'code'],
    properties: {
      type: { type: 'string', description: 'A W3C problem type URI where one fits, else ours.' },
      title: { type: 'string', description: 'In the Accept-Language of the request.', examples: ['已被發證機構撤銷'] },
      detail: {
        type: 'string',
        description: 'In the Accept-Language of the request, with its values (dates in China Standard Time).',
        examples: ['發證機構的撤銷列表標記了此證書（索引 42）。'],
      },
      code: { type: 'string', description: 'A stable reason code (revoked, expired, untrusted-exited, bad-signature, …).', examples: ['revoked'] },
      params: {
        type: 'object',
        description: 'The values title and detail are worded with (ISO dates, ids, indexes, codes).',
        examples: [{ purpose: 'revocation', index: 42 }],
      },
    },
  },
};

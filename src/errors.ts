/** Stable error codes: clients and tests match on these, never on messages. */
export type ErrorCode =
  | 'MALFORMED_JSON'
  | 'MALFORMED_VALUE'
  | 'UNKNOWN_CONTEXT'
  | 'UNDEFINED_TERM'
  | 'UNSUPPORTED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'IDEMPOTENCY_MISMATCH'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'NOT_ACCREDITED'
  | 'RATE_LIMITED'
  | 'PROOF_GENERATION'
  | 'STATUS_RETRIEVAL'
  | 'FETCH_FAILED'
  | 'CONFIG'
  | 'UNAVAILABLE'
  | 'INTERNAL';

interface CodeInfo {
  status: number;
  title: string;
  type: string;
}

const OURS = 'https://w3id.org/skillcred/problems#';
const VC = 'https://www.w3.org/TR/vc-data-model#';

const CODES: Record<ErrorCode, CodeInfo> = {
  MALFORMED_JSON: { status: 400, title: 'Request body is not valid JSON', type: `${VC}PARSING_ERROR` },
  MALFORMED_VALUE: { status: 422, title: 'Malformed value', type: `${VC}MALFORMED_VALUE_ERROR` },
  UNKNOWN_CONTEXT: { status: 422, title: 'Unknown JSON-LD context', type: `${VC}MALFORMED_VALUE_ERROR` },
  UNDEFINED_TERM: { status: 422, title: 'Term not defined by the contexts', type: `${VC}MALFORMED_VALUE_ERROR` },
  UNSUPPORTED: { status: 422, title: 'Unsupported option', type: `${OURS}unsupported` },
  UNAUTHENTICATED: { status: 401, title: 'Authentication required', type: `${OURS}unauthenticated` },
  FORBIDDEN: { status: 403, title: 'Not allowed', type: `${OURS}forbidden` },
  NOT_FOUND: { status: 404, title: 'Not found', type: `${OURS}not-found` },
  CONFLICT: { status: 409, title: 'Conflict', type: `${OURS}conflict` },
  IDEMPOTENCY_MISMATCH: {
    status: 422,
    title: 'Idempotency-Key reused with a different request',
    type: `${OURS}idempotency-mismatch`,
  },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Request body too large', type: `${OURS}payload-too-large` },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type', type: `${OURS}unsupported-media-type` },
  NOT_ACCREDITED: { status: 403, title: 'Outside the issuer accreditation', type: `${OURS}not-accredited` },
  RATE_LIMITED: { status: 429, title: 'Too many requests', type: `${OURS}rate-limited` },
  PROOF_GENERATION: { status: 422, title: 'Proof generation failed', type: 'https://w3id.org/security#PROOF_GENERATION_ERROR' },
  STATUS_RETRIEVAL: {
    status: 502,
    title: 'Status list could not be retrieved',
    type: 'https://www.w3.org/ns/credentials/status-list#STATUS_RETRIEVAL_ERROR',
  },
  FETCH_FAILED: { status: 502, title: 'Remote fetch failed', type: `${OURS}fetch-failed` },
  CONFIG: { status: 500, title: 'Invalid configuration', type: `${OURS}config` },
  UNAVAILABLE: { status: 503, title: 'Temporarily unavailable', type: `${OURS}unavailable` },
  INTERNAL: { status: 500, title: 'Internal error', type: `${OURS}internal` },
};

/** One field-level complaint inside a problem. */
export interface FieldError {
  pointer: string;
  detail: string;
}

/** The one error class of skillcred: a stable `code`, an HTTP status and a human `detail`. */
export class SkillcredError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    code: ErrorCode,
    detail: string,
    extra: { errors?: FieldError[]; status?: number; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(detail, extra.cause === undefined ? undefined : { cause: extra.cause });
    const info = CODES[code];
    this.name = 'SkillcredError';
    this.code = code;
    this.status = extra.status ?? info.status;
    this.type = info.type;
    this.title = info.title;
    this.errors = extra.errors;
    this.headers = extra.headers;
  }

  /** The RFC 9457 problem document for this error. */
  toProblem(instance?: string): Problem {
    return {
      type: this.type,
      title: this.title,
      status: this.status,
      detail: this.message,
      code: this.code,
      ...(this.errors ? { errors: this.errors } : {}),
      ...(instance ? { instance } : {}),
    };
  }
}

/** An RFC 9457 problem details document. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode | string;
  errors?: FieldError[];
  instance?: string;
}

/** Shorthand for a 422 on one field. */
export function malformed(pointer: string, detail: string): SkillcredError {
  return new SkillcredError('MALFORMED_VALUE', `${pointer || '/'}: ${detail}`, { errors: [{ pointer, detail }] });
}

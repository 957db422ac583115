// What describes one route in the OpenAPI document, and the pieces many routes share.
type Json = Record<string, unknown>;
export type Auth = 'public' | 'issuer' | 'admin' | 'partner' | 'issuer-or-admin' | 'partner-or-admin';

/** One route of the API as the OpenAPI document describes it. */
export interface Operation {
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

export const credentialObject: Json = { type: 'object', description: 'A W3C Verifiable Credential (VC 2.0 or 1.1) with its proof.' };
export const verificationResult: Json = { $ref: '#/components/schemas/VerificationResult' };
export const lookupAnswer: Json = { $ref: '#/components/schemas/LookupAnswer' };
export const idParam = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The credential id (URL-encoded), or the bare UUID of a urn:uuid id.',
  schema: { type: 'string' },
};
export const slugParam = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } };
export const batchIdParam = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The batch id (b- and 32 hex digits).',
  schema: { type: 'string', pattern: '^b-[0-9a-f]{32}$' },
};
export const q = (name: string, schema: Json, description: string): Json => ({ name, in: 'query', required: false, description, schema });
export const batchView: Json = { $ref: '#/components/schemas/BatchView' };
export const SHEET =
  'UTF-8 (with or without BOM, CRLF or LF, as Excel "CSV UTF-8" and WPS save it), the header row first. Columns: the certificate request field paths (holder.name, holder.idType, holder.idNumber, occupation.code, occupation.workType, level.grade, level.rank, assessment.id, assessment.date, certificateNumber, …) or their Chinese names (姓名, 证件类型, 证件号码, 职业编码, 工种, 等级, 证书编号, 考核批次, 考核日期, …); kind (证书类型) defaults to skill-level. Dates as 2025-06-20, 2025/6/20 or 2025年6月20日.';

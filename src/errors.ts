import { apiEnglish, type ApiMessageKey } from './errors-catalogue.js';
import { fieldEnglish, type FieldKey, type FieldMessage } from './errors-fields.js';
import type { Language, Params, Text } from './i18n/format.js';

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
  title: Text;
  type: string;
}

const tx = (hans: string, hant: string, en: string): Text => ({ 'zh-Hans': hans, 'zh-Hant': hant, en });

const OURS = 'https://w3id.org/skillcred/problems#';
const VC = 'https://www.w3.org/TR/vc-data-model#';

const CODES: Record<ErrorCode, CodeInfo> = {
  MALFORMED_JSON: { status: 400, title: tx('请求体不是有效的 JSON', '請求內容不是有效的 JSON', 'Request body is not valid JSON'), type: `${VC}PARSING_ERROR` },
  MALFORMED_VALUE: { status: 422, title: tx('值格式错误', '值格式錯誤', 'Malformed value'), type: `${VC}MALFORMED_VALUE_ERROR` },
  UNKNOWN_CONTEXT: { status: 422, title: tx('未知的 JSON-LD 上下文', '未知的 JSON-LD 上下文', 'Unknown JSON-LD context'), type: `${VC}MALFORMED_VALUE_ERROR` },
  UNDEFINED_TERM: {
    status: 422,
    title: tx('术语未由上下文定义', '術語未由上下文定義', 'Term not defined by the contexts'),
    type: `${VC}MALFORMED_VALUE_ERROR`,
  },
  UNSUPPORTED: { status: 422, title: tx('不支持的选项', '不支援的選項', 'Unsupported option'), type: `${OURS}unsupported` },
  UNAUTHENTICATED: { status: 401, title: tx('需要身份验证', '需要身份認證', 'Authentication required'), type: `${OURS}unauthenticated` },
  FORBIDDEN: { status: 403, title: tx('无权操作', '無權操作', 'Not allowed'), type: `${OURS}forbidden` },
  NOT_FOUND: { status: 404, title: tx('未找到', '找不到', 'Not found'), type: `${OURS}not-found` },
  CONFLICT: { status: 409, title: tx('冲突', '衝突', 'Conflict'), type: `${OURS}conflict` },
  IDEMPOTENCY_MISMATCH: {
    status: 422,
    title: tx('Idempotency-Key 已用于另一个请求', 'Idempotency-Key 已用於另一個請求', 'Idempotency-Key reused with a different request'),
    type: `${OURS}idempotency-mismatch`,
  },
  PAYLOAD_TOO_LARGE: { status: 413, title: tx('请求体过大', '請求內容過大', 'Request body too large'), type: `${OURS}payload-too-large` },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: tx('不支持的媒体类型', '不支援的媒體類型', 'Unsupported media type'), type: `${OURS}unsupported-media-type` },
  NOT_ACCREDITED: {
    status: 403,
    title: tx('超出发证机构的备案范围', '超出發證機構的備案範圍', 'Outside the issuer accreditation'),
    type: `${OURS}not-accredited`,
  },
  RATE_LIMITED: { status: 429, title: tx('请求过于频繁', '請求過於頻繁', 'Too many requests'), type: `${OURS}rate-limited` },
  PROOF_GENERATION: {
    status: 422,
    title: tx('无法生成签名', '無法產生數碼簽署', 'Proof generation failed'),
    type: 'https://w3id.org/security#PROOF_GENERATION_ERROR',
  },
  STATUS_RETRIEVAL: {
    status: 502,
    title: tx('无法获取状态列表', '無法取得狀態列表', 'Status list could not be retrieved'),
    type: 'https://www.w3.org/ns/credentials/status-list#STATUS_RETRIEVAL_ERROR',
  },
  FETCH_FAILED: { status: 502, title: tx('远程获取失败', '遠端擷取失敗', 'Remote fetch failed'), type: `${OURS}fetch-failed` },
  CONFIG: { status: 500, title: tx('配置无效', '設定無效', 'Invalid configuration'), type: `${OURS}config` },
  UNAVAILABLE: { status: 503, title: tx('暂时无法提供服务', '暫時無法提供服務', 'Temporarily unavailable'), type: `${OURS}unavailable` },
  INTERNAL: { status: 500, title: tx('内部错误', '內部錯誤', 'Internal error'), type: `${OURS}internal` },
};

/** One field-level complaint inside a problem, as answered. */
export interface FieldError {
  pointer: string;
  detail: string;
  /** The message key and values of `detail` (field errors made by the service always have one). */
  code?: string;
  params?: Params;
  /** Further members answered beside `pointer` and `detail` (a batch fault's row, column, code…). */
  shown?: Record<string, string | number | null>;
}

/** A field error as answered: `pointer`, `detail` and what it chose to show (its keys stay internal). */
export function answered(f: FieldError): Record<string, unknown> {
  return { ...f.shown, pointer: f.pointer, detail: f.detail };
}

/** What a problem's detail says: a catalogue key with its values (src/errors-catalogue.ts). */
export interface Message {
  key: ApiMessageKey;
  params?: Params;
}

/**
 * A problem made of field errors: its detail lists them (the first five) as `pointer<sep>detail`,
 * ': ' (`/credential/id: must be a URL`) or ' ' (`/holder/name must NOT have more than 64 …`).
 */
export interface FieldsDetail {
  fields: ': ' | ' ';
}

type Detail = string | Message | FieldsDetail;

function toFieldError(f: FieldError | FieldMessage): FieldError {
  if ('detail' in f) return f;
  const params = f.params ?? {};
  return { pointer: f.pointer, detail: fieldEnglish(f.key, params)!, code: f.key, ...(f.params ? { params: f.params } : {}) };
}

/** A fields problem's detail: the first five field errors, `pointer<sep>detail`, joined. */
export function summary(errors: FieldError[], sep: string): string {
  return errors
    .slice(0, 5)
    .map((f) => `${f.pointer || '/'}${sep}${f.detail}`)
    .join('; ');
}

/**
 * The one error class of skillcred: a stable `code`, an HTTP status and a `detail`. Give the
 * detail as a message key with params (or as field errors) so every language can word it; a
 * plain string is English only (kept for start-up and command-line errors no request sees).
 */
export class SkillcredError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly type: string;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;
  /** How the detail is worded (a message key, or field errors); absent for plain English. */
  readonly wording: Message | FieldsDetail | undefined;

  constructor(
    code: ErrorCode,
    detail: Detail,
    extra: { errors?: (FieldError | FieldMessage)[]; status?: number; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    const errors = extra.errors?.map(toFieldError);
    const english =
      typeof detail === 'string' ? detail : 'fields' in detail ? summary(errors ?? [], detail.fields) : apiEnglish(detail.key, detail.params ?? {})!;
    super(english, extra.cause === undefined ? undefined : { cause: extra.cause });
    const info = CODES[code];
    this.name = 'SkillcredError';
    this.code = code;
    this.status = extra.status ?? info.status;
    this.type = info.type;
    this.errors = errors;
    this.headers = extra.headers;
    this.wording = typeof detail === 'string' ? undefined : detail;
  }

  /** The problem type's title in English. */
  get title(): string {
    return CODES[this.code].title.en;
  }

  /** The message key of the detail, when it has one. */
  get detailCode(): string | undefined {
    return this.wording && 'key' in this.wording ? this.wording.key : undefined;
  }

  /** The RFC 9457 problem document for this error, in English (src/errors-words.ts words it in the caller's language). */
  toProblem(instance?: string): Problem {
    const w = this.wording;
    return {
      type: this.type,
      title: this.title,
      status: this.status,
      detail: this.message,
      code: this.code,
      ...(w && 'key' in w ? { detailCode: w.key, ...(w.params && Object.keys(w.params).length ? { params: w.params } : {}) } : {}),
      ...(this.errors ? { errors: this.errors.map(answered) } : {}),
      ...(instance ? { instance } : {}),
    };
  }

  /** The problem type's title in `lang`. */
  titleIn(lang: Language): string {
    return CODES[this.code].title[lang];
  }
}

/** An RFC 9457 problem details document. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode | string;
  /** The message key `detail` was worded from, and its values (stable; `detail` follows the language). */
  detailCode?: string;
  params?: Params;
  errors?: Record<string, unknown>[];
  instance?: string;
}

/** A problem worded from the API catalogue. */
export function message(key: ApiMessageKey, params?: Params): Message {
  return params ? { key, params } : { key };
}

/** Shorthand for a 422 on one field: `pointer: detail`. */
export function malformed(pointer: string, key: FieldKey, params?: Params, status?: number): SkillcredError {
  return new SkillcredError('MALFORMED_VALUE', { fields: ': ' }, { errors: [{ pointer, key, ...(params ? { params } : {}) }], ...(status ? { status } : {}) });
}

import { malformed, SkillcredError, type FieldError } from '../errors.js';
import type { FieldMessage } from '../errors-fields.js';
import { CREDENTIALS_V1, CREDENTIALS_V2 } from './contexts.js';
import { isDateTimeStamp } from './data-integrity.js';

export type JsonObject = Record<string, unknown>;

/** The VC data model version a credential declares by its first @context. */
export type VcVersion = 1 | 2;

const TYPED_PROPERTIES = ['credentialStatus', 'credentialSchema', 'evidence', 'termsOfUse', 'refreshService'] as const;

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True for an absolute URL (any scheme: https:, did:, urn:…), as VC ids must be. */
function isUrl(v: unknown): v is string {
  if (typeof v !== 'string' || v.length === 0 || /\s/.test(v)) return false;
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(v)) return false;
  try {
    new URL(v);
    return true;
  } catch {
    return false;
  }
}

function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [v];
}

function checkType(value: unknown, pointer: string, required?: string): void {
  const list = asList(value);
  if (value === undefined || list.length === 0 || !list.every((t) => typeof t === 'string' && t.length > 0)) {
    throw malformed(pointer, 'field.type-strings');
  }
  if (required && !list.includes(required)) throw malformed(pointer, 'field.type-include', { type: JSON.stringify(required) });
}

/** The issuer id of a credential (string issuer or object with id), or undefined. */
export function issuerIdOf(credential: JsonObject): string | undefined {
  const issuer = credential.issuer;
  if (typeof issuer === 'string') return issuer;
  if (isObject(issuer) && typeof issuer.id === 'string') return issuer.id;
  return undefined;
}

/** The declared VC version, from the first @context entry; undefined when neither base context leads. */
export function vcVersionOf(credential: JsonObject): VcVersion | undefined {
  const first = asList(credential['@context'])[0];
  return first === CREDENTIALS_V2 ? 2 : first === CREDENTIALS_V1 ? 1 : undefined;
}

/**
 * Checks what a conforming issuer must refuse in a VC 2.0 or 1.1 credential (shape only; terms
 * are checked by JSON-LD expansion). Returns the version; throws a 422 naming the fault.
 */
export function checkCredentialShape(credential: unknown, pointer = '/credential', mode: 'issue' | 'verify' = 'issue'): VcVersion {
  if (!isObject(credential)) throw malformed(pointer, 'field.json-object');
  const ctx = credential['@context'];
  if (ctx === undefined) throw malformed(`${pointer}/@context`, 'field.required');
  const contexts = asList(ctx);
  if (contexts.length === 0) throw malformed(`${pointer}/@context`, 'field.not-empty');
  contexts.forEach((c, i) => {
    if (!(isUrl(c) || isObject(c))) throw malformed(`${pointer}/@context/${i}`, 'field.context-entry');
  });
  const version = vcVersionOf(credential);
  if (!version) {
    const where = contexts.findIndex((c) => c === CREDENTIALS_V2 || c === CREDENTIALS_V1);
    throw where > 0
      ? malformed(`${pointer}/@context/0`, 'field.base-context-first', { context: String(contexts[where]), position: where })
      : malformed(`${pointer}/@context/0`, 'field.first-context', { v2: CREDENTIALS_V2, v1: CREDENTIALS_V1 });
  }
  const other = version === 2 ? CREDENTIALS_V1 : CREDENTIALS_V2;
  if (contexts.includes(other)) throw malformed(`${pointer}/@context`, 'field.mixed-contexts');

  checkType(credential.type, `${pointer}/type`, 'VerifiableCredential');
  if (credential.id !== undefined && !isUrl(credential.id)) throw malformed(`${pointer}/id`, 'field.url');

  const issuer = credential.issuer;
  if (issuer === undefined || issuer === null) throw malformed(`${pointer}/issuer`, 'field.required');
  if (isObject(issuer)) {
    if (!isUrl(issuer.id)) throw malformed(`${pointer}/issuer/id`, 'field.url');
  } else if (!isUrl(issuer)) {
    throw malformed(`${pointer}/issuer`, 'field.url-or-object');
  }

  const subjects = asList(credential.credentialSubject);
  if (credential.credentialSubject === undefined || subjects.length === 0) {
    throw malformed(`${pointer}/credentialSubject`, 'field.required');
  }
  subjects.forEach((s, i) => {
    const at = Array.isArray(credential.credentialSubject) ? `${pointer}/credentialSubject/${i}` : `${pointer}/credentialSubject`;
    if (!isObject(s) || Object.keys(s).length === 0) throw malformed(at, 'field.non-empty-object');
    if (s.id !== undefined && !isUrl(s.id)) throw malformed(`${at}/id`, 'field.url');
  });

  const dates: [string, string][] =
    version === 2
      ? [
          ['validFrom', 'validFrom'],
          ['validUntil', 'validUntil'],
        ]
      : [
          ['issuanceDate', 'issuanceDate'],
          ['expirationDate', 'expirationDate'],
        ];
  for (const [key] of dates) {
    const v = credential[key];
    if (v !== undefined && !isDateTimeStamp(v)) {
      throw malformed(`${pointer}/${key}`, 'field.datetimestamp');
    }
  }
  const [fromKey, untilKey] = [dates[0]![0], dates[1]![0]];
  const from = credential[fromKey];
  const until = credential[untilKey];
  if (typeof from === 'string' && typeof until === 'string' && Date.parse(from) > Date.parse(until)) {
    throw malformed(`${pointer}/${untilKey}`, 'field.not-before', { other: fromKey });
  }
  if (version === 2) {
    for (const k of ['issuanceDate', 'expirationDate']) {
      if (credential[k] !== undefined)
        throw malformed(`${pointer}/${k}`, 'field.vc11-term', { replacement: k === 'issuanceDate' ? 'validFrom' : 'validUntil' });
    }
  }

  for (const prop of TYPED_PROPERTIES) {
    const v = credential[prop];
    if (v === undefined) continue;
    const items = asList(v);
    items.forEach((item, i) => {
      const at = Array.isArray(v) ? `${pointer}/${prop}/${i}` : `${pointer}/${prop}`;
      if (!isObject(item)) throw malformed(at, 'field.object');
      if (item.type === undefined) throw malformed(`${at}/type`, 'field.required');
      checkType(item.type, `${at}/type`);
      if (item.id !== undefined && !isUrl(item.id)) throw malformed(`${at}/id`, 'field.url');
      // VC 2.0 §4.11: each credentialSchema object MUST have an id (a URL) and a type.
      if (prop === 'credentialSchema' && item.id === undefined) throw malformed(`${at}/id`, 'field.schema-id');
    });
  }
  const related = relatedResourceProblems(credential, pointer);
  if (related.length) {
    throw new SkillcredError('MALFORMED_VALUE', { fields: ': ' }, { errors: related });
  }
  if (mode === 'issue' && credential.proof !== undefined) {
    throw new SkillcredError(
      'MALFORMED_VALUE',
      { fields: ': ' },
      {
        errors: [{ pointer: `${pointer}/proof`, key: 'field.no-proof-yet' }],
      },
    );
  }
  return version;
}

/** One field-level fault: a JSON pointer into the request and what is wrong there. */
export type FieldProblem = FieldError | FieldMessage;

const SRI = /^(sha256|sha384|sha512)-[A-Za-z0-9+/]+={0,2}(\?\S*)?(\s+(sha256|sha384|sha512)-[A-Za-z0-9+/]+={0,2}(\?\S*)?)*$/;
const MULTIBASE = /^(u[A-Za-z0-9_-]+|z[1-9A-HJ-NP-Za-km-z]+)$/;

/**
 * VC Data Model 2.0 §5.3 (Integrity of Related Resources): `relatedResource` is an object or a
 * list of objects, each with an `id` (a URL, unique among them) and a digest — `digestSRI` (SRI
 * metadata, e.g. `sha384-…`) and/or `digestMultibase` (a multibase multihash); `mediaType`, when
 * present, is a string. Returns every fault (empty when none), pointing under `pointer`.
 */
export function relatedResourceProblems(credential: JsonObject, pointer = '/credential'): FieldProblem[] {
  const v = credential.relatedResource;
  if (v === undefined) return [];
  const problems: FieldProblem[] = [];
  const items = asList(v);
  if (Array.isArray(v) && v.length === 0) problems.push({ pointer: `${pointer}/relatedResource`, key: 'field.not-empty' });
  const seen = new Map<string, string>();
  items.forEach((item, i) => {
    const at = Array.isArray(v) ? `${pointer}/relatedResource/${i}` : `${pointer}/relatedResource`;
    if (!isObject(item)) {
      problems.push({ pointer: at, key: 'field.related-object' });
      return;
    }
    if (item.id === undefined) problems.push({ pointer: `${at}/id`, key: 'field.required' });
    else if (!isUrl(item.id)) problems.push({ pointer: `${at}/id`, key: 'field.url' });
    else if (seen.has(item.id)) problems.push({ pointer: `${at}/id`, key: 'field.repeated-id', params: { other: `${seen.get(item.id)}/id` } });
    else seen.set(item.id, at);
    if (item.digestSRI === undefined && item.digestMultibase === undefined) {
      problems.push({ pointer: at, key: 'field.needs-digest' });
    }
    if (item.digestSRI !== undefined && (typeof item.digestSRI !== 'string' || !SRI.test(item.digestSRI.trim()))) {
      problems.push({ pointer: `${at}/digestSRI`, key: 'field.sri' });
    }
    if (item.digestMultibase !== undefined && (typeof item.digestMultibase !== 'string' || !MULTIBASE.test(item.digestMultibase))) {
      problems.push({ pointer: `${at}/digestMultibase`, key: 'field.multibase' });
    }
    if (item.mediaType !== undefined && typeof item.mediaType !== 'string')
      problems.push({ pointer: `${at}/mediaType`, key: 'field.type', params: { type: 'string' } });
  });
  return problems;
}

/**
 * The data-model faults an issuer must refuse, all at once, as field-level problems (empty when
 * the credential is acceptable as far as shape goes). The same checks `checkCredentialShape` throws
 * on; this form is for an endpoint that answers every fault in one problem+json.
 */
export function credentialShapeProblems(credential: unknown, pointer = '/credential', mode: 'issue' | 'verify' = 'issue'): FieldProblem[] {
  try {
    checkCredentialShape(credential, pointer, mode);
    return [];
  } catch (error) {
    if (error instanceof SkillcredError) {
      const listed = error.errors;
      if (Array.isArray(listed) && listed.length) return listed;
      return [{ pointer, detail: error.message }]; // (every shape error names its field: not reached)
    }
    throw error;
  }
}

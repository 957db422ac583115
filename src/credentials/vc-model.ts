import { malformed, SkillcredError } from '../errors.js';
import { CREDENTIALS_V1, CREDENTIALS_V2 } from './contexts.js';
import { isDateTimeStamp } from './data-integrity.js';

export type JsonObject = Record<string, unknown>;

/** The VC data model version a credential declares by its first @context. */
export type VcVersion = 1 | 2;

const TYPED_PROPERTIES = ['credentialStatus', 'credentialSchema', 'evidence', 'termsOfUse', 'refreshService'] as const;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True for an absolute URL (any scheme: https:, did:, urn:…), as VC ids must be. */
export function isUrl(v: unknown): v is string {
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
    throw malformed(pointer, 'type must be a string or an array of strings');
  }
  if (required && !list.includes(required)) throw malformed(pointer, `type must include ${JSON.stringify(required)}`);
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
  if (!isObject(credential)) throw malformed(pointer, 'must be a JSON object');
  const ctx = credential['@context'];
  if (ctx === undefined) throw malformed(`${pointer}/@context`, 'is required');
  const contexts = asList(ctx);
  if (contexts.length === 0) throw malformed(`${pointer}/@context`, 'must not be empty');
  contexts.forEach((c, i) => {
    if (!(isUrl(c) || isObject(c))) throw malformed(`${pointer}/@context/${i}`, 'each @context entry must be a URL or an object');
  });
  const version = vcVersionOf(credential);
  if (!version) {
    const where = contexts.findIndex((c) => c === CREDENTIALS_V2 || c === CREDENTIALS_V1);
    throw malformed(
      `${pointer}/@context/0`,
      where > 0
        ? `the base context ${String(contexts[where])} must come first, not at position ${where}`
        : `the first @context must be ${CREDENTIALS_V2} (or ${CREDENTIALS_V1} for VC 1.1)`,
    );
  }
  const other = version === 2 ? CREDENTIALS_V1 : CREDENTIALS_V2;
  if (contexts.includes(other)) throw malformed(`${pointer}/@context`, 'must not mix the VC 1.1 and VC 2.0 base contexts');

  checkType(credential.type, `${pointer}/type`, 'VerifiableCredential');
  if (credential.id !== undefined && !isUrl(credential.id)) throw malformed(`${pointer}/id`, 'must be a URL');

  const issuer = credential.issuer;
  if (issuer === undefined || issuer === null) throw malformed(`${pointer}/issuer`, 'is required');
  if (isObject(issuer)) {
    if (!isUrl(issuer.id)) throw malformed(`${pointer}/issuer/id`, 'must be a URL');
  } else if (!isUrl(issuer)) {
    throw malformed(`${pointer}/issuer`, 'must be a URL or an object with a URL id');
  }

  const subjects = asList(credential.credentialSubject);
  if (credential.credentialSubject === undefined || subjects.length === 0) {
    throw malformed(`${pointer}/credentialSubject`, 'is required');
  }
  subjects.forEach((s, i) => {
    const at = Array.isArray(credential.credentialSubject) ? `${pointer}/credentialSubject/${i}` : `${pointer}/credentialSubject`;
    if (!isObject(s) || Object.keys(s).length === 0) throw malformed(at, 'must be a non-empty object');
    if (s.id !== undefined && !isUrl(s.id)) throw malformed(`${at}/id`, 'must be a URL');
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
      throw malformed(`${pointer}/${key}`, 'must be an XML Schema dateTimeStamp, e.g. 2025-06-30T08:00:00Z');
    }
  }
  const [fromKey, untilKey] = [dates[0]![0], dates[1]![0]];
  const from = credential[fromKey];
  const until = credential[untilKey];
  if (typeof from === 'string' && typeof until === 'string' && Date.parse(from) > Date.parse(until)) {
    throw malformed(`${pointer}/${untilKey}`, `must not be before ${fromKey}`);
  }
  if (version === 2) {
    for (const k of ['issuanceDate', 'expirationDate']) {
      if (credential[k] !== undefined) throw malformed(`${pointer}/${k}`, `is VC 1.1; VC 2.0 uses ${k === 'issuanceDate' ? 'validFrom' : 'validUntil'}`);
    }
  }

  for (const prop of TYPED_PROPERTIES) {
    const v = credential[prop];
    if (v === undefined) continue;
    const items = asList(v);
    items.forEach((item, i) => {
      const at = Array.isArray(v) ? `${pointer}/${prop}/${i}` : `${pointer}/${prop}`;
      if (!isObject(item)) throw malformed(at, 'must be an object');
      if (item.type === undefined) throw malformed(`${at}/type`, 'is required');
      checkType(item.type, `${at}/type`);
      if (item.id !== undefined && !isUrl(item.id)) throw malformed(`${at}/id`, 'must be a URL');
      // VC 2.0 §4.11: each credentialSchema object MUST have an id (a URL) and a type.
      if (prop === 'credentialSchema' && item.id === undefined) throw malformed(`${at}/id`, 'is required (the URL of the schema)');
    });
  }
  const related = relatedResourceProblems(credential, pointer);
  if (related.length) {
    const [first] = related;
    throw new SkillcredError('MALFORMED_VALUE', `${first!.pointer}: ${first!.detail}`, { errors: related });
  }
  if (mode === 'issue' && credential.proof !== undefined) {
    throw new SkillcredError('MALFORMED_VALUE', '/credential/proof: the credential to issue must not carry a proof yet', {
      errors: [{ pointer: `${pointer}/proof`, detail: 'must be absent' }],
    });
  }
  return version;
}

/** One field-level fault: a JSON pointer into the request and what is wrong there. */
export interface FieldProblem {
  pointer: string;
  detail: string;
}

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
  if (Array.isArray(v) && v.length === 0) problems.push({ pointer: `${pointer}/relatedResource`, detail: 'must not be an empty list' });
  const seen = new Map<string, string>();
  items.forEach((item, i) => {
    const at = Array.isArray(v) ? `${pointer}/relatedResource/${i}` : `${pointer}/relatedResource`;
    if (!isObject(item)) {
      problems.push({ pointer: at, detail: 'must be an object with an id and a digestSRI or digestMultibase (not a bare URL)' });
      return;
    }
    if (item.id === undefined) problems.push({ pointer: `${at}/id`, detail: 'is required' });
    else if (!isUrl(item.id)) problems.push({ pointer: `${at}/id`, detail: 'must be a URL' });
    else if (seen.has(item.id)) problems.push({ pointer: `${at}/id`, detail: `repeats ${seen.get(item.id)}/id: each related resource id must be unique` });
    else seen.set(item.id, at);
    if (item.digestSRI === undefined && item.digestMultibase === undefined) {
      problems.push({ pointer: at, detail: 'needs a digestSRI or a digestMultibase' });
    }
    if (item.digestSRI !== undefined && (typeof item.digestSRI !== 'string' || !SRI.test(item.digestSRI.trim()))) {
      problems.push({ pointer: `${at}/digestSRI`, detail: 'must be SRI metadata such as sha384-<base64>' });
    }
    if (item.digestMultibase !== undefined && (typeof item.digestMultibase !== 'string' || !MULTIBASE.test(item.digestMultibase))) {
      problems.push({ pointer: `${at}/digestMultibase`, detail: 'must be a multibase string (u… base64url or z… base58btc)' });
    }
    if (item.mediaType !== undefined && typeof item.mediaType !== 'string') problems.push({ pointer: `${at}/mediaType`, detail: 'must be a string' });
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
      return [{ pointer, detail: error.message }];
    }
    throw error;
  }
}

import { SkillcredError } from '../errors.js';
import type { FieldMessage } from '../errors-fields.js';
import type { AjvError, Validator } from './validators.js';

/** Ajv's keyword errors as field messages, worded by the field catalogue in every language. */
function describe(e: AjvError): FieldMessage | null {
  const p = e.params;
  const at = e.instancePath;
  const limit = { limit: Number(p.limit) };
  switch (e.keyword) {
    case 'required':
      return { pointer: `${at}/${String(p.missingProperty)}`, key: 'field.required' };
    case 'additionalProperties':
      return { pointer: `${at}/${String(p.additionalProperty)}`, key: 'field.not-allowed' };
    case 'enum':
      return { pointer: at, key: 'field.enum', params: { values: (p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ') } };
    case 'const':
      return { pointer: at, key: 'field.const', params: { value: JSON.stringify(p.allowedValue) } };
    case 'pattern':
      return { pointer: at, key: 'field.pattern', params: { pattern: String(p.pattern) } };
    case 'format':
      return { pointer: at, key: 'field.format', params: { format: String(p.format) } };
    case 'type':
      return { pointer: at, key: 'field.type', params: { type: String(p.type) } };
    case 'maxLength':
      return { pointer: at, key: 'field.max-length', params: limit };
    case 'minLength':
      return { pointer: at, key: 'field.min-length', params: limit };
    case 'maxItems':
      return { pointer: at, key: 'field.max-items', params: limit };
    case 'minItems':
      return { pointer: at, key: 'field.min-items', params: limit };
    case 'maxProperties':
      return { pointer: at, key: 'field.max-properties', params: limit };
    case 'minProperties':
      return { pointer: at, key: 'field.min-properties', params: limit };
    case 'maximum':
    case 'minimum':
    case 'exclusiveMaximum':
    case 'exclusiveMinimum':
      return { pointer: at, key: 'field.compare', params: { comparison: String(p.comparison), limit: Number(p.limit) } };
    case 'multipleOf':
      return { pointer: at, key: 'field.multiple-of', params: { limit: Number(p.multipleOf) } };
    case 'uniqueItems':
      return { pointer: at, key: 'field.unique-items', params: { i: Number(p.i), j: Number(p.j) } };
    case 'dependentRequired':
    case 'dependencies':
      return { pointer: at, key: 'field.dependent-required', params: { property: String(p.missingProperty), deps: String(p.deps) } };
    case 'if':
    case 'oneOf':
    case 'anyOf':
    case 'allOf':
      return null;
    default:
      return { pointer: at, key: 'field.invalid', params: { keyword: e.keyword, reason: e.message ?? e.keyword } };
  }
}

/** Validates `body` with a generated schema validator; throws a 422 naming every bad field. */
export function checkBody<T>(validate: Validator<T>, body: unknown): T {
  if (validate(body)) return body;
  const seen = new Set<string>();
  const errors: FieldMessage[] = [];
  for (const e of validate.errors ?? []) {
    const f = describe(e);
    if (!f) continue;
    const key = `${f.pointer} ${f.key} ${JSON.stringify(f.params ?? {})}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push(f);
  }
  if (errors.length === 0) errors.push({ pointer: '', key: 'field.shape' });
  throw new SkillcredError('MALFORMED_VALUE', { fields: ' ' }, { errors });
}

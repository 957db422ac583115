import { SkillcredError, type FieldError } from '../errors.js';
import type { AjvError, Validator } from './validators.js';

function describe(e: AjvError): FieldError | null {
  const p = e.params;
  switch (e.keyword) {
    case 'required':
      return { pointer: `${e.instancePath}/${String(p.missingProperty)}`, detail: 'is required' };
    case 'additionalProperties':
      return { pointer: `${e.instancePath}/${String(p.additionalProperty)}`, detail: 'is not an allowed property here' };
    case 'enum':
      return {
        pointer: e.instancePath,
        detail: `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'const':
      return { pointer: e.instancePath, detail: `must be ${JSON.stringify(p.allowedValue)}` };
    case 'pattern':
      return { pointer: e.instancePath, detail: `must match ${String(p.pattern)}` };
    case 'format':
      return { pointer: e.instancePath, detail: `must be a valid ${String(p.format)}` };
    case 'if':
    case 'oneOf':
    case 'anyOf':
    case 'allOf':
      return null;
    default:
      return { pointer: e.instancePath, detail: e.message ?? e.keyword };
  }
}

/** Validates `body` with a generated schema validator; throws a 422 naming every bad field. */
export function checkBody<T>(validate: Validator<T>, body: unknown): T {
  if (validate(body)) return body;
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const e of validate.errors ?? []) {
    const f = describe(e);
    if (!f) continue;
    const key = `${f.pointer} ${f.detail}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push(f);
  }
  if (errors.length === 0) errors.push({ pointer: '', detail: 'does not match the expected shape' });
  const summary = errors
    .slice(0, 5)
    .map((f) => `${f.pointer || '/'} ${f.detail}`)
    .join('; ');
  throw new SkillcredError('MALFORMED_VALUE', summary, { errors });
}

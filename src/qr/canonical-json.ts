import { message, SkillcredError } from '../errors.js';

/**
 * Serializes a JSON value with object keys sorted by UTF-16 code units (the order JCS uses), so
 * equal credentials give equal text whatever order their keys arrived in, and the QR dictionary's
 * templates line up with them. Throws MALFORMED_VALUE for anything JSON.parse would not give back
 * identically (undefined, functions, NaN, ±Infinity, -0, sparse arrays, class instances), because
 * the QR payload must restore the credential exactly.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '');
}

function write(value: unknown, pointer: string): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Object.is(value, -0)) throw inexact(pointer, `number ${String(value)} has no exact JSON form`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    const parts: string[] = [];
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw inexact(`${pointer}/${i}`, 'sparse array');
      parts.push(write(value[i], `${pointer}/${i}`));
    }
    return `[${parts.join(',')}]`;
  }
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) throw inexact(pointer, 'not a plain JSON object');
    const record = value as Record<string, unknown>;
    // Default sort compares UTF-16 code units, exactly as JCS (RFC 8785) orders keys.
    const keys = Object.keys(record).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${write(record[k], `${pointer}/${escapePointer(k)}`)}`).join(',')}}`;
  }
  throw inexact(pointer, `${typeof value} is not JSON`);
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function inexact(pointer: string, detail: string): SkillcredError {
  return new SkillcredError('MALFORMED_VALUE', message('qr.not-exact', { pointer: pointer || '/', detail }), {
    errors: [{ pointer, key: 'field.not-json', params: { reason: detail } }],
  });
}

/**
 * Reads an RFC 3339 date-time the schema let through. JSON Schema's `date-time` admits leap
 * seconds (`23:59:60`) that JavaScript dates cannot hold, and years we cannot print: those come
 * back as a fault instead of an exception deep inside.
 */
export function readInstant(value: string): { ok: true; date: Date } | { ok: false; code: 'leap-second' | 'unreadable-date' | 'year-range' } {
  if (/T\d\d:\d\d:60/i.test(value)) return { ok: false, code: 'leap-second' };
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return { ok: false, code: 'unreadable-date' };
  const year = new Date(ms).getUTCFullYear();
  if (year < 1900 || year > 9999) return { ok: false, code: 'year-range' };
  return { ok: true, date: new Date(ms) };
}

/**
 * Reads an RFC 3339 date-time the schema let through. JSON Schema's `date-time` admits leap
 * seconds (`23:59:60`) that JavaScript dates cannot hold, and years we cannot print: those come
 * back as a fault instead of an exception deep inside.
 */
export function readInstant(value: string): { ok: true; date: Date } | { ok: false; detail: string } {
  if (/T\d\d:\d\d:60/i.test(value)) return { ok: false, detail: 'is a leap second (…:60), which this service does not accept: use …:59 or the next second' };
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return { ok: false, detail: 'is not a date-time this service can read (RFC 3339, e.g. 2025-06-20T08:00:00Z)' };
  const year = new Date(ms).getUTCFullYear();
  if (year < 1900 || year > 9999) return { ok: false, detail: 'must be a date-time between the years 1900 and 9999' };
  return { ok: true, date: new Date(ms) };
}

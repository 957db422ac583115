// Reading columns back: every driver hands rows over as loosely typed values (SQLite integers as
// numbers, PostgreSQL counts as strings), so mappers convert explicitly.

/** Text of a NOT NULL column. */
export const text = (v: unknown): string => String(v);

/** Text of a nullable column, null kept. */
export const textOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** A 0/1 flag column. */
export const flag = (v: unknown): boolean => Number(v) === 1;

/** A number column (counts, ids, indexes). */
export const num = (v: unknown): number => Number(v);

/** A 0/1 parameter for a flag column. */
export const bit = (b: boolean): number => (b ? 1 : 0);

// CSV in and out: sheets as Excel and WPS save them ("CSV UTF-8": a BOM, CRLF, quoted cells with
// commas or line breaks), read with csv-parse; result sheets written the same way, so they open
// in Excel with their Chinese intact.
import { CsvError, parse } from 'csv-parse/sync';

/** A CSV that does not parse, with the spreadsheet row where it broke. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly row: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/**
 * The records of a CSV text, one per spreadsheet row (the header first). Blank lines are kept as
 * records, so record i is spreadsheet row i + 1; a ragged row is the caller's to report.
 */
export function readCsv(text: string): string[][] {
  try {
    return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false, trim: false }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) {
      const lines = (error as CsvError & { lines?: number }).lines;
      throw new CsvSyntaxError(typeof lines === 'number' ? lines : 0, error.message.replace(/^[A-Z_]+:\s*/, ''));
    }
    throw error;
  }
}

// A cell a spreadsheet would run as a formula (CSV injection): written with a leading apostrophe.
const FORMULA = /^[=+\-@\t\r]/;

function cell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document with a BOM and CRLF line ends: what Excel reads as UTF-8. */
export function writeCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

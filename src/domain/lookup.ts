// Looking a certificate up by what is printed on it: its number and its holder's name, read the
// way people type them (full-width characters from a Chinese input method, stray spaces).

/** What a certificate number may be once read (the issuance schema's pattern). */
const NUMBER = /^[A-Za-z0-9-]{1,40}$/;

/**
 * A holder name as compared: Unicode NFKC (full-width letters and digits, compatibility forms),
 * surrounding whitespace trimmed, inner runs of whitespace (the ideographic space too) made one space.
 */
export function normalizeHolderName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ');
}

/**
 * A typed certificate number as stored: NFKC, every whitespace left out (numbers are often
 * written in groups). `undefined` when what is left is not a certificate number at all; the
 * empty string when nothing is left.
 */
export function normalizeCertificateNumber(typed: string): string | undefined {
  const number = typed.normalize('NFKC').replace(/\s+/g, '');
  if (number === '') return '';
  return NUMBER.test(number) ? number : undefined;
}

/**
 * The stored numbers a typed one may be, most likely first: as typed, and in upper case
 * (skill level numbers start with an upper-case Y or S; a phone keyboard often gives y or s).
 */
export function numberCandidates(number: string): string[] {
  const upper = number.toUpperCase();
  return upper === number ? [number] : [number, upper];
}

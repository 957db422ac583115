// How a certificate binds its holder's ID number without giving it away.
//
// The credential carries `hmac-sha256$<pepperId>$<hex>`: HMAC-SHA-256, under a secret pepper of
// the issuer that only the service holds, of the salt followed by the normalised number. Without
// the pepper nobody can test a guessed number against it, however small the space of numbers; the
// pepper id (opaque) says which of the issuer's peppers made it, so rotation keeps older
// certificates checkable. Certificates made before this construction carry `sha256$<hex>` of the
// number and salt (unkeyed: guessable offline); they still verify and are flagged.

/** What an identityHash binds, as read from a credential. */
export type HolderBinding = { kind: 'keyed'; pepperId: string; mac: string } | { kind: 'legacy-sha256'; digest: string } | { kind: 'unknown' };

const KEYED = /^hmac-sha256\$([a-z0-9-]{4,40})\$([0-9a-f]{64})$/;
const LEGACY = /^sha256\$([0-9a-f]{64})$/i;

/** Reads the binding of an `identityHash` value. */
export function readHolderBinding(identityHash: string): HolderBinding {
  const keyed = KEYED.exec(identityHash);
  if (keyed) return { kind: 'keyed', pepperId: keyed[1]!, mac: keyed[2]! };
  const legacy = LEGACY.exec(identityHash);
  if (legacy) return { kind: 'legacy-sha256', digest: legacy[1]!.toLowerCase() };
  return { kind: 'unknown' };
}

/** The `identityHash` value of a keyed binding. */
export function keyedBinding(pepperId: string, macHex: string): string {
  return `hmac-sha256$${pepperId}$${macHex}`;
}

/** Normalises an ID number before binding: no spaces, upper case (the final X of resident IDs). */
function normalizeIdNumber(idNumber: string): string {
  return idNumber.replace(/\s+/g, '').toUpperCase();
}

/** The bytes a binding is computed over: the salt, then the normalised number (UTF-8). */
export function bindingInput(salt: string, idNumber: string): Uint8Array {
  return new TextEncoder().encode(salt + normalizeIdNumber(idNumber));
}

/** The bytes an unkeyed legacy binding was computed over: the normalised number, then the salt. */
export function legacyBindingInput(salt: string, idNumber: string): Uint8Array {
  return new TextEncoder().encode(normalizeIdNumber(idNumber) + salt);
}

/** Compares two hex strings in time that depends only on their length. */
export function sameHex(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x.charCodeAt(i) || 0) ^ (y.charCodeAt(i) || 0);
  return diff === 0;
}

/** A pepper of an issuer: its opaque id (named in bindings) and where the KeyStore keeps its secret. */
export interface PepperRecord {
  id: string;
  issuerId: string;
  keyRef: string;
  createdAt: string;
  retiredAt: string | null;
}

/** What a holder check found. `limited`: refused by the guessing limit; `unavailable`: cannot be checked here. */
export type HolderCheckResult = 'match' | 'no-match' | 'unavailable' | 'limited';

/** One holder check as audited: never the number, never the client's address. */
export interface HolderCheckRecord {
  credentialKey: string;
  issuerId: string | null;
  result: HolderCheckResult;
  clientHash: string;
  at: string;
}

// The holder step without the service: what a credential binds about its holder, and the one
// comparison possible offline (legacy unkeyed bindings only).
import type { JsonObject } from '../credentials/data-integrity.js';
import { legacyIdentityHash as identityHash } from '../domain/certificate.js';
import { readHolderBinding } from '../domain/holder.js';
import type { HolderOutcome } from './verify-options.js';

/** The hashed identity objects of a credential's subject (OB 3.0 `identifier`). */
export function holderIdentifiers(credential: JsonObject): JsonObject[] {
  const subjectRaw = credential.credentialSubject;
  const subject = (Array.isArray(subjectRaw) ? subjectRaw[0] : subjectRaw) as JsonObject | undefined;
  const identifiers = Array.isArray(subject?.identifier) ? (subject.identifier as JsonObject[]) : [];
  return identifiers.filter((i) => i && typeof i === 'object' && i.hashed === true && typeof i.identityHash === 'string');
}

/**
 * Without the service: only a legacy unkeyed binding (`sha256$`) can be compared here; a keyed
 * one (`hmac-sha256$`) needs the issuer's pepper, which only the service holds.
 */
export async function offlineHolder(credential: JsonObject, idNumber: string, sha256: (data: Uint8Array) => Promise<Uint8Array>): Promise<HolderOutcome> {
  const hashed = holderIdentifiers(credential);
  if (hashed.length === 0) return { result: 'unavailable', why: 'no-hash' };
  let compared = false;
  for (const id of hashed) {
    if (readHolderBinding(String(id.identityHash)).kind !== 'legacy-sha256') continue;
    compared = true;
    const expected = await identityHash(idNumber, typeof id.salt === 'string' ? id.salt : '', sha256);
    if (expected.toLowerCase() === String(id.identityHash).toLowerCase()) return { result: 'match' };
  }
  return compared ? { result: 'no-match' } : { result: 'unavailable', why: 'keyed-offline' };
}

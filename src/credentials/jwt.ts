import { CompactSign, decodeProtectedHeader, base64url } from 'jose';
import type { CryptoProvider, PrivateKeyHandle, PublicKeyHandle } from './crypto.js';
import { CREDENTIALS_V2 } from './contexts.js';

/** The media type of a VC-JOSE secured credential. */
export const VC_JWT_MEDIA_TYPE = 'application/vc+jwt';
const DATA_URL_PREFIX = `data:${VC_JWT_MEDIA_TYPE},`;

/** Signs a VC 2.0 credential as a compact JWS (VC-JOSE-COSE §3.1.1: the payload is the credential). */
export async function signVcJwt(credential: Record<string, unknown>, kid: string, key: PrivateKeyHandle, issuedAt = new Date()): Promise<string> {
  const payload = new TextEncoder().encode(JSON.stringify(credential));
  // `iat` rides in the protected header (RFC 7519 §5.3): the payload must stay the bare credential,
  // and verifiers need the signing time to judge a key that was later rotated or compromised.
  return new CompactSign(payload)
    .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'vc+jwt', cty: 'vc', iat: Math.floor(issuedAt.getTime() / 1000) })
    .sign(key.native as CryptoKey);
}

/** Wraps a VC-JWT into an EnvelopedVerifiableCredential. */
export function envelope(jwt: string): Record<string, unknown> {
  return { '@context': CREDENTIALS_V2, id: DATA_URL_PREFIX + jwt, type: 'EnvelopedVerifiableCredential' };
}

/** The JWT inside an EnvelopedVerifiableCredential, or undefined if it is not one. */
export function unwrapEnvelope(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const types = Array.isArray(v.type) ? v.type : [v.type];
  if (!types.includes('EnvelopedVerifiableCredential') || typeof v.id !== 'string') return undefined;
  return v.id.startsWith(DATA_URL_PREFIX) ? v.id.slice(DATA_URL_PREFIX.length) : undefined;
}

/** A parsed VC-JWT: header and credential, before its signature is checked. */
export interface ParsedVcJwt {
  header: { alg?: string; kid?: string; typ?: string; iat?: number };
  credential: Record<string, unknown>;
  signingInput: Uint8Array;
  signature: Uint8Array;
}

/** Parses a compact VC-JWT; throws on anything that is not one. */
export function parseVcJwt(jwt: string): ParsedVcJwt {
  const parts = jwt.split('.');
  if (parts.length !== 3) throw new Error('not a compact JWS (three dot-separated parts)');
  const header = decodeProtectedHeader(jwt) as ParsedVcJwt['header'];
  const credential = JSON.parse(new TextDecoder().decode(base64url.decode(parts[1]!))) as unknown;
  if (typeof credential !== 'object' || credential === null || Array.isArray(credential)) {
    throw new Error('the JWT payload is not a credential object');
  }
  return {
    header,
    credential: credential as Record<string, unknown>,
    signingInput: new TextEncoder().encode(`${parts[0]}.${parts[1]}`),
    signature: base64url.decode(parts[2]!),
  };
}

/** Checks a parsed VC-JWT's EdDSA signature with our crypto provider (key imported once). */
export async function verifyVcJwtSignature(parsed: ParsedVcJwt, key: PublicKeyHandle, crypto: CryptoProvider): Promise<boolean> {
  if (parsed.header.alg !== 'EdDSA' && parsed.header.alg !== 'Ed25519') return false;
  return crypto.verify(key, parsed.signature, parsed.signingInput);
}

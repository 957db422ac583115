import { base58 } from '@scure/base';

const ED25519_PUB_HEADER = [0xed, 0x01];

/** Encodes a raw Ed25519 public key as a Multikey `publicKeyMultibase` (`z6Mk…`). */
export function toPublicKeyMultibase(raw: Uint8Array): string {
  const bytes = new Uint8Array(2 + raw.length);
  bytes.set(ED25519_PUB_HEADER);
  bytes.set(raw, 2);
  return 'z' + base58.encode(bytes);
}

/** Decodes a `publicKeyMultibase` of an Ed25519 key; undefined when it is anything else. */
export function fromPublicKeyMultibase(multibase: unknown): Uint8Array | undefined {
  if (typeof multibase !== 'string' || !multibase.startsWith('z6Mk')) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = base58.decode(multibase.slice(1));
  } catch {
    return undefined;
  }
  if (bytes.length !== 34 || bytes[0] !== 0xed || bytes[1] !== 0x01) return undefined;
  return bytes.slice(2);
}

/** The did:key DID of an Ed25519 public key. */
export function didKeyOf(raw: Uint8Array): string {
  return `did:key:${toPublicKeyMultibase(raw)}`;
}

/** Encodes a signature as a multibase base58btc `proofValue`. */
export function encodeProofValue(signature: Uint8Array): string {
  return 'z' + base58.encode(signature);
}

/** Decodes a multibase `proofValue` (base58btc or base64url); undefined when malformed. */
export function decodeProofValue(value: unknown): Uint8Array | undefined {
  if (typeof value !== 'string' || value.length < 2) return undefined;
  try {
    if (value[0] === 'z') return base58.decode(value.slice(1));
    if (value[0] === 'u') {
      const s = value.slice(1);
      if (!/^[A-Za-z0-9_-]+$/.test(s)) return undefined;
      const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
      return Uint8Array.from(bin, (c) => c.charCodeAt(0));
    }
  } catch {
    return undefined;
  }
  return undefined;
}

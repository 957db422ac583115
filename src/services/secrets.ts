import type { CryptoProvider } from '../credentials/crypto.js';

const TOKEN = /^skc_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

function base64url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Random bytes as hex or base64url. */
export function randomHex(bytes: number): string {
  return hex(crypto.getRandomValues(new Uint8Array(bytes)));
}
export function randomBase64url(bytes: number): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** A new API key: its public id and the whole token, shown to its owner once. */
export function newApiKeyToken(): { id: string; secret: string; token: string } {
  const id = randomHex(8);
  const secret = randomBase64url(32);
  return { id, secret, token: `skc_${id}_${secret}` };
}

/** Splits an API key token into id and secret; undefined if it is not one. */
export function parseApiKeyToken(token: string): { id: string; secret: string } | undefined {
  const m = TOKEN.exec(token);
  return m ? { id: m[1]!, secret: m[2]! } : undefined;
}

/** SHA-256 of a secret, hex: what the store keeps instead of the secret. */
export async function hashSecret(crypto: CryptoProvider, secret: string): Promise<string> {
  return hex(await crypto.sha256(new TextEncoder().encode(secret)));
}

/** Compares two strings in time that depends only on their length. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  const n = Math.max(x.length, y.length);
  for (let i = 0; i < n; i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

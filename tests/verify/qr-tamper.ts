// Payload edits for the QR tests: one changed character that still decodes (so the verifier sees a
// different credential, not garbage), and truncation.
import { decodeQrPayload } from '../../src/qr/index.js';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * The payload with one character changed such that it still decodes to a credential that differs
 * from the original: the change lands in the raw bytes (signature, ids, hashes), not in the
 * deflate stream, which would no longer inflate. Searches from the middle outwards.
 */
export async function oneCharChanged(payload: string): Promise<{ payload: string; at: number }> {
  const original = JSON.stringify(await decodeQrPayload(payload));
  const mid = Math.floor(payload.length / 3);
  for (let d = 0; d < payload.length; d++) {
    for (const at of [mid + d, mid - d]) {
      if (at < 2 || at >= payload.length - 1) continue;
      const ch = payload[at]!;
      const other = BASE32[(BASE32.indexOf(ch) + 1) % 32]!;
      const changed = payload.slice(0, at) + other + payload.slice(at + 1);
      const decoded = await decodeQrPayload(changed)
        .then((c) => JSON.stringify(c))
        .catch(() => null);
      if (decoded !== null && decoded !== original) return { payload: changed, at };
    }
  }
  throw new Error('no decodable one-character change found');
}

// The verify page's CryptoProvider: the browser's WebCrypto, with @noble/ed25519 verifying
// signatures where WebCrypto has no Ed25519 (older Safari and Firefox, Chrome before 137).
import { verifyAsync } from '@noble/ed25519';
import { webCrypto, type CryptoProvider } from '../credentials/crypto.js';

/** Which Ed25519 implementation checks signatures on this page. */
export type Ed25519Impl = 'webcrypto' | 'noble';

const hex = (s: string) => Uint8Array.from(s.match(/../g)!, (h) => parseInt(h, 16));
// RFC 8032 §7.1, test 1: the empty message.
const TEST_KEY = hex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
const TEST_SIG = hex('e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b');

async function webCryptoHasEd25519(subtle: SubtleCrypto): Promise<boolean> {
  try {
    const key = await subtle.importKey('raw', TEST_KEY, { name: 'Ed25519' }, false, ['verify']);
    return await subtle.verify({ name: 'Ed25519' }, key, TEST_SIG, new Uint8Array(0));
  } catch {
    return false;
  }
}

/**
 * The provider for in-browser verification, or null when the page has no WebCrypto at all (an
 * insecure http: origin other than localhost): the page then asks the service instead.
 */
export async function browserCrypto(): Promise<{ provider: CryptoProvider; ed25519: Ed25519Impl } | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const web = webCrypto(subtle);
  if (await webCryptoHasEd25519(subtle)) return { provider: web, ed25519: 'webcrypto' };
  return {
    ed25519: 'noble',
    provider: {
      ...web,
      async importPublicKey(raw) {
        if (raw.length !== 32) throw new TypeError('Ed25519 public key must be 32 bytes');
        return { kind: 'public', raw, native: raw };
      },
      async verify(key, signature, data) {
        if (signature.length !== 64) return false;
        // zip215: false: the strict RFC 8032 rules, as node:crypto and WebCrypto apply them.
        return verifyAsync(signature, data, key.raw, { zip215: false }).catch(() => false);
      },
    },
  };
}

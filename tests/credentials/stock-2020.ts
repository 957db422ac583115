// The stock Ed25519Signature2020 suite (what the Learner Credential Wallet and DCC issuers use),
// as a test oracle: it signs fixtures with a did:key, and verifies what our layer accepts.
import * as vc from '@digitalbazaar/vc';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { Ed25519VerificationKey2020 } from '@digitalbazaar/ed25519-verification-key-2020';
import { bundledContexts } from '../../src/credentials/contexts.js';

/** A did:key Ed25519VerificationKey2020 from a fixed 32-byte seed (the fixtures stay reproducible). */
export async function didKeyPair(seedByte: number): Promise<Ed25519VerificationKey2020> {
  const key = await Ed25519VerificationKey2020.generate({ seed: new Uint8Array(32).fill(seedByte) });
  const did = `did:key:${key.fingerprint()}`;
  key.controller = did;
  key.id = `${did}#${key.fingerprint()}`;
  return key;
}

/** Contexts from our bundle; did:key documents resolved locally for the stock verifier. */
function stock2020Loader(keys: Ed25519VerificationKey2020[] = []) {
  return async (url: string) => {
    const ctx = bundledContexts.get(url);
    if (ctx) return { contextUrl: null, documentUrl: url, document: ctx };
    const key = keys.find((k) => k.id === url || k.controller === url);
    if (key) {
      const vm = { '@context': 'https://w3id.org/security/suites/ed25519-2020/v1', ...(await key.export({ publicKey: true })) };
      if (url === key.id) return { contextUrl: null, documentUrl: url, document: vm };
      const doc = {
        '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/ed25519-2020/v1'],
        id: key.controller,
        verificationMethod: [vm],
        assertionMethod: [key.id],
        authentication: [key.id],
      };
      return { contextUrl: null, documentUrl: url, document: doc };
    }
    throw new Error(`stock loader: refusing to load ${url}`);
  };
}

/** Signs a credential with the stock suite (vc.issue), at a fixed time. */
export async function stockSign2020(credential: Record<string, unknown>, key: Ed25519VerificationKey2020, date: string): Promise<Record<string, any>> {
  const suite = new Ed25519Signature2020({ key, date });
  return vc.issue({ credential: structuredClone(credential), suite, documentLoader: stock2020Loader([key]) }) as Promise<Record<string, any>>;
}

/** Verifies with the stock suite (vc.verifyCredential); never throws. */
export async function stockVerify2020(credential: object, keys: Ed25519VerificationKey2020[]): Promise<{ verified: boolean; error?: unknown }> {
  return vc.verifyCredential({
    credential,
    suite: new Ed25519Signature2020({}),
    documentLoader: stock2020Loader(keys),
    checkStatus: async () => ({ verified: true }),
  });
}

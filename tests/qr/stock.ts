// The stock verifier of tests/helpers, able to resolve did:key issuers with the stock driver too.
import * as DidKey from '@digitalbazaar/did-method-key';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import type { TestApp } from '../helpers/app.js';
import { stockLoader, stockVerify } from '../helpers/stock-verifier.js';

/** Verifies with stock @digitalbazaar/vc, resolving our did:web issuers through the app and did:key locally. */
export function stockVerifier(t: TestApp): (credential: object) => ReturnType<typeof stockVerify> {
  const web = stockLoader((p) => Promise.resolve(t.app.request(p)), t.ports.config.publicUrl);
  const didKey = DidKey.driver();
  didKey.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from });
  const loader = async (url: string) => {
    if (url.startsWith('did:key:')) return { contextUrl: null, documentUrl: url, document: await didKey.get({ url }) };
    return web(url);
  };
  return (credential) => stockVerify(credential, loader);
}

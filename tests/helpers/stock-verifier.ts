import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as rdfc } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { createVerifyCryptosuite as jcs } from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import { bundledContexts } from '../../src/credentials/contexts.js';

type Fetch = (path: string) => Promise<Response>;

/**
 * A document loader for the stock @digitalbazaar libraries: bundled contexts, and did:web
 * documents of our issuers read from the app (by path, no network).
 */
export function stockLoader(fetchPath: Fetch, publicUrl: string) {
  const host = new URL(publicUrl).host.replace(':', '%3A');
  return async (url: string) => {
    const ctx = bundledContexts.get(url);
    if (ctx) return { contextUrl: null, documentUrl: url, document: ctx };
    const [did, fragment] = url.split('#');
    const prefix = `did:web:${host}:`;
    if (did?.startsWith(prefix)) {
      const path = '/' + did.slice(prefix.length).split(':').join('/') + '/did.json';
      const res = await fetchPath(path);
      if (res.status !== 200) throw new Error(`cannot load ${url}: ${res.status}`);
      const doc = (await res.json()) as { '@context': unknown; verificationMethod: { id: string }[] };
      if (!fragment) return { contextUrl: null, documentUrl: url, document: doc };
      const vm = doc.verificationMethod.find((m) => m.id === url);
      if (!vm) throw new Error(`no verification method ${url}`);
      return { contextUrl: null, documentUrl: url, document: { '@context': doc['@context'], ...vm } };
    }
    if (did?.startsWith('https://')) {
      const res = await fetchPath(new URL(url).pathname);
      if (res.status !== 200) throw new Error(`cannot load ${url}: ${res.status}`);
      return { contextUrl: null, documentUrl: url, document: await res.json() };
    }
    throw new Error(`stock loader: refusing to load ${url}`);
  };
}

/** Verifies with the stock @digitalbazaar/vc; returns its result (never throws). */
export async function stockVerify(
  credential: object,
  loader: (url: string) => Promise<unknown>,
  checkStatus?: (opts: unknown) => Promise<unknown>,
): Promise<{ verified: boolean; error?: unknown; statusResult?: unknown }> {
  const suite = [new DataIntegrityProof({ cryptosuite: rdfc }), new DataIntegrityProof({ cryptosuite: jcs() })];
  return vc.verifyCredential({
    credential,
    suite,
    documentLoader: loader,
    checkStatus: checkStatus ?? (async () => ({ verified: true })),
  });
}

// Child process: what a Digital Bazaar / DCC verifier does with one of our credentials' status
// entries. It fetches with the real @digitalbazaar/http-client (the test runner aliases that
// package to a stub, hence a separate process) and checks status with stock checkStatus.
// Usage: node --import tsx tests/helpers/dcc-status-check.ts <credential.json path>
import { readFileSync } from 'node:fs';
import { httpClient } from '@digitalbazaar/http-client';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as rdfc } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import { bundledContexts } from '../../src/credentials/contexts.js';

const credential = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as { credentialStatus: { statusListCredential: string } };
const fetched: { url: string; contentType: string | null; parsed: boolean }[] = [];

async function get(url: string): Promise<unknown> {
  const response = await httpClient.get(url);
  fetched.push({ url, contentType: response.headers.get('content-type'), parsed: response.data !== undefined });
  if (response.data === undefined) throw new Error(`http-client parsed no document at ${url} (content-type ${response.headers.get('content-type')})`);
  return response.data;
}

/** Bundled contexts; did:web and status lists over HTTP (did:web mapped to this test's http origin). */
async function documentLoader(url: string) {
  const ctx = bundledContexts.get(url);
  if (ctx) return { contextUrl: null, documentUrl: url, document: ctx };
  if (url.startsWith('did:web:')) {
    const [did, fragment] = url.split('#');
    const [host, ...path] = did!.slice('did:web:'.length).split(':');
    const doc = (await get(`http://${decodeURIComponent(host!)}/${path.join('/')}/did.json`)) as { '@context': unknown; verificationMethod: { id: string }[] };
    if (!fragment) return { contextUrl: null, documentUrl: url, document: doc };
    return { contextUrl: null, documentUrl: url, document: { '@context': doc['@context'], ...doc.verificationMethod.find((m) => m.id === url)! } };
  }
  return { contextUrl: null, documentUrl: url, document: await get(url) };
}

const result = await checkStatus({
  credential,
  documentLoader,
  suite: new DataIntegrityProof({ cryptosuite: rdfc }),
  verifyBitstringStatusListCredential: true,
  verifyMatchingIssuers: true,
});
process.stdout.write(
  JSON.stringify({
    verified: result.verified,
    status: result.results?.[0]?.status,
    error: result.error ? String((result.error as { message?: string }).message ?? result.error) : undefined,
    fetched,
  }),
);

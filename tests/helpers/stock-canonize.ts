// Child process: canonicalizes documents with unpatched jsonld.js (RDFC-1.0), for comparison.
import jsonld from 'jsonld';
import * as rdfCanonize from 'rdf-canonize';
import { bundledContexts } from '../../src/credentials/contexts.js';

const docs = JSON.parse(
  await new Promise<string>((resolve) => {
    let s = '';
    process.stdin.on('data', (d) => (s += d));
    process.stdin.on('end', () => resolve(s));
  }),
) as object[];
const documentLoader = async (url: string) => ({ contextUrl: null, documentUrl: url, document: bundledContexts.get(url) });
const out: string[] = [];
for (const doc of docs) {
  const dataset = await jsonld.toRDF(doc, { documentLoader, safe: true, base: null, rdfDirection: 'i18n-datatype', produceGeneralizedRdf: false });
  out.push(await rdfCanonize.canonize(dataset, { algorithm: 'RDFC-1.0' }));
}
process.stdout.write(JSON.stringify(out));

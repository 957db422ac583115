// The stock @digitalbazaar pipeline, measured in its own process so that nothing of ours
// (notably the jsonld clone speed-up) touches it. Reads a job as JSON on stdin, prints results.
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as rdfcSuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { createSignCryptosuite, createVerifyCryptosuite } from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import { bundledContexts } from '../../src/credentials/contexts.js';
import { measure } from './harness.js';

interface Job {
  kind: 'sign' | 'verify';
  credential: Record<string, unknown>;
  /** Multikey with secretKeyMultibase (sign) or the DID documents / status lists by URL (verify). */
  key?: Record<string, unknown>;
  documents?: Record<string, unknown>;
  created?: string;
  verify?: { label: string; credential: Record<string, unknown> }[];
}

const job = JSON.parse(
  await new Promise<string>((resolve) => {
    let s = '';
    process.stdin.on('data', (d) => (s += d));
    process.stdin.on('end', () => resolve(s));
  }),
) as Job;

const documentLoader = async (url: string) => {
  const document = bundledContexts.get(url) ?? job.documents?.[url];
  if (!document) throw new Error(`stock loader: no document for ${url}`);
  return { contextUrl: null, documentUrl: url, document };
};

const out: Record<string, number> = {};
// Libraries' chatter goes to stderr: stdout carries only the JSON figures the runner parses.
console.log = (...args: unknown[]) => process.stderr.write(`${args.join(' ')}\n`);

if (job.kind === 'sign') {
  const key = await Ed25519Multikey.from(job.key!);
  for (const [name, cryptosuite] of [
    ['stock eddsa-rdfc-2022 sign (vc.issue + multikey signer)', rdfcSuite],
    ['stock eddsa-jcs-2022 sign (vc.issue + multikey signer)', createSignCryptosuite()],
  ] as const) {
    const m = await measure(name, () =>
      vc.issue({
        credential: structuredClone(job.credential),
        suite: new DataIntegrityProof({ signer: key.signer(), cryptosuite, date: job.created }),
        documentLoader,
      }),
    );
    out[name] = m.opsPerSec;
  }
} else {
  const suite = [new DataIntegrityProof({ cryptosuite: rdfcSuite }), new DataIntegrityProof({ cryptosuite: createVerifyCryptosuite() })];
  for (const { label, credential } of job.verify!) {
    const probe = await vc.verifyCredential({ credential, suite, documentLoader, checkStatus });
    if (!probe.verified) throw new Error(`stock verify of ${label} failed: ${JSON.stringify(probe.error ?? probe)}`);
    const m = await measure(`stock ${label} verify (vc.verifyCredential + checkStatus)`, () =>
      vc.verifyCredential({ credential, suite, documentLoader, checkStatus }),
    );
    out[label] = m.opsPerSec;
  }
}
process.stdout.write(JSON.stringify(out));

// Issue #4 benchmarks: verification throughput in-process (ours vs stock) and over HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sign, verify as nodeVerify, generateKeyPairSync } from 'node:crypto';
import { runLoad } from './load.js';
import { bearer, createTestApp, skillLevelRequest, vc2 } from '../helpers/app.js';
import { startNodeService } from '../helpers/node-process.js';
import { fmt, heading, measure, ratio } from './harness.js';
import { runStock } from './stock-runner.js';

type Json = Record<string, any>;

export async function run(): Promise<Record<string, number>> {
  heading('Verification throughput, in-process, status lists cached (one core)');
  const t = await createTestApp();
  const out: Record<string, number> = {};
  try {
    const issue = async (body: Json) =>
      ((await (await t.call('POST', '/v1/certificates', body, bearer(t.devKey))).json()) as Json).verifiableCredential as Json;
    const rdfc = await issue(skillLevelRequest({ assessment: { id: 'B-1', date: '2025-06-20' } }));
    const jcs = await issue(skillLevelRequest({ cryptosuite: 'eddsa-jcs-2022', assessment: { id: 'B-2', date: '2025-06-20' } }));
    // the same certificate content as a VC-JWT, through the VC API
    const { proof: _p, credentialStatus: _s, id: _i, ...plain } = structuredClone(jcs);
    const jwt = ((await (await t.call('POST', '/credentials/issue', { credential: plain, options: { format: 'vc+jwt' } }, bearer(t.devKey))).json()) as Json)
      .verifiableCredential as Json;
    const verifier = { verifyCredential: (vc: unknown) => t.services.verification.verifyCredential(vc, {}, 'en') };
    for (const [label, vc] of [
      ['rdfc', rdfc],
      ['jcs', jcs],
      ['jwt', jwt],
    ] as const) {
      const r = await verifier.verifyCredential(vc);
      if (!r.verified) throw new Error(`${label} does not verify: ${JSON.stringify(r.errors)}`);
    }
    const ours = {
      rdfc: await measure('ours  eddsa-rdfc-2022 verify (all steps, status cached)', () => verifier.verifyCredential(rdfc)),
      jcs: await measure('ours  eddsa-jcs-2022 verify (all steps, status cached)', () => verifier.verifyCredential(jcs)),
      jwt: await measure('ours  vc+jwt verify (all steps, status cached)', () => verifier.verifyCredential(jwt)),
    };
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const data = Buffer.alloc(64, 7);
    const sig = sign(null, data, privateKey);
    const raw = await measure('raw node:crypto Ed25519 verify', () => nodeVerify(null, data, publicKey, sig));

    // stock @digitalbazaar/vc + vc-bitstring-status-list checkStatus, in its own process
    const didDoc = (await (await t.app.request('/issuers/dev/did.json')).json()) as Json;
    const listUrl = String(rdfc.credentialStatus.statusListCredential);
    const list = (await (await t.app.request(new URL(listUrl).pathname)).json()) as Json;
    const documents: Json = { [t.devDid]: didDoc, [listUrl]: list };
    for (const m of didDoc.verificationMethod) documents[m.id] = { '@context': didDoc['@context'], ...m };
    const stock = await runStock({
      kind: 'verify',
      credential: {},
      documents,
      verify: [
        { label: 'eddsa-rdfc-2022', credential: rdfc },
        { label: 'eddsa-jcs-2022', credential: jcs },
      ],
    });
    ratio('rdfc: ours / stock (vc.verifyCredential + checkStatus)', ours.rdfc.opsPerSec / stock['eddsa-rdfc-2022']!, 1.5);
    ratio('jcs:  ours / stock', ours.jcs.opsPerSec / stock['eddsa-jcs-2022']!, 1);
    ratio('jcs:  ours / raw Ed25519 verify', ours.jcs.opsPerSec / raw.opsPerSec, 0.5);
    ratio('jwt:  ours / raw Ed25519 verify', ours.jwt.opsPerSec / raw.opsPerSec, 0.5);
    Object.assign(out, {
      rdfc: ours.rdfc.opsPerSec,
      jcs: ours.jcs.opsPerSec,
      jwt: ours.jwt.opsPerSec,
      raw: raw.opsPerSec,
      stockRdfc: stock['eddsa-rdfc-2022']!,
      stockJcs: stock['eddsa-jcs-2022']!,
    });
  } finally {
    await t.close();
  }

  heading('Verification over HTTP: POST /credentials/verify on the real Node entry');
  const dir = mkdtempSync(join(tmpdir(), 'skillcred-bench-'));
  // The load comes from one address: lift the anonymous per-address limit (600 a minute) for the bench.
  const service = await startNodeService({
    DATA_DIR: join(dir, 'data'),
    KEYS_DIR: join(dir, 'keys'),
    LOG_LEVEL: 'error',
    ANONYMOUS_REQUESTS_PER_MINUTE: '10000000',
  });
  try {
    const apiKey = /dev issuer API key\s+(\S+)/.exec(service.stdout())![1]!;
    const post = async (path: string, body: Json) =>
      (await (
        await fetch(service.url + path, {
          method: 'POST',
          headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).json()) as Json;
    const creds = {
      rdfc: (await post('/v1/certificates', skillLevelRequest({ assessment: { id: 'H-1', date: '2025-06-20' } }))).verifiableCredential,
      jcs: (await post('/v1/certificates', skillLevelRequest({ cryptosuite: 'eddsa-jcs-2022', assessment: { id: 'H-2', date: '2025-06-20' } })))
        .verifiableCredential,
    };
    for (const [label, vc] of Object.entries(creds)) {
      const body = JSON.stringify({ verifiableCredential: vc });
      const r = await runLoad({
        url: `${service.url}/credentials/verify`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        connections: 8,
        seconds: 5,
      });
      if (r.failed > 0) throw new Error(`${r.failed} failed answers verifying ${label} over HTTP`);
      console.log(`  ${`HTTP verify ${label} (${r.tool}, 8 connections)`.padEnd(58)} ${fmt(r.requestsPerSecond).padStart(10)} req/s`);
      ratio(`HTTP / in-process ${label}`, r.requestsPerSecond / out[label]!, 0.7);
      out[`http_${label}`] = r.requestsPerSecond;
    }
    void vc2;
  } finally {
    await service.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

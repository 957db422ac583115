// Issue #2 benchmarks: signing throughput (ours vs the stock signer) and issuance over HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { base58 } from '@scure/base';
import { createProof, type JsonObject } from '../../src/credentials/data-integrity.js';
import { documentLoader } from '../../src/credentials/document-loader.js';
import { signVcJwt } from '../../src/credentials/jwt.js';
import { toPublicKeyMultibase } from '../../src/credentials/multikey.js';
import { nodeCrypto } from '../../src/runtime/node/crypto.js';
import { draftFromCertificate } from '../../src/services/drafts.js';
import { statusEntry, withStatus } from '../../src/status/entries.js';
import { heading, measure, ratio, fmt } from './harness.js';
import { skillLevelRequest } from '../helpers/app.js';
import { startNodeService } from '../helpers/node-process.js';
import { runStock } from './stock-runner.js';
import { runLoad } from './load.js';
import type { IssuerRecord } from '../../src/domain/issuer.js';

const crypto = nodeCrypto();

/** A realistic signed-to-be certificate: the OB 3.0 skill level certificate of the README example. */
export async function sampleCertificate(): Promise<{ credential: JsonObject; issuer: IssuerRecord }> {
  const issuer: IssuerRecord = {
    id: 'bench',
    slug: 'gz-eval',
    did: 'did:web:certs.example.cn:issuers:gz-eval',
    didMethod: 'web',
    names: { 'zh-Hans': '广州市职业技能评价中心', 'zh-Hant': '廣州市職業技能評價中心', en: 'Guangzhou Vocational Skill Evaluation Centre' },
    orgKind: 'Y',
    filingCode: 'GD-Y-0001',
    suspensionByDefault: false,
    statusByDefault: true,
    createdAt: new Date().toISOString(),
  };
  const draft = await draftFromCertificate(skillLevelRequest() as never, issuer, {
    now: new Date(),
    bind: async () => ({ identityHash: `hmac-sha256$hp-bench$${'0'.repeat(64)}`, salt: 'A'.repeat(22) }),
  });
  const credential = withStatus(draft.credential, [
    statusEntry('https://certs.example.cn', 'gz-eval', { listId: 1, seq: 1, purpose: 'revocation', index: 94567 }),
  ]);
  return { credential, issuer };
}

export async function run(): Promise<Record<string, number>> {
  heading('Signing throughput (one core, keys imported once vs stock ed25519-multikey signer)');
  const { credential, issuer } = await sampleCertificate();
  const { privateJwk, publicKey } = await crypto.generate();
  const key = await crypto.importPrivateKey(privateJwk);
  const vm = `${issuer.did}#key-1`;
  const env = { crypto, documentLoader };
  const created = '2025-06-30T00:00:00Z';

  const oursRdfc = await measure('ours  eddsa-rdfc-2022 sign', () =>
    createProof(credential, { cryptosuite: 'eddsa-rdfc-2022', created, verificationMethod: vm }, key, env),
  );
  const oursJcs = await measure('ours  eddsa-jcs-2022 sign', () =>
    createProof(credential, { cryptosuite: 'eddsa-jcs-2022', created, verificationMethod: vm }, key, env),
  );
  const oursJwt = await measure('ours  vc+jwt (jose, EdDSA) sign', () => signVcJwt(credential, vm, key));

  const stock = await runStock({
    kind: 'sign',
    credential,
    created,
    key: {
      '@context': 'https://w3id.org/security/multikey/v1',
      type: 'Multikey',
      id: vm,
      controller: issuer.did,
      publicKeyMultibase: toPublicKeyMultibase(publicKey),
      secretKeyMultibase: secretMultibase(privateJwk, publicKey),
    },
  });
  const stockRdfc = { opsPerSec: stock['stock eddsa-rdfc-2022 sign (vc.issue + multikey signer)']! };
  const stockJcs = { opsPerSec: stock['stock eddsa-jcs-2022 sign (vc.issue + multikey signer)']! };
  ratio('rdfc: ours / stock', oursRdfc.opsPerSec / stockRdfc.opsPerSec, 1.4);
  ratio('jcs:  ours / stock', oursJcs.opsPerSec / stockJcs.opsPerSec, 5);

  heading('Issuance over HTTP: POST /v1/certificates on the real Node entry (sign + SQLite write, WAL)');
  const http: Record<string, number> = {};
  for (const [suite, bare] of [
    ['eddsa-rdfc-2022', oursRdfc.opsPerSec],
    ['eddsa-jcs-2022', oursJcs.opsPerSec],
  ] as const) {
    const { rate, tool } = await httpIssuance(suite);
    http[suite] = rate;
    console.log(`  ${`HTTP issuance ${suite} (${tool}, 8 connections)`.padEnd(58)} ${fmt(rate).padStart(10)} cred/s`);
    ratio(`HTTP issuance / bare ${suite} signing`, rate / bare, 0.8);
  }
  return {
    oursRdfc: oursRdfc.opsPerSec,
    oursJcs: oursJcs.opsPerSec,
    oursJwt: oursJwt.opsPerSec,
    stockRdfc: stockRdfc.opsPerSec,
    stockJcs: stockJcs.opsPerSec,
    httpRdfc: http['eddsa-rdfc-2022']!,
    httpJcs: http['eddsa-jcs-2022']!,
  };
}

function secretMultibase(jwk: JsonWebKey, publicKey: Uint8Array): string {
  // ed25519-multikey wants the 32-byte seed + public key under the 0x8026 multicodec header
  const seed = Buffer.from(jwk.d!, 'base64url');
  const bytes = new Uint8Array(2 + 32 + 32);
  bytes.set([0x80, 0x26]);
  bytes.set(seed, 2);
  bytes.set(publicKey, 34);
  return 'z' + base58.encode(bytes);
}

async function httpIssuance(cryptosuite: string): Promise<{ rate: number; tool: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'skillcred-bench-'));
  const service = await startNodeService({ DATA_DIR: join(dir, 'data'), KEYS_DIR: join(dir, 'keys'), LOG_LEVEL: 'error' });
  try {
    const apiKey = /dev issuer API key\s+(\S+)/.exec(service.stdout())![1]!;
    const body = JSON.stringify(skillLevelRequest({ cryptosuite, assessment: { id: 'B-{{n}}', date: '2025-06-20' } }));
    const result = await runLoad({
      url: `${service.url}/v1/certificates`,
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body,
      connections: 8,
      seconds: 6,
    });
    if (result.failed > 0) throw new Error(`${result.failed} failed answers during the issuance benchmark`);
    return { rate: result.requestsPerSecond, tool: result.tool };
  } finally {
    await service.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

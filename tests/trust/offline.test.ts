import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeCrypto } from '../../src/runtime/node/crypto.js';
import { systemClock } from '../../src/ports.js';
import { nodeCompression } from '../../src/runtime/node/compression.js';
import { createOfflineVerifier } from '../../src/verify/offline.js';
import { skillLevelRequest } from '../helpers/app.js';
import { startNodeService, type NodeService } from '../helpers/node-process.js';

const dir = mkdtempSync(join(tmpdir(), 'skillcred-offline-'));
let service: NodeService | undefined;
afterAll(async () => {
  await service?.stop();
  rmSync(dir, { recursive: true, force: true });
});
type Json = Record<string, any>;

describe('offline verification from the cached trust list and status list', () => {
  it('verifies with the service stopped: live is valid, revoked is revoked, tampered is tampered; a forged trust list is refused', async () => {
    service = await startNodeService({ DATA_DIR: join(dir, 'data'), KEYS_DIR: join(dir, 'keys') });
    const apiKey = /dev issuer API key\s+(\S+)/.exec(service.stdout())![1]!;
    const post = async (path: string, body: unknown) =>
      (await (
        await fetch(service!.url + path, {
          method: 'POST',
          headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).json()) as Json;
    const live = (await post('/v1/certificates', skillLevelRequest({ assessment: { id: 'OFF-1', date: '2025-06-20' } }))).verifiableCredential as Json;
    const revoked = (await post('/v1/certificates', skillLevelRequest({ assessment: { id: 'OFF-2', date: '2025-06-20' } }))).verifiableCredential as Json;
    await post(`/v1/credentials/${encodeURIComponent(revoked.id)}/revoke`, { reason: 'fraud' });

    // what a partner caches: the trust list, the service's DID document (its key, pinned), the status list
    const trustList = (await (await fetch(`${service.url}/trust-list`)).json()) as Json;
    const serviceDoc = (await (await fetch(`${service.url}/.well-known/did.json`)).json()) as Json;
    const listUrl = String(live.credentialStatus.statusListCredential);
    const statusList = (await (await fetch(service.url + new URL(listUrl).pathname)).json()) as Json;
    await service.stop();
    await expect(fetch(`${service.url}/health`)).rejects.toThrow();
    service = undefined;

    const kit = {
      trustList,
      servicePublicKeyMultibase: String(serviceDoc.verificationMethod[0].publicKeyMultibase),
      statusLists: { [listUrl]: statusList },
      crypto: nodeCrypto(),
      clock: systemClock,
      compression: nodeCompression,
    };
    const verifier = await createOfflineVerifier(kit);
    const ok = await verifier.verifyCredential(live);
    expect(ok.errors, JSON.stringify(ok.errors)).toEqual([]);
    expect(ok.verdict).toBe('valid');
    expect(ok.steps.map((s) => s.id)).toEqual(['parse', 'proof', 'issuer', 'trust', 'validity', 'status']);
    expect((await verifier.verifyCredential(revoked)).verdict).toBe('revoked');
    const tampered = structuredClone(live);
    tampered.credentialSubject.achievement.printedGrade = '一级';
    expect((await verifier.verifyCredential(tampered)).verdict).toBe('tampered');

    const forged = structuredClone(trustList);
    forged.credentialSubject.issuers.push({ id: 'did:web:fake.example', type: 'AccreditedIssuer', keys: [], accreditations: [], exits: [] });
    await expect(createOfflineVerifier({ ...kit, trustList: forged })).rejects.toThrow(/does not verify with the pinned key/);
    // a credential whose status list is not in the kit fails closed
    const noList = await createOfflineVerifier({ ...kit, statusLists: {} });
    expect((await noList.verifyCredential(live)).verdict).toBe('status-unknown');
  }, 60_000);
});

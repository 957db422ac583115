// The status-list proof rule: a list must be signed by a key of the credential's issuer that was
// neither compromised nor retired when the list was made (its validFrom).
import { describe, expect, it } from 'vitest';
import { attachProof, createProof, toDateTimeStamp } from '../../src/credentials/data-integrity.js';
import { createDocumentLoader } from '../../src/credentials/document-loader.js';
import type { ResolvedKey } from '../../src/credentials/key-resolver.js';
import { toPublicKeyMultibase } from '../../src/credentials/multikey.js';
import { nodeCrypto } from '../../src/runtime/node/crypto.js';
import { encodeList } from '../../src/status/bitstring.js';
import { statusListCredential } from '../../src/status/list-credential.js';
import { nodeCompression } from '../../src/runtime/node/compression.js';
import { listProofCheck } from '../../src/verify/list-proof.js';

const crypto = nodeCrypto();
const documentLoader = createDocumentLoader();
const DID = 'did:web:certs.example.cn:issuers:dev';

async function signedList(validFrom: Date) {
  const { privateJwk } = await crypto.generate();
  const handle = await crypto.importPrivateKey(privateJwk);
  const list = statusListCredential({
    url: 'https://certs.example.cn/status/dev/revocation/1',
    issuerDid: DID,
    purpose: 'revocation',
    encodedList: await encodeList(new Uint8Array(16_384), nodeCompression),
    validFrom: toDateTimeStamp(validFrom),
    validUntil: toDateTimeStamp(new Date(validFrom.getTime() + 86_400_000)),
  });
  const proof = await createProof(list, { cryptosuite: 'eddsa-rdfc-2022', created: toDateTimeStamp(validFrom), verificationMethod: `${DID}#key-1` }, handle, {
    crypto,
    documentLoader,
  });
  const key = (lifecycle: Partial<ResolvedKey>): ResolvedKey => ({
    id: `${DID}#key-1`,
    controller: DID,
    algorithm: 'Ed25519',
    publicKeyMultibase: toPublicKeyMultibase(handle.publicKey),
    publicKeyJwk: {},
    publicKey: undefined as never,
    assertion: true,
    createdAt: '2025-01-01T00:00:00Z',
    retiredAt: null,
    compromisedAt: null,
    source: 'hosted',
    ...lifecycle,
  });
  const check = async (lifecycle: Partial<ResolvedKey>) => {
    const resolved = { ...key(lifecycle), publicKey: await crypto.importPublicKey(handle.publicKey) };
    return listProofCheck({ resolve: async () => resolved }, { crypto, documentLoader })(attachProof(list, proof), DID);
  };
  return check;
}

describe('status-list proofs and the signing key lifecycle', () => {
  it('accepts a list signed while its key was current; refuses one dated after the key was retired or compromised', async () => {
    const check = await signedList(new Date('2025-06-01T00:00:00Z'));
    expect(await check({})).toBeNull();
    expect(await check({ retiredAt: '2025-07-01T00:00:00Z' })).toBeNull();
    expect((await check({ retiredAt: '2025-05-01T00:00:00Z' }))?.code).toBe('retired-key');
    expect((await check({ compromisedAt: '2025-05-01T00:00:00Z', retiredAt: '2025-05-02T00:00:00Z' }))?.code).toBe('compromised-key');
    expect(await check({ compromisedAt: '2025-07-01T00:00:00Z' })).toBeNull();
  });
});

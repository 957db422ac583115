import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { webCrypto } from '../../src/credentials/crypto.js';
import { canonizeRdfc, verifyProof } from '../../src/credentials/data-integrity.js';
import { documentLoader } from '../../src/credentials/document-loader.js';
import { fromPublicKeyMultibase } from '../../src/credentials/multikey.js';
import { nodeCrypto } from '../../src/runtime/node/crypto.js';
import { didKeyPair, stockSign2020, stockVerify2020 } from './stock-2020.js';
import { vector, vectorJson } from '../helpers/vectors.js';

type Json = Record<string, any>;
const DIR = 'vc-di-eddsa/Ed25519Signature2020';
const FIXTURES = fileURLToPath(new URL('../fixtures/ed25519-2020/', import.meta.url));

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const sha256 = async (s: string) => new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s)));
const withoutProof = ({ proof: _p, ...rest }: Json) => rest;

/** Our own fixtures: unsigned inputs, the did:key seed and the signing time; signed by the stock suite. */
const FIXTURE_INPUTS: Record<string, { seed: number; date: string; unsigned: Json }> = {
  // VC 2.0, as the W3C vector but by a did:key issuer that is also the signer
  'vc2-didkey.json': {
    seed: 7,
    date: '2025-02-01T00:00:00Z',
    unsigned: {
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2', 'https://w3id.org/security/suites/ed25519-2020/v1'],
      id: 'urn:uuid:0b5e2d2e-6a51-4d47-9d0b-2f1f0f3f7a01',
      type: ['VerifiableCredential', 'ExampleSkillCredential'],
      issuer: 'did:key:z6MkvDqGT54cXesYGvABpF1UapVNwjCqRcafi4Px6Thv5T3Z',
      validFrom: '2025-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:holder', skill: '美发' },
    },
  },
  // VC 1.1 + Open Badges 3.0.1, as DCC issuers and the Learner Credential Wallet have them
  'ob3-vc1-didkey.json': {
    seed: 9,
    date: '2024-06-01T08:00:00Z',
    unsigned: {
      '@context': [
        'https://www.w3.org/2018/credentials/v1',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
        'https://w3id.org/security/suites/ed25519-2020/v1',
      ],
      id: 'urn:uuid:2f0c5b8e-11aa-4c2e-8f77-0d3e1c9b6a42',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      name: 'Welding Level 3',
      issuer: { id: 'did:key:z6MkwVDfCg9LbbY6xjH3EZk8YSFQZujV5Y4y1ZWeER9tDiN3', type: ['Profile'], name: 'Example Training Centre' },
      issuanceDate: '2024-06-01T08:00:00Z',
      credentialSubject: {
        type: ['AchievementSubject'],
        achievement: {
          id: 'urn:uuid:9d3b4c2a-7e1f-4a6b-8c5d-3e2f1a0b9c8d',
          type: ['Achievement'],
          name: 'Welding Level 3',
          description: 'Arc welding to level 3.',
          criteria: { narrative: 'Passed the practical assessment.' },
        },
      },
    },
  },
};

describe('Ed25519Signature2020: the W3C vc-di-eddsa vectors', () => {
  const signed = vectorJson<Json>(`${DIR}/signedEdSig.json`);
  const key = fromPublicKeyMultibase(vectorJson<Json>('vc-di-eddsa/keyPair.json').publicKeyMultibase)!;

  it('our canonical forms and hashes are the vectors', async () => {
    const config = vectorJson<Json>(`${DIR}/proofConfigEdSig.json`);
    expect(await canonizeRdfc(config, documentLoader)).toBe(vector(`${DIR}/proofCanonEdSig.txt`));
    const canonDoc = await canonizeRdfc(withoutProof(signed), documentLoader);
    expect(canonDoc).toBe(vector(`${DIR}/canonDocEdSig.txt`));
    expect(hex(await sha256(canonDoc))).toBe(vector(`${DIR}/docHashEdSig.txt`).trim());
    expect(hex(await sha256(vector(`${DIR}/proofCanonEdSig.txt`)))).toBe(vector(`${DIR}/proofHashEdSig.txt`).trim());
  });

  for (const provider of [
    { name: 'node:crypto', crypto: nodeCrypto() },
    { name: 'WebCrypto', crypto: webCrypto() },
  ]) {
    it(`the signed vector verifies via ${provider.name}; any change does not`, async () => {
      const env = { crypto: provider.crypto, documentLoader };
      const handle = await provider.crypto.importPublicKey(key);
      expect(await verifyProof(withoutProof(signed), signed.proof, handle, env)).toEqual({ valid: true });
      const altered = structuredClone(signed);
      altered.credentialSubject.alumniOf = 'Another School';
      expect((await verifyProof(withoutProof(altered), altered.proof, handle, env)).valid).toBe(false);
      const later = { ...signed.proof, created: '2023-02-24T23:36:39Z' };
      expect((await verifyProof(withoutProof(signed), later, handle, env)).valid).toBe(false);
      // the suite context is part of what was signed: a document without it is refused
      const noSuite = { ...withoutProof(signed), '@context': signed['@context'].slice(0, 2) };
      expect((await verifyProof(noSuite, signed.proof, handle, env)).valid).toBe(false);
    });
  }
});

describe('Ed25519Signature2020: our fixtures, signed by the stock suite with did:key keys', () => {
  for (const [file, input] of Object.entries(FIXTURE_INPUTS)) {
    it(`${file}: the stock suite reproduces it, the stock verifier and ours accept it, and reject it altered`, async () => {
      const key = await didKeyPair(input.seed);
      const issuer = typeof input.unsigned.issuer === 'string' ? input.unsigned.issuer : input.unsigned.issuer.id;
      expect(issuer).toBe(key.controller);
      const fresh = await stockSign2020(input.unsigned, key, input.date);
      if (!existsSync(FIXTURES + file) && process.env.WRITE_FIXTURES) writeFileSync(FIXTURES + file, JSON.stringify(fresh, null, 2) + '\n');
      const fixture = JSON.parse(readFileSync(FIXTURES + file, 'utf8')) as Json;
      expect(fresh).toEqual(fixture);
      expect((await stockVerify2020(fixture, [key])).verified).toBe(true);

      const crypto = nodeCrypto();
      const handle = await crypto.importPublicKey(fromPublicKeyMultibase(key.publicKeyMultibase)!);
      const env = { crypto, documentLoader };
      expect(await verifyProof(withoutProof(fixture), fixture.proof, handle, env)).toEqual({ valid: true });

      const altered = structuredClone(fixture);
      altered.id = 'urn:uuid:00000000-0000-4000-8000-000000000000';
      expect((await stockVerify2020(altered, [key])).verified).toBe(false);
      expect((await verifyProof(withoutProof(altered), altered.proof, handle, env)).valid).toBe(false);
    });
  }
});

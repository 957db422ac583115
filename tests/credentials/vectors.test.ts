import { describe, expect, it } from 'vitest';
import { nodeCrypto } from '../../src/runtime/node/crypto.js';
import { webCrypto } from '../../src/credentials/crypto.js';
import { createProof, hashData, canonizeRdfc, type Cryptosuite } from '../../src/credentials/data-integrity.js';
import { documentLoader } from '../../src/credentials/document-loader.js';
import { jwkFromMultibase, vector, vectorJson } from '../helpers/vectors.js';

const SUITES: { suite: Cryptosuite; dir: string; tag: string }[] = [
  { suite: 'eddsa-rdfc-2022', dir: 'vc-di-eddsa/eddsa-rdfc-2022', tag: 'DataInt' },
  { suite: 'eddsa-jcs-2022', dir: 'vc-di-eddsa/eddsa-jcs-2022', tag: 'JCS' },
];

describe('W3C vc-di-eddsa test vectors reproduce through our signing code', () => {
  for (const provider of [
    { name: 'node:crypto', crypto: nodeCrypto() },
    { name: 'WebCrypto', crypto: webCrypto() },
  ]) {
    for (const { suite, dir, tag } of SUITES) {
      it(`${suite} via ${provider.name}: same hashes, same proofValue`, async () => {
        const env = { crypto: provider.crypto, documentLoader };
        const key = await provider.crypto.importPrivateKey(jwkFromMultibase(vectorJson('vc-di-eddsa/keyPair.json')));
        const unsigned = vectorJson('vc-di-eddsa/unsigned.json');
        const config = vectorJson<Record<string, string>>(`${dir}/proofConfig${tag}.json`);
        const signed = vectorJson<{ proof: Record<string, unknown> }>(`${dir}/signed${tag}.json`);

        const data = await hashData(unsigned, config, suite, env);
        expect(Buffer.from(data).toString('hex')).toBe(vector(`${dir}/combinedHash${tag}.txt`).trim());

        const proof = await createProof(unsigned, { cryptosuite: suite, created: config.created!, verificationMethod: config.verificationMethod! }, key, env);
        expect(proof).toEqual(signed.proof);
        expect(proof.proofValue).toBe(vector(`${dir}/sigBTC58${tag}.txt`).trim());
      });
    }
  }

  it('RDFC canonical form of the unsigned vector matches the spec byte for byte', async () => {
    const canon = await canonizeRdfc(vectorJson('vc-di-eddsa/unsigned.json'), documentLoader);
    expect(canon).toBe(vector('vc-di-eddsa/eddsa-rdfc-2022/canonDocDataInt.txt'));
  });
});

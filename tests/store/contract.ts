// The Store contract: one suite of expectations every adapter must meet. It runs against
// better-sqlite3 under Node (contract-sqlite.test.ts) and against a real local D1 inside workerd
// (tests/workers/store-contract.test.ts): an adapter that behaves differently fails here.
import { afterAll, beforeAll, describe } from 'vitest';
import { batchesContract } from './contract-batches.js';
import { issuanceContract } from './contract-issuance.js';
import { issuersContract } from './contract-issuers.js';
import { lookupContract } from './contract-lookup.js';
import { statusContract } from './contract-status.js';
import { trustContract } from './contract-trust.js';
import type { MakeStore, StoreUnderTest } from './contract-harness.js';

export type { MakeStore } from './contract-harness.js';

/** Registers the whole Store contract for one adapter. */
export function storeContract(name: string, make: MakeStore): void {
  describe(`Store contract: ${name}`, () => {
    let sut: StoreUnderTest | undefined;
    beforeAll(async () => {
      sut = await make();
    });
    afterAll(async () => {
      await sut?.close();
    });
    const get = (): StoreUnderTest => {
      if (!sut) throw new Error('store not ready');
      return sut;
    };
    issuersContract(get);
    issuanceContract(get);
    statusContract(get);
    trustContract(get);
    batchesContract(get);
    lookupContract(get);
  });
}

import type { PrivateKeyHandle, PublicKeyHandle } from './crypto.js';
import { createProof, verifyProof, type JsonObject, type ProofCheck, type ProofEnv, type ProofOptions } from './data-integrity.js';

/**
 * Where the CPU-heavy part of Data Integrity runs: canonicalization (JSON-LD → RDFC-1.0 or JCS)
 * with the signature over it. The inline engine runs it on the caller's thread (Workers, where
 * each request is its own isolate; the verify page; tests); on Node a worker-thread pool runs it
 * (src/runtime/node/proof-pool.ts) so a slow credential never delays other requests.
 * Both give the same answers: they run the same createProof and verifyProof.
 */
export interface ProofEngine {
  /** `verifyProof`: checks one proof over `input` (the document as `securedDocumentFor` builds it). */
  verify(input: JsonObject, proof: JsonObject, key: PublicKeyHandle): Promise<ProofCheck>;
  /** `createProof`: builds and signs one proof over `document` (the private key is used, never logged). */
  create(document: JsonObject, options: ProofOptions, key: PrivateKeyHandle): Promise<JsonObject>;
  /** Stops the engine's threads, if it has any. */
  close(): Promise<void>;
}

/** Runs proofs on the calling thread. */
export function inlineProofEngine(env: ProofEnv): ProofEngine {
  return {
    verify: (input, proof, key) => verifyProof(input, proof, key, env),
    create: (document, options, key) => createProof(document, options, key, env),
    close: async () => {},
  };
}

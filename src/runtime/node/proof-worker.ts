// One thread of the proof pool (proof-pool.ts): runs createProof / verifyProof exactly as the
// inline engine does, with node:crypto and the bundled contexts. Keys arrive as handles whose
// `native` is a node:crypto KeyObject: postMessage clones a KeyObject as a reference to the same
// native key, so the private key bytes are never exported, serialized or held in this heap.
import type { PrivateKeyHandle, PublicKeyHandle } from '../../credentials/crypto.js';
import { createProof, verifyProof, type JsonObject, type ProofEnv, type ProofOptions } from '../../credentials/data-integrity.js';
import { documentLoader } from '../../credentials/document-loader.js';
import { SkillcredError, type ErrorCode, type FieldError } from '../../errors.js';
import { nodeCrypto } from './crypto.js';

/** A job for the pool. */
export type ProofTask =
  | { op: 'verify'; input: JsonObject; proof: JsonObject; key: PublicKeyHandle }
  | { op: 'create'; document: JsonObject; options: ProofOptions; key: PrivateKeyHandle };

/** A SkillcredError as plain data: structured cloning keeps only an Error's message. */
export interface ErrorData {
  code?: ErrorCode;
  message: string;
  status?: number;
  errors?: FieldError[];
}

/** The answer of a job: its value, or the error it threw (rebuilt on the main thread). */
export type ProofReply = { ok: true; value: unknown } | { ok: false; error: ErrorData };

const env: ProofEnv = { crypto: nodeCrypto(), documentLoader };

/** Runs one proof job (piscina calls the default export with each task). */
export default async function runProofTask(task: ProofTask): Promise<ProofReply> {
  try {
    const value =
      task.op === 'verify' ? await verifyProof(task.input, task.proof, task.key, env) : await createProof(task.document, task.options, task.key, env);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof SkillcredError) {
      return { ok: false, error: { code: error.code, message: error.message, status: error.status, ...(error.errors ? { errors: error.errors } : {}) } };
    }
    return { ok: false, error: { message: error instanceof Error ? error.message : String(error) } };
  }
}

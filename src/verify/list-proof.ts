import { proofsOf, securedDocumentFor, verifyProof, type JsonObject, type ProofEnv } from '../credentials/data-integrity.js';
import type { ResolvedKey } from '../credentials/key-resolver.js';
import { stepProblem, type StepProblem } from './result.js';
import type { ListProofCheck } from './status-check.js';

/**
 * The status-list proof check (used by the service and by the verify page in the browser, so both
 * judge a list alike): a list credential must be signed by a key of the credential's issuer that
 * was not compromised when the list was signed.
 */
export function listProofCheck(resolver: { resolve(vmId: string): Promise<ResolvedKey> }, env: ProofEnv): ListProofCheck {
  return async (list: JsonObject, issuer: string): Promise<StepProblem | null> => {
    const proofs = proofsOf(list);
    if (proofs.length === 0) return stepProblem('statusVerification', 'no-proof', 'No proof', 'the list carries no proof');
    for (const proof of proofs) {
      const key = await resolver.resolve(String(proof.verificationMethod)).catch((e: Error) => e);
      if (key instanceof Error) return stepProblem('statusVerification', 'unresolvable-key', 'Unknown key', key.message);
      if (key.controller !== issuer) return stepProblem('statusVerification', 'not-issuer-key', 'Not the issuer', `signed by ${key.controller}`);
      if (key.compromisedAt && Date.parse(String(proof.created)) >= Date.parse(key.compromisedAt)) {
        return stepProblem('statusVerification', 'compromised-key', 'Compromised key', `${key.id} was compromised at ${key.compromisedAt}`);
      }
      if (key.algorithm !== 'Ed25519') return stepProblem('statusVerification', 'bad-signature', 'Bad signature', `${key.id} is a ${key.algorithm} key; list proofs are Ed25519`);
      const check = await verifyProof(securedDocumentFor(list, proof), proof, key.publicKey, env);
      if (!check.valid) return stepProblem('statusVerification', 'bad-signature', 'Bad signature', check.reason);
    }
    return null;
  };
}

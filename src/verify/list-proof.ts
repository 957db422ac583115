import { verifyProof, type JsonObject, type ProofEnv } from '../credentials/data-integrity.js';
import { proofsOf, securedDocumentFor } from '../credentials/proof-set.js';
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
    if (proofs.length === 0) return stepProblem('statusVerification', 'no-proof');
    for (const proof of proofs) {
      const key = await resolver.resolve(String(proof.verificationMethod)).catch((e: Error) => e);
      if (key instanceof Error) return stepProblem('statusVerification', 'unresolvable-key', { key: String(proof.verificationMethod), reason: key.message });
      if (key.controller !== issuer) return stepProblem('statusVerification', 'not-issuer-key', { issuer, signers: key.controller });
      // When the list says it was made: its validFrom, or the proof's created when later.
      const madeAt = Math.max(Date.parse(String(list.validFrom ?? '')) || 0, Date.parse(String(proof.created)) || 0);
      if (key.compromisedAt && madeAt >= Date.parse(key.compromisedAt)) {
        return stepProblem('statusVerification', 'compromised-key', { key: key.id, compromisedAt: key.compromisedAt, at: new Date(madeAt).toISOString() });
      }
      if (key.retiredAt && madeAt > Date.parse(key.retiredAt)) {
        return stepProblem('statusVerification', 'retired-key', { key: key.id, retiredAt: key.retiredAt, at: new Date(madeAt).toISOString() });
      }
      if (key.algorithm !== 'Ed25519')
        return stepProblem('statusVerification', 'key-type-mismatch', {
          suite: String(proof.cryptosuite ?? proof.type),
          key: key.id,
          algorithm: key.algorithm,
        });
      const check = await verifyProof(securedDocumentFor(list, proof), proof, key.publicKey, env);
      if (!check.valid) return stepProblem('statusVerification', 'bad-signature', { reason: check.reason });
    }
    return null;
  };
}

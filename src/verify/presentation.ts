// Verifiable presentations: the holder's proof (Data Integrity with challenge and domain, or a
// vp+jwt), then every credential inside it through the credential verifier.
import { checkBudget, PRESENTATION_BUDGET } from '../credentials/budget.js';
import type { JsonObject } from '../credentials/data-integrity.js';
import { proofsOf } from '../credentials/proof-set.js';
import { checkJwtHeader, parseVcJwt, unwrapPresentationEnvelope, verifyVcJwt, type ParsedVcJwt } from '../credentials/jwt.js';
import type { ResolvedKey } from '../credentials/key-resolver.js';
import { vcVersionOf } from '../credentials/vc-model.js';
import { jwtProblem } from './jwt-problem.js';
import { stepProblem, type StepId, type StepProblem, type StepResult, type VerificationResult } from './result.js';
import type { Verifier } from './verifier.js';
import type { VerifierDeps, VerifyOptions } from './verify-options.js';

/** A presentation's verification: its own steps, and each credential's result. */
export interface PresentationResult {
  verified: boolean;
  presentation: { steps: StepResult[]; errors: StepProblem[] };
  credentials: VerificationResult[];
}

/** Verifies presentations with the keys, clock and crypto of a credential verifier. */
export class PresentationVerifier {
  constructor(
    private readonly verifier: Verifier,
    private readonly deps: Pick<VerifierDeps, 'resolver' | 'clock' | 'crypto'>,
  ) {}

  /** Verifies a presentation's proof (challenge, domain) and every credential in it. */
  async verify(raw: unknown, options: VerifyOptions = {}): Promise<PresentationResult> {
    const steps: StepResult[] = [];
    const credentials: VerificationResult[] = [];
    let vp = raw as JsonObject;
    const fail = (id: StepId, problem: StepProblem) => steps.push({ id, valid: false, problem });
    // A VC-JOSE-COSE secured presentation: typ vp+jwt, the payload is the presentation.
    const vpJwtText = unwrapPresentationEnvelope(raw);
    let vpJwt: ParsedVcJwt | undefined;
    if (vpJwtText !== undefined) {
      try {
        vpJwt = parseVcJwt(vpJwtText);
        vp = vpJwt.payload;
      } catch (error) {
        fail('parse', stepProblem('parse', 'bad-jwt', { reason: (error as Error).message }));
        return { verified: false, presentation: { steps, errors: steps.map((s) => s.problem!) }, credentials };
      }
    }
    const overBudget = checkBudget(vp, PRESENTATION_BUDGET, 'presentation');
    if (typeof vp !== 'object' || vp === null || Array.isArray(vp)) {
      fail('parse', stepProblem('parse', 'not-a-presentation'));
    } else if (overBudget) {
      fail('parse', stepProblem('parse', overBudget.rule, overBudget.params));
    } else {
      const types = Array.isArray(vp.type) ? vp.type : [vp.type];
      if (!types.includes('VerifiablePresentation') || !vcVersionOf(vp)) {
        fail('parse', stepProblem('malformed', 'not-a-presentation'));
      } else {
        steps.push({ id: 'parse', valid: true });
        const proofs = proofsOf(vp);
        if (vpJwt) {
          const problem = await this.vpJwtProof(vpJwt, vp, options).catch((e: Error) => stepProblem('proof', 'internal', { step: 'proof', reason: e.message }));
          steps.push(problem ? { id: 'proof', valid: false, problem } : { id: 'proof', valid: true });
        } else if (proofs.length === 0) {
          if (options.challenge !== undefined || options.domain !== undefined) fail('proof', stepProblem('proof', 'no-proof'));
          else steps.push({ id: 'proof', valid: true });
        } else {
          const problem = await this.presentationProof(vp, proofs, options).catch((e: Error) =>
            stepProblem('proof', 'internal', { step: 'proof', reason: e.message }),
          );
          steps.push(problem ? { id: 'proof', valid: false, problem } : { id: 'proof', valid: true });
        }
        const vcs = vp.verifiableCredential === undefined ? [] : Array.isArray(vp.verifiableCredential) ? vp.verifiableCredential : [vp.verifiableCredential];
        for (const vc of vcs) {
          credentials.push(
            await this.verifier.verifyCredential(vc, {
              ...(options.holderIdNumber !== undefined ? { holderIdNumber: options.holderIdNumber } : {}),
              ...(options.holderCheck ? { holderCheck: options.holderCheck } : {}),
              ...(options.checks ? { checks: options.checks } : {}),
            }),
          );
        }
      }
    }
    const errors = steps.filter((s) => !s.valid).map((s) => s.problem!);
    return { verified: errors.length === 0 && credentials.every((c) => c.verified), presentation: { steps, errors }, credentials };
  }

  /** A vp+jwt: typ, crit and signature as for vc+jwt; signed by a key of the holder; challenge = nonce, domain = aud. */
  private async vpJwtProof(jwt: ParsedVcJwt, vp: JsonObject, options: VerifyOptions): Promise<StepProblem | null> {
    const header = checkJwtHeader(jwt, 'vp+jwt');
    if (header) return jwtProblem('proof', header.code, header.detail);
    const holder = typeof vp.holder === 'string' ? vp.holder : (vp.holder as JsonObject | undefined)?.id;
    const kid = jwt.header.kid;
    if (typeof kid !== 'string' || kid.length === 0) return stepProblem('vm', 'unresolvable-key', { key: 'kid', reason: 'the JWT header has no kid' });
    let key: ResolvedKey;
    try {
      key = await this.deps.resolver.resolve(kid.startsWith('#') ? `${String(holder ?? '')}${kid}` : kid);
    } catch (error) {
      return stepProblem('vm', 'unresolvable-key', { key: kid, reason: (error as Error).message });
    }
    if (holder !== undefined && key.controller !== holder) {
      return stepProblem('vm', 'holder-key-mismatch', { key: key.id, holder: String(holder) });
    }
    const problem = await verifyVcJwt(jwt, key, {
      now: this.deps.clock.now(),
      skewSeconds: this.verifier.skewMs / 1000,
      issuerId: typeof holder === 'string' ? holder : key.controller,
      crypto: this.deps.crypto,
    });
    if (problem)
      return jwtProblem(problem.code === 'jwt-expired' || problem.code === 'jwt-not-yet-valid' ? 'range' : 'proof', problem.code, problem.detail, jwt);
    if (options.challenge !== undefined && jwt.payload.nonce !== options.challenge)
      return stepProblem('challenge', 'challenge-mismatch', { actual: JSON.stringify(jwt.payload.nonce) });
    const aud = Array.isArray(jwt.payload.aud) ? jwt.payload.aud : [jwt.payload.aud];
    if (options.domain !== undefined && !aud.includes(options.domain))
      return stepProblem('domain', 'domain-mismatch', { actual: JSON.stringify(jwt.payload.aud) });
    return null;
  }

  private async presentationProof(vp: JsonObject, proofs: JsonObject[], options: VerifyOptions): Promise<StepProblem | null> {
    for (const proof of proofs) {
      if (proof.proofPurpose !== 'authentication')
        return stepProblem('proof', 'wrong-purpose', { expected: 'authentication', actual: JSON.stringify(proof.proofPurpose) });
      if (options.challenge !== undefined && proof.challenge !== options.challenge)
        return stepProblem('challenge', 'challenge-mismatch', { actual: JSON.stringify(proof.challenge) });
      if (options.domain !== undefined && proof.domain !== options.domain)
        return stepProblem('domain', 'domain-mismatch', { actual: JSON.stringify(proof.domain) });
      const problem = await this.verifier.verifyProof(vp, proof, [], 'authentication');
      if (problem) return problem;
      const holder = typeof vp.holder === 'string' ? vp.holder : (vp.holder as JsonObject | undefined)?.id;
      const vm = String(proof.verificationMethod ?? '');
      if (holder !== undefined && !vm.startsWith(`${String(holder)}#`)) {
        return stepProblem('vm', 'holder-key-mismatch', { key: vm, holder: String(holder) });
      }
    }
    return null;
  }
}

// The credential verifier: one result with every step, never a throw (as digitalbazaar/vc).
import { bundledContexts } from '../credentials/contexts.js';
import { isDateTimeStamp, unsupportedProof, type JsonObject } from '../credentials/data-integrity.js';
import { proofsOf, securedDocumentFor } from '../credentials/proof-set.js';
import { inlineProofEngine, type ProofEngine } from '../credentials/proof-engine.js';
import { checkJwtHeader, jwtIssuedAt, verifyVcJwt, type ParsedVcJwt } from '../credentials/jwt.js';
import { ResolveError, type ResolvedKey } from '../credentials/key-resolver.js';
import { checkRelatedResources } from '../credentials/related-resource.js';
import { checkCredentialShape, issuerIdOf, vcVersionOf } from '../credentials/vc-model.js';
import { readHolderBinding } from '../domain/holder.js';
import { holderIdentifiers, offlineHolder } from './holder-offline.js';
import { issuerKeyProblem, type SigningKey } from './issuer-key.js';
import { budgeted, formatOf, readInput, type Input } from './input.js';
import { jwtProblem } from './jwt-problem.js';
import { PresentationVerifier, type PresentationResult } from './presentation.js';
import {
  CHECK_NAMES,
  resultOf,
  STEP_IDS,
  stepProblem,
  UNSUPPORTED_CODES,
  type CheckName,
  type StepId,
  type StepProblem,
  type StepResult,
  type Summary,
  type VerificationResult,
} from './result.js';
import { summarize } from './summary.js';
import type { HolderOutcome, VerifierDeps, VerifyOptions } from './verify-options.js';

interface Context {
  steps: Map<StepId, StepResult>;
  warnings: StepProblem[];
  summary: Summary;
}

/** The step a selectable check stands for. */
const CHECK_OF_STEP: Partial<Record<StepId, CheckName>> = {
  proof: 'proof',
  issuer: 'proof',
  validity: 'validity',
  status: 'status',
  trust: 'trust',
  holder: 'holder',
};

/**
 * Verifies credentials step by step: parse, proof, issuer, trust, validity, status, holder.
 * Every step is reported; nothing thrown by a step escapes (a bug becomes a failed step).
 */
export class Verifier {
  private readonly proofEngine: ProofEngine;
  private readonly presentations: PresentationVerifier;
  /** The clock skew allowed on every time comparison, in milliseconds. */
  readonly skewMs: number;

  constructor(private readonly deps: VerifierDeps) {
    this.proofEngine = deps.proofs ?? inlineProofEngine({ crypto: deps.crypto, documentLoader: deps.documentLoader });
    this.skewMs = (deps.skewSeconds ?? 300) * 1000;
    this.presentations = new PresentationVerifier(this, deps);
  }

  /** Verifies a presentation's proof (challenge, domain) and every credential in it. */
  verifyPresentation(raw: unknown, options: VerifyOptions = {}): Promise<PresentationResult> {
    return this.presentations.verify(raw, options);
  }

  /** Verifies one credential given as an object, an enveloped VC-JWT, a JWT, a QR payload/URL or JSON text. */
  async verifyCredential(raw: unknown, options: VerifyOptions = {}): Promise<VerificationResult> {
    const ctx: Context = { steps: new Map(), warnings: [], summary: {} };
    const input = budgeted(await readInput(raw, this.deps));
    if (input.kind === 'error') {
      ctx.steps.set('parse', { id: 'parse', valid: false, problem: input.problem });
      return this.finish(ctx, options);
    }
    const { credential } = input;
    try {
      ctx.summary = summarize(credential);
      ctx.summary.format = input.kind === 'jwt' ? input.jwt.format : formatOf(credential);
      const iat = input.kind === 'jwt' ? jwtIssuedAt(input.jwt) : null;
      if (iat) ctx.summary.issuedAt = iat;
    } catch {
      /* a summary is a courtesy; the steps decide */
    }
    await this.step(ctx, 'parse', async () => this.parse(credential, input.kind, input.kind === 'jwt' ? input.jwt : undefined));
    if (!ctx.steps.get('parse')!.valid) return this.finish(ctx, options);
    if (holderIdentifiers(credential).some((i) => readHolderBinding(String(i.identityHash)).kind === 'legacy-sha256')) {
      ctx.warnings.push(stepProblem('ours', 'legacy-holder-binding'));
    }
    const keys: SigningKey[] = [];
    await this.step(
      ctx,
      'proof',
      async () =>
        (await (input.kind === 'jwt' ? this.jwtProof(input, keys) : this.proofs(credential, keys, ctx.warnings))) ?? this.relatedResources(credential),
    );
    if (!ctx.steps.get('proof')!.valid) return this.finish(ctx, options);
    await this.step(ctx, 'issuer', async () => issuerKeyProblem(credential, keys, ctx.warnings, this.deps.clock.now().getTime(), this.skewMs));
    const selected = selectedChecks(options);
    if (this.deps.trust && selected.has('trust')) {
      await this.step(ctx, 'trust', async () => this.deps.trust!(credential, signedAt(credential, keys), ctx.warnings));
    }
    if (selected.has('validity')) await this.step(ctx, 'validity', async () => this.validity(credential));
    // Status lists are fetched only for an authentic credential: never after the issuer step failed.
    if (selected.has('status') && ctx.steps.get('issuer')!.valid)
      await this.step(ctx, 'status', async () => {
        const outcome = await this.deps.status.check(credential, issuerIdOf(credential)!);
        const bits: Summary['status'] = {};
        for (const e of outcome.entries) if (e.purpose === 'revocation' || e.purpose === 'suspension') bits[e.purpose] = e.set;
        ctx.summary.status = bits;
        if (!outcome.ok) return outcome.problem;
        ctx.warnings.push(...outcome.warnings);
        return null;
      });
    if (options.holderIdNumber !== undefined && selected.has('holder')) await this.holderStep(ctx, credential, options);
    const result = this.finish(ctx, options);
    if (result.verdict === 'valid' && this.deps.recognitions) {
      try {
        result.recognitions = await this.deps.recognitions(credential);
      } catch {
        /* statements are informational; their absence never fails a verification */
      }
    }
    return result;
  }

  private async parse(credential: JsonObject, kind: 'di' | 'jwt', jwt?: ParsedVcJwt): Promise<StepProblem | null> {
    try {
      checkCredentialShape(credential, '', 'verify');
    } catch (error) {
      // Our shape checks name the field (errors[0].pointer): every language can point at it.
      const field = (error as { errors?: { pointer?: string; detail?: string }[] }).errors?.[0];
      return stepProblem('malformed', 'malformed', { pointer: field?.pointer || '/', reason: field?.detail ?? (error as Error).message });
    }
    const contexts = Array.isArray(credential['@context']) ? credential['@context'] : [credential['@context']];
    const unknown = contexts.find((c) => typeof c === 'string' && !bundledContexts.has(c));
    if (unknown !== undefined) return stepProblem('malformed', 'unknown-context', { context: String(unknown) });
    if (jwt?.format === 'vc+jwt' && vcVersionOf(credential) !== 2) return stepProblem('malformed', 'jwt-not-vc2');
    if (jwt?.format === 'jwt_vc_json' && vcVersionOf(credential) !== 1) return stepProblem('malformed', 'jwt-not-vc1');
    if (kind === 'di' && credential.proof === undefined) return stepProblem('malformed', 'no-proof');
    if (kind === 'di' && (credential.proof === null || typeof credential.proof !== 'object')) {
      return stepProblem('malformed', 'malformed-proof');
    }
    return null;
  }

  /**
   * A proof set: every proof we can check must verify. A proof of a type or cryptosuite we cannot
   * check is a warning beside one that verified; when none can be checked, the step says so
   * (verdict `unsupported`), never `tampered`.
   */
  private async proofs(credential: JsonObject, keys: SigningKey[], warnings: StepProblem[]): Promise<StepProblem | null> {
    const list = proofsOf(credential);
    const raw = credential.proof;
    if (list.length === 0 || (Array.isArray(raw) && list.length !== raw.length)) {
      return stepProblem('proof', 'malformed-proof');
    }
    const unsupported: StepProblem[] = [];
    let verified = 0;
    for (const proof of list) {
      const problem = await this.verifyProof(credential, proof, keys, 'assertionMethod');
      if (!problem) verified++;
      else if (UNSUPPORTED_CODES.has(problem.code)) unsupported.push(problem);
      else return problem;
    }
    if (verified === 0) return unsupported[0]!;
    warnings.push(...unsupported);
    return null;
  }

  /** relatedResource entries naming a bundled context must carry its digest (VC 2.0 §5.3). */
  private async relatedResources(credential: JsonObject): Promise<StepProblem | null> {
    const check = await checkRelatedResources(credential);
    return check.ok ? null : stepProblem('proof', 'related-resource-mismatch', { id: check.id, reason: check.detail });
  }

  /** One Data Integrity proof of `doc` for `purpose`: null when it verifies (its key then added to `keys`), else why not. */
  async verifyProof(doc: JsonObject, proof: JsonObject, keys: SigningKey[], purpose: string): Promise<StepProblem | null> {
    const unsupported = unsupportedProof(proof);
    if (unsupported) {
      return proof.type === 'DataIntegrityProof'
        ? stepProblem('proof', 'unsupported-cryptosuite', { cryptosuite: JSON.stringify(proof.cryptosuite), reason: unsupported.reason })
        : stepProblem('proof', 'unsupported-proof', { type: JSON.stringify(proof.type), reason: unsupported.reason });
    }
    if (proof.proofPurpose !== purpose) return stepProblem('proof', 'wrong-purpose', { expected: purpose, actual: JSON.stringify(proof.proofPurpose) });
    if (proof.created !== undefined && !isDateTimeStamp(proof.created)) return stepProblem('proof', 'bad-created');
    let key: ResolvedKey;
    try {
      key = await this.deps.resolver.resolve(String(proof.verificationMethod));
    } catch (error) {
      const reason = error instanceof ResolveError ? error.message : `cannot resolve the verification method: ${(error as Error).message}`;
      return stepProblem('vm', 'unresolvable-key', { key: String(proof.verificationMethod), reason });
    }
    let secured: JsonObject;
    try {
      secured = securedDocumentFor(doc, proof);
    } catch (error) {
      return stepProblem('proof', 'broken-chain', { reason: (error as Error).message });
    }
    if (key.algorithm !== 'Ed25519') {
      return stepProblem('proof', 'key-type-mismatch', { suite: String(proof.cryptosuite ?? proof.type), key: key.id, algorithm: key.algorithm });
    }
    const check = await this.proofEngine.verify(secured, proof, key.publicKey);
    if (!check.valid) return stepProblem('proof', 'bad-signature', { reason: check.reason });
    keys.push({ key, created: typeof proof.created === 'string' ? proof.created : null });
    return null;
  }

  private async jwtProof(input: Extract<Input, { kind: 'jwt' }>, keys: SigningKey[]): Promise<StepProblem | null> {
    const { jwt, credential } = input;
    const headerProblem = checkJwtHeader(jwt, 'vc+jwt');
    if (headerProblem) return jwtProblem('proof', headerProblem.code, headerProblem.detail);
    const issuerId = issuerIdOf(credential);
    const kid = jwt.header.kid;
    let vmId: string;
    if (typeof kid === 'string' && kid.length > 0) vmId = kid.startsWith('#') ? `${issuerId ?? ''}${kid}` : kid;
    // No kid: a did:key or did:jwk issuer names its one key itself.
    else if (issuerId?.startsWith('did:key:') || issuerId?.startsWith('did:jwk:')) vmId = issuerId;
    else return stepProblem('vm', 'unresolvable-key', { key: 'kid', reason: 'the JWT header has no kid' });
    let key: ResolvedKey;
    try {
      key = await this.deps.resolver.resolve(vmId);
    } catch (error) {
      return stepProblem('vm', 'unresolvable-key', { key: vmId, reason: (error as Error).message });
    }
    const problem = await verifyVcJwt(jwt, key, { now: this.deps.clock.now(), skewSeconds: this.skewMs / 1000, issuerId, crypto: this.deps.crypto });
    if (problem) {
      const kind = problem.code === 'jwt-expired' || problem.code === 'jwt-not-yet-valid' ? 'range' : 'proof';
      return jwtProblem(kind, problem.code, problem.detail, jwt);
    }
    keys.push({ key, created: jwtIssuedAt(jwt) });
    return null;
  }

  private async validity(credential: JsonObject): Promise<StepProblem | null> {
    const now = this.deps.clock.now().getTime();
    const v2 = vcVersionOf(credential) === 2;
    const from = credential[v2 ? 'validFrom' : 'issuanceDate'];
    const until = credential[v2 ? 'validUntil' : 'expirationDate'];
    if (typeof from === 'string' && Date.parse(from) - this.skewMs > now) {
      return stepProblem('range', 'not-yet-valid', { from });
    }
    if (typeof until === 'string' && Date.parse(until) + this.skewMs < now) {
      return stepProblem('range', 'expired', { until });
    }
    return null;
  }

  /** The holder step: match, no match, or (skipped, with a warning) cannot be checked here. */
  private async holderStep(ctx: Context, credential: JsonObject, options: VerifyOptions): Promise<void> {
    let outcome: HolderOutcome;
    try {
      outcome = options.holderCheck
        ? await options.holderCheck(credential)
        : await offlineHolder(credential, options.holderIdNumber!, (d) => this.deps.crypto.sha256(d));
    } catch (error) {
      outcome = { result: 'unavailable', why: 'error', reason: (error as Error)?.message ?? String(error) };
    }
    if (outcome.result === 'match') ctx.steps.set('holder', { id: 'holder', valid: true });
    else if (outcome.result === 'no-match') {
      ctx.steps.set('holder', { id: 'holder', valid: false, problem: stepProblem('ours', 'holder-mismatch') });
    } else {
      const problem = stepProblem('ours', 'holder-unavailable', { why: outcome.why, ...(outcome.reason ? { reason: outcome.reason } : {}) });
      ctx.steps.set('holder', { id: 'holder', valid: false, skipped: true, problem });
      ctx.warnings.push(problem);
    }
  }

  private async step(ctx: Context, id: StepId, run: () => Promise<StepProblem | null>): Promise<void> {
    let problem: StepProblem | null;
    try {
      problem = await run();
    } catch (error) {
      problem = stepProblem('ours', 'internal', { step: id, reason: (error as Error)?.message ?? String(error) });
    }
    ctx.steps.set(id, problem ? { id, valid: false, problem } : { id, valid: true });
  }

  private finish(ctx: Context, options: VerifyOptions): VerificationResult {
    const steps: StepResult[] = [];
    const failed = [...ctx.steps.values()].find((s) => !s.valid);
    const selected = selectedChecks(options);
    for (const id of STEP_IDS) {
      const s = ctx.steps.get(id);
      const check = CHECK_OF_STEP[id];
      if (s) steps.push(s);
      else if ((id === 'trust' && !this.deps.trust) || (id === 'holder' && options.holderIdNumber === undefined)) continue;
      else if (check && !selected.has(check)) steps.push({ id, valid: false, skipped: true, problem: stepProblem('ours', 'not-requested', { check }) });
      else steps.push({ id, valid: false, skipped: true, problem: stepProblem('ours', 'not-checked', { step: failed?.id ?? 'previous' }) });
    }
    return resultOf(steps, ctx.warnings, ctx.summary);
  }
}

/** The checks a call runs: those asked for (all by default), `proof` always. */
function selectedChecks(options: VerifyOptions): Set<CheckName> {
  return new Set<CheckName>(['proof', ...(options.checks ?? CHECK_NAMES)]);
}

/** The signing time a credential claims: the later of its proofs' `created` and its validFrom. */
function signedAt(credential: JsonObject, keys: { created: string | null }[]): Date {
  const times = [...keys.map((k) => k.created), String(credential.validFrom ?? credential.issuanceDate ?? '')]
    .map((v) => (v ? Date.parse(v) : NaN))
    .filter((t) => !Number.isNaN(t));
  return new Date(times.length ? Math.max(...times) : 0);
}

import type { CryptoProvider } from '../credentials/crypto.js';
import { checkBudget, PRESENTATION_BUDGET } from '../credentials/budget.js';
import { bundledContexts } from '../credentials/contexts.js';
import {
  isDateTimeStamp,
  proofsOf,
  securedDocumentFor,
  unsupportedProof,
  type JsonObject,
} from '../credentials/data-integrity.js';
import type { DocumentLoader } from '../credentials/document-loader.js';
import { inlineProofEngine, type ProofEngine } from '../credentials/proof-engine.js';
import { checkJwtHeader, jwtIssuedAt, parseVcJwt, unwrapEnvelope, unwrapPresentationEnvelope, verifyVcJwt, type ParsedVcJwt } from '../credentials/jwt.js';
import { ResolveError, type ResolvedKey } from '../credentials/key-resolver.js';
import { checkRelatedResources } from '../credentials/related-resource.js';
import { checkCredentialShape, issuerIdOf, vcVersionOf } from '../credentials/vc-model.js';
import { legacyIdentityHash as identityHash } from '../domain/certificate.js';
import { readHolderBinding } from '../domain/holder.js';
import type { Clock } from '../ports.js';
import { CHECK_NAMES, resultOf, STEP_IDS, stepProblem, UNSUPPORTED_CODES, type CheckName, type StepId, type StepProblem, type StepResult, type Summary, type VerificationResult } from './result.js';
import { isProblemCode, type ProblemCode } from './messages.js';
import type { Params } from '../i18n/format.js';
import type { StatusChecker } from './status-check.js';
import { summarize } from './summary.js';

/** Turns scanned or pasted text into a credential: QR payloads and URLs, or a credential id. */
export interface QrDecoder {
  decode(text: string): Promise<{ credential: JsonObject } | { credentialId: string } | undefined>;
}

/** What an online holder check found (the service's; the number never leaves it). */
/** Why a holder could not be checked: a `holderWhy` term (src/i18n/terms.ts). */
type HolderUnavailable = 'not-ours' | 'pepper-missing' | 'keyed-offline' | 'no-hash' | 'limited' | 'error';

export type HolderOutcome = { result: 'match' } | { result: 'no-match' } | { result: 'unavailable'; why: HolderUnavailable; reason?: string };

export interface VerifyOptions {
  /** The ID number the candidate shows, to compare with the certificate's holder binding. */
  holderIdNumber?: string;
  /**
   * Compares `holderIdNumber` with a credential's binding where the keys are (the service). Without
   * it only legacy unkeyed bindings can be compared; keyed ones answer "check online".
   */
  holderCheck?: (credential: JsonObject) => Promise<HolderOutcome>;
  /** Presentation proofs: the expected challenge and domain. */
  challenge?: string;
  domain?: string;
  /**
   * The checks to run (VC API `options.checks`; see `readChecks`); all of them when absent.
   * `proof` (with the issuer's key) always runs: every other check depends on authenticity.
   */
  checks?: CheckName[];
}

/** Anything that turns a verification method id into a key (store-backed, or a cached trust list). */
interface KeySource {
  resolve(vmId: string): Promise<ResolvedKey>;
}

export interface VerifierDeps {
  resolver: KeySource;
  crypto: CryptoProvider;
  documentLoader: DocumentLoader;
  /** Where proofs are canonicalized and checked (worker threads on Node); inline when absent. */
  proofs?: ProofEngine;
  clock: Clock;
  status: StatusChecker;
  qr?: QrDecoder;
  /** Looks up one of our credentials by id (for QR codes that carry only the id). */
  lookup?: (id: string) => Promise<JsonObject | null>;
  /** Accreditation check: null when the issuer was accredited for this when it signed, else why. */
  trust?: (credential: JsonObject, signedAt: Date, warnings: StepProblem[]) => Promise<StepProblem | null>;
  /** The recognition statements partners recorded that apply to a verified credential. */
  recognitions?: (credential: JsonObject) => Promise<unknown[]>;
  skewSeconds?: number;
}

/** A credential in one of the forms we accept, normalised. */
type Input =
  | { kind: 'di'; credential: JsonObject }
  | { kind: 'jwt'; credential: JsonObject; jwt: ParsedVcJwt }
  | { kind: 'error'; problem: StepProblem };

interface Context {
  steps: Map<StepId, StepResult>;
  warnings: StepProblem[];
  summary: Summary;
}

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const DATA_URL_JWT = /^data:application\/(vc\+jwt|jwt),/;

/** The step a selectable check stands for. */
const CHECK_OF_STEP: Partial<Record<StepId, CheckName>> = { proof: 'proof', issuer: 'proof', validity: 'validity', status: 'status', trust: 'trust', holder: 'holder' };

/**
 * Verifies credentials step by step: parse, proof, issuer, trust, validity, status, holder.
 * Every step is reported; nothing thrown by a step escapes (a bug becomes a failed step).
 */
export class Verifier {
  private readonly proofEngine: ProofEngine;
  private readonly skewMs: number;

  constructor(private readonly deps: VerifierDeps) {
    this.proofEngine = deps.proofs ?? inlineProofEngine({ crypto: deps.crypto, documentLoader: deps.documentLoader });
    this.skewMs = (deps.skewSeconds ?? 300) * 1000;
  }

  /** Verifies one credential given as an object, an enveloped VC-JWT, a JWT, a QR payload/URL or JSON text. */
  async verifyCredential(raw: unknown, options: VerifyOptions = {}): Promise<VerificationResult> {
    const ctx: Context = { steps: new Map(), warnings: [], summary: {} };
    const input = budgeted(await this.normalize(raw));
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
    const keys: { key: ResolvedKey; created: string | null }[] = [];
    await this.step(ctx, 'proof', async () => (await (input.kind === 'jwt' ? this.jwtProof(input, keys) : this.proofs(credential, keys, ctx.warnings))) ?? this.relatedResources(credential));
    if (!ctx.steps.get('proof')!.valid) return this.finish(ctx, options);
    await this.step(ctx, 'issuer', async () => this.issuer(credential, keys, ctx.warnings));
    const selected = selectedChecks(options);
    if (this.deps.trust && selected.has('trust')) {
      await this.step(ctx, 'trust', async () => this.deps.trust!(credential, signedAt(credential, keys), ctx.warnings));
    }
    if (selected.has('validity')) await this.step(ctx, 'validity', async () => this.validity(credential));
    // Status lists are fetched only for an authentic credential: never after the issuer step failed.
    if (selected.has('status') && ctx.steps.get('issuer')!.valid) await this.step(ctx, 'status', async () => {
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

  /** Verifies a presentation's proof (challenge, domain) and every credential in it. */
  async verifyPresentation(raw: unknown, options: VerifyOptions = {}): Promise<{
    verified: boolean;
    presentation: { steps: StepResult[]; errors: StepProblem[] };
    credentials: VerificationResult[];
  }> {
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
          const problem = await this.presentationProof(vp, proofs, options).catch((e: Error) => stepProblem('proof', 'internal', { step: 'proof', reason: e.message }));
          steps.push(problem ? { id: 'proof', valid: false, problem } : { id: 'proof', valid: true });
        }
        const vcs = vp.verifiableCredential === undefined ? [] : Array.isArray(vp.verifiableCredential) ? vp.verifiableCredential : [vp.verifiableCredential];
        for (const vc of vcs) {
          credentials.push(await this.verifyCredential(vc, { ...(options.holderIdNumber !== undefined ? { holderIdNumber: options.holderIdNumber } : {}), ...(options.holderCheck ? { holderCheck: options.holderCheck } : {}), ...(options.checks ? { checks: options.checks } : {}) }));
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
    const problem = await verifyVcJwt(jwt, key, { now: this.deps.clock.now(), skewSeconds: this.skewMs / 1000, issuerId: typeof holder === 'string' ? holder : key.controller, crypto: this.deps.crypto });
    if (problem) return jwtProblem(problem.code === 'jwt-expired' || problem.code === 'jwt-not-yet-valid' ? 'range' : 'proof', problem.code, problem.detail, jwt);
    if (options.challenge !== undefined && jwt.payload.nonce !== options.challenge) return stepProblem('challenge', 'challenge-mismatch', { actual: JSON.stringify(jwt.payload.nonce) });
    const aud = Array.isArray(jwt.payload.aud) ? jwt.payload.aud : [jwt.payload.aud];
    if (options.domain !== undefined && !aud.includes(options.domain)) return stepProblem('domain', 'domain-mismatch', { actual: JSON.stringify(jwt.payload.aud) });
    return null;
  }

  private async presentationProof(vp: JsonObject, proofs: JsonObject[], options: VerifyOptions): Promise<StepProblem | null> {
    for (const proof of proofs) {
      if (proof.proofPurpose !== 'authentication') return stepProblem('proof', 'wrong-purpose', { expected: 'authentication', actual: JSON.stringify(proof.proofPurpose) });
      if (options.challenge !== undefined && proof.challenge !== options.challenge) return stepProblem('challenge', 'challenge-mismatch', { actual: JSON.stringify(proof.challenge) });
      if (options.domain !== undefined && proof.domain !== options.domain) return stepProblem('domain', 'domain-mismatch', { actual: JSON.stringify(proof.domain) });
      const problem = await this.oneProof(vp, proof, [], 'authentication');
      if (problem) return problem;
      const holder = typeof vp.holder === 'string' ? vp.holder : (vp.holder as JsonObject | undefined)?.id;
      const vm = String(proof.verificationMethod ?? '');
      if (holder !== undefined && !vm.startsWith(`${String(holder)}#`)) {
        return stepProblem('vm', 'holder-key-mismatch', { key: vm, holder: String(holder) });
      }
    }
    return null;
  }

  private async normalize(raw: unknown): Promise<Input> {
    const err = (code: ProblemCode, params: Params = {}): Input => ({ kind: 'error', problem: stepProblem('parse', code, params) });
    let value = raw;
    if (typeof value === 'string') {
      const text = value.trim();
      if (text.length === 0) return err('empty');
      if (text.startsWith('{')) {
        try {
          value = JSON.parse(text) as unknown;
        } catch {
          return err('not-json');
        }
      } else if (DATA_URL_JWT.test(text) || JWT.test(text)) {
        // A bare JWT: vc+jwt (VC 2.0) or jwt_vc_json (VC 1.1), told apart by its header and claims.
        return this.jwtInput(text.replace(DATA_URL_JWT, ''), 'the JWT');
      } else if (this.deps.qr) {
        let decoded: Awaited<ReturnType<QrDecoder['decode']>>;
        try {
          decoded = await this.deps.qr.decode(text);
        } catch (error) {
          return err('bad-qr', { reason: (error as Error).message });
        }
        if (!decoded) return err('unrecognised-text');
        if ('credentialId' in decoded) {
          const found = this.deps.lookup ? await this.deps.lookup(decoded.credentialId) : null;
          if (!found) return err('unknown-credential', { id: decoded.credentialId });
          value = found;
        } else value = decoded.credential;
      } else {
        return err('unrecognised-text');
      }
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return err('not-an-object', { type: value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value });
    }
    const jwtText = unwrapEnvelope(value);
    if (jwtText !== undefined) return this.jwtInput(jwtText, 'the enveloped VC-JWT');
    return { kind: 'di', credential: value as JsonObject };
  }

  private jwtInput(text: string, what: string): Input {
    try {
      const jwt = parseVcJwt(text);
      return { kind: 'jwt', credential: jwt.credential, jwt };
    } catch (error) {
      return { kind: 'error', problem: stepProblem('parse', 'bad-jwt', { form: what, reason: (error as Error).message }) };
    }
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
  private async proofs(credential: JsonObject, keys: { key: ResolvedKey; created: string | null }[], warnings: StepProblem[]): Promise<StepProblem | null> {
    const list = proofsOf(credential);
    const raw = credential.proof;
    if (list.length === 0 || (Array.isArray(raw) && list.length !== raw.length)) {
      return stepProblem('proof', 'malformed-proof');
    }
    const unsupported: StepProblem[] = [];
    let verified = 0;
    for (const proof of list) {
      const problem = await this.oneProof(credential, proof, keys, 'assertionMethod');
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

  private async oneProof(doc: JsonObject, proof: JsonObject, keys: { key: ResolvedKey; created: string | null }[], purpose: string): Promise<StepProblem | null> {
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

  private async jwtProof(input: Extract<Input, { kind: 'jwt' }>, keys: { key: ResolvedKey; created: string | null }[]): Promise<StepProblem | null> {
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

  private async issuer(credential: JsonObject, keys: { key: ResolvedKey; created: string | null }[], warnings: StepProblem[]): Promise<StepProblem | null> {
    const issuerId = issuerIdOf(credential)!;
    const own = keys.filter((k) => k.key.controller === issuerId);
    if (own.length === 0) {
      return stepProblem('vm', 'not-issuer-key', { issuer: issuerId, signers: keys.map((k) => k.key.controller).join(', ') });
    }
    for (const { key, created } of own) {
      if (!key.assertion) return stepProblem('vm', 'not-assertion-key', { key: key.id, issuer: issuerId });
      // Without a signing time (a JWT without iat) the check falls back to now: fail safe.
      const at = created ? Date.parse(created) : this.deps.clock.now().getTime();
      if (key.compromisedAt && at >= Date.parse(key.compromisedAt)) {
        return stepProblem('vm', 'compromised-key', { key: key.id, compromisedAt: key.compromisedAt, at: new Date(at).toISOString() });
      }
      if (key.compromisedAt) {
        warnings.push(stepProblem('ours', 'key-later-compromised', { key: key.id, compromisedAt: key.compromisedAt }));
      }
      if (key.retiredAt && at > Date.parse(key.retiredAt) + this.skewMs) {
        return stepProblem('vm', 'retired-key', { key: key.id, retiredAt: key.retiredAt, at: new Date(at).toISOString() });
      }
      if (created && key.createdAt && at < Date.parse(key.createdAt) - this.skewMs) {
        return stepProblem('vm', 'key-not-yet-valid', { key: key.id, createdAt: key.createdAt, at: new Date(at).toISOString() });
      }
    }
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
      outcome = options.holderCheck ? await options.holderCheck(credential) : await this.offlineHolder(credential, options.holderIdNumber!);
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

  /**
   * Without the service: only a legacy unkeyed binding (`sha256$`) can be compared here; a keyed
   * one (`hmac-sha256$`) needs the issuer's pepper, which only the service holds.
   */
  private async offlineHolder(credential: JsonObject, idNumber: string): Promise<HolderOutcome> {
    const hashed = holderIdentifiers(credential);
    if (hashed.length === 0) return { result: 'unavailable', why: 'no-hash' };
    let compared = false;
    for (const id of hashed) {
      if (readHolderBinding(String(id.identityHash)).kind !== 'legacy-sha256') continue;
      compared = true;
      const expected = await identityHash(idNumber, typeof id.salt === 'string' ? id.salt : '', (d) => this.deps.crypto.sha256(d));
      if (expected.toLowerCase() === String(id.identityHash).toLowerCase()) return { result: 'match' };
    }
    return compared ? { result: 'no-match' } : { result: 'unavailable', why: 'keyed-offline' };
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

/** The parse step's CPU budget (src/credentials/budget.ts): a credential over it is unreadable, naming the rule. */
function budgeted(input: Input): Input {
  if (input.kind === 'error') return input;
  const over = checkBudget(input.credential);
  return over ? { kind: 'error', problem: stepProblem('parse', over.rule, over.params) } : input;
}

/** The checks a call runs: those asked for (all by default), `proof` always. */
function selectedChecks(options: VerifyOptions): Set<CheckName> {
  return new Set<CheckName>(['proof', ...(options.checks ?? CHECK_NAMES)]);
}

/** A JWT check's problem (jwt.ts names its codes as strings): its English reason, and the time for exp/nbf. */
function jwtProblem(kind: 'proof' | 'range', code: string, reason: string, jwt?: ParsedVcJwt): StepProblem {
  const claim = code === 'jwt-expired' ? jwt?.payload.exp : code === 'jwt-not-yet-valid' ? jwt?.payload.nbf : undefined;
  const at = typeof claim === 'number' ? new Date(claim * 1000).toISOString() : undefined;
  return stepProblem(kind, isProblemCode(code) ? code : 'jwt-rejected', { reason, ...(at ? { at } : {}) });
}

function formatOf(credential: JsonObject): string {
  const proofs = proofsOf(credential);
  return proofs.map((p) => String(p.cryptosuite ?? p.type)).join('+') || 'none';
}

/** The signing time a credential claims: the later of its proofs' `created` and its validFrom. */
function signedAt(credential: JsonObject, keys: { created: string | null }[]): Date {
  const times = [...keys.map((k) => k.created), String(credential.validFrom ?? credential.issuanceDate ?? '')]
    .map((v) => (v ? Date.parse(v) : NaN))
    .filter((t) => !Number.isNaN(t));
  return new Date(times.length ? Math.max(...times) : 0);
}

/** The hashed identity objects of a credential's subject (OB 3.0 `identifier`). */
export function holderIdentifiers(credential: JsonObject): JsonObject[] {
  const subjectRaw = credential.credentialSubject;
  const subject = (Array.isArray(subjectRaw) ? subjectRaw[0] : subjectRaw) as JsonObject | undefined;
  const identifiers = Array.isArray(subject?.identifier) ? (subject.identifier as JsonObject[]) : [];
  return identifiers.filter((i) => i && typeof i === 'object' && i.hashed === true && typeof i.identityHash === 'string');
}

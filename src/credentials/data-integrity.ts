import jsonld from 'jsonld';
import './jsonld-speedup.js';
import * as rdfCanonize from 'rdf-canonize';
import canonicalizeModule from 'canonicalize';
import { message as apiMessage, SkillcredError } from '../errors.js';
import { type Budget, budgetMessage, CANONICALIZATION_LIMITS, checkBudget, PROOF_INPUT_BUDGET } from './budget.js';
import type { CryptoProvider, PrivateKeyHandle, PublicKeyHandle } from './crypto.js';
import type { DocumentLoader } from './document-loader.js';
import { decodeProofValue, encodeProofValue } from './multikey.js';

import { toArray, withoutProof } from './proof-set.js';

/** The Data Integrity cryptosuites this service signs and verifies. */
const CRYPTOSUITES = ['eddsa-rdfc-2022', 'eddsa-jcs-2022'] as const;
export type Cryptosuite = (typeof CRYPTOSUITES)[number];

export type JsonObject = Record<string, unknown>;

/** What a new proof says about itself, before it is signed. */
export interface ProofOptions {
  cryptosuite: Cryptosuite;
  verificationMethod: string;
  created: string;
  proofPurpose?: string;
  id?: string;
  previousProof?: string | string[];
  challenge?: string;
  domain?: string;
}

/** The effects a proof needs: canonicalization contexts and Ed25519/SHA-256. */
export interface ProofEnv {
  crypto: CryptoProvider;
  documentLoader: DocumentLoader;
  /** The structural budget of what is canonicalized (PROOF_INPUT_BUDGET when absent). */
  budget?: Readonly<Budget>;
}

// canonicalize is CommonJS: its default import is the function itself, whatever its typings say.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

function isCryptosuite(value: unknown): value is Cryptosuite {
  return (CRYPTOSUITES as readonly unknown[]).includes(value);
}

/** RDFC-1.0 canonical N-Quads of a JSON-LD document, in safe mode (undefined terms throw). */
export async function canonizeRdfc(doc: JsonObject, documentLoader: DocumentLoader): Promise<string> {
  let dataset: unknown;
  try {
    dataset = await jsonld.toRDF(doc, {
      documentLoader,
      safe: true,
      base: null,
      rdfDirection: 'i18n-datatype',
      produceGeneralizedRdf: false,
    });
  } catch (error) {
    throw canonicalizationError(error);
  }
  try {
    return await rdfCanonize.canonize(dataset, {
      algorithm: 'RDFC-1.0',
      maxWorkFactor: CANONICALIZATION_LIMITS.maxWorkFactor,
      signal: deadline(CANONICALIZATION_LIMITS.timeoutMs),
    });
  } catch (error) {
    // Only the work limits make rdf-canonize throw on a dataset jsonld.js produced.
    const message = error instanceof Error ? error.message : String(error);
    throw new SkillcredError('MALFORMED_VALUE', {
      key: 'rdfc.limits',
      params: { factor: CANONICALIZATION_LIMITS.maxWorkFactor, ms: CANONICALIZATION_LIMITS.timeoutMs, reason: message },
    });
  }
}

/**
 * What rdf-canonize reads of an AbortSignal (`aborted`, `reason`), as a deadline without a timer:
 * a thread of the proof pool runs its event loop rarely (piscina waits on Atomics between tasks),
 * so one AbortSignal.timeout per canonicalization would pile up pending timers there.
 */
function deadline(ms: number): { readonly aborted: boolean; readonly reason: string } {
  const end = Date.now() + ms;
  return {
    get aborted() {
      return Date.now() > end;
    },
    reason: `the ${ms} ms limit passed`,
  };
}

/** Turns a jsonld.js failure into our error: unknown context or undefined term, naming it. */
export function canonicalizationError(error: unknown): SkillcredError {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    if (current instanceof SkillcredError) return current;
    const e = current as { details?: { cause?: unknown; event?: { code?: string; details?: Record<string, unknown> } }; cause?: unknown };
    const event = e.details?.event;
    if (event?.code) {
      const d = event.details ?? {};
      const what = d.property ?? d.term ?? d.type ?? (d.expandedIri as string | undefined) ?? d.value;
      const label = event.code.replace(/^(invalid|relative|empty|null|prefix)[ -]?/, '').replace(/ /g, '-');
      return new SkillcredError(
        'UNDEFINED_TERM',
        apiMessage('jsonld.undefined-term', { term: JSON.stringify(what ?? event.code), event: `${event.code}${label ? '' : ''}` }),
      );
    }
    current = e.details?.cause ?? e.cause;
  }
  const message = error instanceof Error ? error.message : String(error);
  return new SkillcredError('MALFORMED_VALUE', apiMessage('jsonld.failed', { reason: message }));
}

async function canonize(doc: JsonObject, suite: Cryptosuite, env: ProofEnv): Promise<string> {
  if (suite === 'eddsa-jcs-2022') {
    const text = canonicalize(doc);
    if (text === undefined) throw new SkillcredError('MALFORMED_VALUE', apiMessage('jcs.failed'));
    return text;
  }
  return canonizeRdfc(doc, env.documentLoader);
}

/** The 64 bytes an eddsa-*-2022 proof signs: SHA-256(proof config) ‖ SHA-256(document). */
export async function hashData(unsecured: JsonObject, proofConfig: JsonObject, suite: Cryptosuite, env: ProofEnv): Promise<Uint8Array> {
  // Whoever calls (issuance, the verifier, status and trust lists), canonicalization work stays
  // bounded: no inline contexts, bounded depth and size (src/credentials/budget.ts).
  for (const [doc, what] of [
    [unsecured, 'document'],
    [proofConfig, 'proof-options'],
  ] as const) {
    const over = checkBudget(doc, env.budget ?? PROOF_INPUT_BUDGET, what);
    if (over) throw new SkillcredError('MALFORMED_VALUE', budgetMessage(over));
  }
  const [configText, docText] = await Promise.all([canonize(proofConfig, suite, env), canonize(unsecured, suite, env)]);
  const [configHash, docHash] = await Promise.all([env.crypto.sha256(configText), env.crypto.sha256(docText)]);
  const out = new Uint8Array(64);
  out.set(configHash, 0);
  out.set(docHash, 32);
  return out;
}

/** Builds and signs one Data Integrity proof over `document` (whose existing proofs it ignores). */
export async function createProof(document: JsonObject, options: ProofOptions, key: PrivateKeyHandle, env: ProofEnv): Promise<JsonObject> {
  const proof: JsonObject = {
    type: 'DataIntegrityProof',
    ...(options.id ? { id: options.id } : {}),
    cryptosuite: options.cryptosuite,
    created: options.created,
    verificationMethod: options.verificationMethod,
    proofPurpose: options.proofPurpose ?? 'assertionMethod',
    ...(options.previousProof ? { previousProof: options.previousProof } : {}),
    ...(options.challenge ? { challenge: options.challenge } : {}),
    ...(options.domain ? { domain: options.domain } : {}),
  };
  const unsecured = withoutProof(document);
  const context = unsecured['@context'];
  if (options.cryptosuite === 'eddsa-jcs-2022' && context !== undefined) proof['@context'] = context;
  const config = { ...proof, '@context': context };
  const data = await hashData(unsecured, config, options.cryptosuite, env);
  const signature = await env.crypto.sign(key, data);
  return { ...proof, proofValue: encodeProofValue(signature) };
}

/** Returns the document with `proof` added; an existing proof makes a proof set (an array). */
export function attachProof(document: JsonObject, proof: JsonObject, asArray = false): JsonObject {
  const existing = document.proof;
  const proofs = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
  const all = [...proofs, proof];
  return { ...document, proof: all.length === 1 && !asArray ? proof : all };
}

/** Why one proof failed, in words a person can act on. */
export interface ProofFailure {
  valid: false;
  reason: string;
  /** The proof is of a type or cryptosuite this verifier cannot check: unknown, not wrong. */
  unsupported?: boolean;
}

/** The suite context an Ed25519Signature2020 document must carry (as jsonld-signatures requires). */
export const ED25519_2020_CONTEXT = 'https://w3id.org/security/suites/ed25519-2020/v1';

/** Undefined when the proof's type and cryptosuite are ones we check; otherwise why not. */
export function unsupportedProof(proof: JsonObject): ProofFailure | undefined {
  if (proof.type === 'Ed25519Signature2020') return undefined;
  if (proof.type !== 'DataIntegrityProof') {
    return {
      valid: false,
      unsupported: true,
      reason: `proof type ${JSON.stringify(proof.type)} is not supported (DataIntegrityProof with eddsa-rdfc-2022 or eddsa-jcs-2022, and Ed25519Signature2020 are)`,
    };
  }
  if (!isCryptosuite(proof.cryptosuite)) {
    return {
      valid: false,
      unsupported: true,
      reason: `cryptosuite ${JSON.stringify(proof.cryptosuite)} is not supported (eddsa-rdfc-2022 and eddsa-jcs-2022 are)`,
    };
  }
  return undefined;
}

/** The result of checking one proof's signature. */
export type ProofCheck = { valid: true } | ProofFailure;

/**
 * Checks one DataIntegrityProof against a public key. `input` is the document the proof was made
 * over, as `securedDocumentFor` builds it: without this proof, with the proofs it chains to.
 */
export async function verifyProof(input: JsonObject, proof: JsonObject, key: PublicKeyHandle, env: ProofEnv): Promise<ProofCheck> {
  const unsupported = unsupportedProof(proof);
  if (unsupported) return unsupported;
  if (proof.type === 'Ed25519Signature2020') return verifyEd25519Signature2020(input, proof, key, env);
  const suite = proof.cryptosuite as Cryptosuite;
  const signature = decodeProofValue(proof.proofValue);
  if (signature?.length !== 64) return { valid: false, reason: 'proofValue is not a multibase Ed25519 signature' };
  if (typeof proof.created === 'string' && !isDateTimeStamp(proof.created)) {
    return { valid: false, reason: 'proof.created is not an XML Schema dateTimeStamp' };
  }
  const unsecured = { ...input };
  const { proofValue: _pv, ...options } = proof;
  let config: JsonObject;
  if (suite === 'eddsa-jcs-2022' && options['@context'] !== undefined) {
    const proofCtx = toArray(options['@context']);
    const docCtx = toArray(unsecured['@context']);
    if (!proofCtx.every((c, i) => sameJson(c, docCtx[i]))) {
      return { valid: false, reason: "the document's @context does not start with the proof's @context" };
    }
    unsecured['@context'] = options['@context'];
    config = options;
  } else {
    config = { ...options, '@context': unsecured['@context'] };
  }
  let data: Uint8Array;
  try {
    data = await hashData(unsecured, config, suite, env);
  } catch (error) {
    const e = error instanceof SkillcredError ? error : canonicalizationError(error);
    return { valid: false, reason: e.message };
  }
  const ok = await env.crypto.verify(key, signature, data);
  return ok ? { valid: true } : { valid: false, reason: 'the signature does not match the document' };
}

/**
 * Ed25519Signature2020 (W3C CCG; what jsonld-signatures and the Learner Credential Wallet make):
 * SHA-256 of the RDFC-1.0 proof options (the proof without proofValue, under the document's
 * @context) ‖ SHA-256 of the RDFC-1.0 document without its proofs, Ed25519-signed, base58btc `z…`.
 */
async function verifyEd25519Signature2020(input: JsonObject, proof: JsonObject, key: PublicKeyHandle, env: ProofEnv): Promise<ProofCheck> {
  if (!toArray(input['@context']).includes(ED25519_2020_CONTEXT)) {
    return { valid: false, reason: `an Ed25519Signature2020 document must include the suite context ${ED25519_2020_CONTEXT}` };
  }
  const value = proof.proofValue;
  if (typeof value !== 'string' || value[0] !== 'z') return { valid: false, reason: 'an Ed25519Signature2020 proofValue is base58btc multibase (z…)' };
  const signature = decodeProofValue(value);
  if (signature?.length !== 64) return { valid: false, reason: 'proofValue is not a multibase Ed25519 signature' };
  if (proof.created !== undefined && !isDateTimeStamp(proof.created)) return { valid: false, reason: 'proof.created is not an XML Schema dateTimeStamp' };
  const { proofValue: _pv, jws: _jws, signatureValue: _sv, ...options } = proof;
  const config = { '@context': input['@context'], ...options };
  let data: Uint8Array;
  try {
    data = await hashData(withoutProof(input), config, 'eddsa-rdfc-2022', env);
  } catch (error) {
    const e = error instanceof SkillcredError ? error : canonicalizationError(error);
    return { valid: false, reason: e.message };
  }
  const ok = await env.crypto.verify(key, signature, data);
  return ok ? { valid: true } : { valid: false, reason: 'the signature does not match the document' };
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));
}

const DATE_TIME_STAMP = /^-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00))$/;

/** True for an XML Schema dateTimeStamp (a dateTime with a time zone), as VC 2.0 requires. */
export function isDateTimeStamp(value: unknown): value is string {
  return typeof value === 'string' && DATE_TIME_STAMP.test(value) && !Number.isNaN(Date.parse(value));
}

/** An instant as an XML Schema dateTimeStamp in UTC, without milliseconds. */
export function toDateTimeStamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

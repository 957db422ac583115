// What a verification is given: its options, and the effects a Verifier is built with (every one
// injected, as digitalbazaar/vc does: key source, crypto, document loader, clock, status).
import type { CryptoProvider } from '../credentials/crypto.js';
import type { JsonObject } from '../credentials/data-integrity.js';
import type { DocumentLoader } from '../credentials/document-loader.js';
import type { ResolvedKey } from '../credentials/key-resolver.js';
import type { ProofEngine } from '../credentials/proof-engine.js';
import type { Clock } from '../ports.js';
import type { CheckName, StepProblem } from './result.js';
import type { StatusChecker } from './status-check.js';

/** Turns scanned or pasted text into a credential: QR payloads and URLs, or a credential id. */
export interface QrDecoder {
  decode(text: string): Promise<{ credential: JsonObject } | { credentialId: string } | undefined>;
}

/** What an online holder check found (the service's; the number never leaves it). */
/** Why a holder could not be checked: a `holderWhy` term (src/i18n/terms.ts). */
export type HolderUnavailable = 'not-ours' | 'pepper-missing' | 'keyed-offline' | 'no-hash' | 'limited' | 'error';

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
export interface KeySource {
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

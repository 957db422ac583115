// Proof sets and chains (VC Data Integrity §2.1): the proofs of a document, and the document
// each one was made over.
import type { JsonObject } from './data-integrity.js';

/** A value as a list: itself when it is one, empty when absent. */
export function toArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/** The document without its proof (what a first proof is made over). */
export function withoutProof(doc: JsonObject): JsonObject {
  const { proof: _proof, ...rest } = doc;
  return rest;
}

/** The proofs of a document as a list (empty when there is none or it is malformed). */
export function proofsOf(document: JsonObject): JsonObject[] {
  const p = document.proof;
  if (p === undefined || p === null) return [];
  const list = Array.isArray(p) ? p : [p];
  return list.filter((x): x is JsonObject => typeof x === 'object' && x !== null && !Array.isArray(x));
}

/**
 * The document a proof of a set or chain was made over: the unsecured document, plus the proofs
 * its `previousProof` names (VC Data Integrity §4.4). Throws when a named proof is missing.
 */
export function securedDocumentFor(document: JsonObject, proof: JsonObject): JsonObject {
  const previous = proof.previousProof;
  const unsecured = withoutProof(document);
  if (previous === undefined) return unsecured;
  const ids = toArray(previous);
  if (ids.length === 0 || !ids.every((id) => typeof id === 'string')) {
    throw new Error('previousProof must be a string or an array of strings');
  }
  const all = proofsOf(document);
  const matches = ids.map((id) => {
    const found = all.find((p) => p.id === id);
    if (!found) throw new Error(`previousProof ${JSON.stringify(id)} names no proof of this document`);
    return found;
  });
  return { ...unsecured, proof: matches.length === 1 ? matches[0] : matches };
}

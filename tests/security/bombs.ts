// Hostile credentials from issue 9, and helpers that build credentials of an exact size.
import { encodeProofValue } from '../../src/credentials/multikey.js';

type Json = Record<string, any>;

const DID_KEY = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

/** A proof that looks right and is not: the bomb's cost was all before the signature check. */
export const FAKE_PROOF = {
  type: 'DataIntegrityProof',
  cryptosuite: 'eddsa-rdfc-2022',
  proofPurpose: 'assertionMethod',
  verificationMethod: `${DID_KEY}#${DID_KEY.slice(8)}`,
  created: '2025-01-01T00:00:00Z',
  proofValue: encodeProofValue(new Uint8Array(64).fill(7)),
};

/**
 * The scoped-context bomb of issue 9: `levels` property-scoped contexts nested inside one inline
 * context, and a subject nested as deep that enters each of them. 200 levels is ~12 KB of JSON and
 * cost seconds of CPU in JSON-LD expansion before any signature was checked.
 */
export function scopedContextBomb(levels = 200, proof: Json | null = FAKE_PROOF): Json {
  let ctx: Json = { '@id': 'https://bomb.example/n' };
  for (let i = 0; i < levels; i++) ctx = { '@id': 'https://bomb.example/n', '@context': { n: ctx } };
  let subject: Json = { id: 'did:example:holder' };
  for (let i = 0; i < levels; i++) subject = { id: `urn:bomb:${i}`, n: subject };
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', { '@version': 1.1, n: ctx }],
    type: ['VerifiableCredential'],
    issuer: DID_KEY,
    validFrom: '2025-01-01T00:00:00Z',
    credentialSubject: subject,
    ...(proof ? { proof } : {}),
  };
}

/**
 * A nest of `depth` objects: { level, a: { level, a: … } } (built without recursion). Each level
 * differs, so RDFC never needs its deep (N-degree) comparison of look-alike blank nodes.
 */
export function nest(depth: number): Json {
  let node: Json = { level: depth };
  for (let i = depth - 1; i >= 1; i--) node = { level: i, a: node };
  return node;
}

/** JSON text of a document, written without recursion where it nests (JSON.stringify overflows at ~10,000 levels). */
export function deepJson(wrap: (placeholder: string) => Json, depth: number): string {
  const marker = '"__deep__"';
  const text = JSON.stringify(wrap('__deep__'));
  return text.replace(marker, `${'{"a":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`);
}

/** A plain VC 2.0 credential by a did:key issuer (terms from the examples context). */
export function plainCredential(extra: Json = {}, proof: Json | null = FAKE_PROOF): Json {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
    type: ['VerifiableCredential'],
    issuer: DID_KEY,
    validFrom: '2025-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:holder', ...extra },
    ...(proof ? { proof } : {}),
  };
}

/** UTF-8 bytes of a document's JSON. */
export const bytesOf = (doc: unknown) => Buffer.byteLength(JSON.stringify(doc));

/** JSON values in a document (objects, arrays and primitives, the document included), counted independently of budget.ts. */
export function valuesOf(doc: unknown): number {
  if (doc === null || typeof doc !== 'object') return 1;
  return 1 + (Array.isArray(doc) ? doc : Object.values(doc)).reduce((n: number, v) => n + valuesOf(v), 0);
}

/** Containers enclosing the innermost value, the document counting 1. */
export function depthOf(doc: unknown): number {
  if (doc === null || typeof doc !== 'object') return 0;
  return 1 + Math.max(0, ...(Array.isArray(doc) ? doc : Object.values(doc)).map(depthOf));
}

/** `make(pad)` padded with a string so that its JSON is exactly `bytes` long (ASCII padding). */
export function exactlyBytes(bytes: number, make: (pad: string) => Json): Json {
  const base = bytesOf(make(''));
  if (base > bytes) throw new Error(`the document is already ${base} bytes`);
  return make('x'.repeat(bytes - base));
}

/** `make(list)` with a list of zeros making it exactly `values` JSON values. */
export function exactlyValues(values: number, make: (list: number[]) => Json): Json {
  const base = valuesOf(make([]));
  if (base > values) throw new Error(`the document already has ${base} values`);
  return make(new Array(values - base).fill(0));
}

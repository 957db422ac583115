// The CPU budget of a credential: limits checked before any JSON-LD, canonicalization or
// signature work, so that the cost of that work is bounded by the input's shape.
//
// Why these rules: JSON-LD expansion costs grow with nesting and, above all, with contexts. A
// 12 KB credential with 200 nested inline scoped contexts cost 5 s of CPU before its signature was
// even looked at, because every scoped context is processed (and the active context copied) at
// every level. Bundled contexts are processed once per process and cached (`tag: 'static'` in
// the document loader); inline ones are processed on every call. So inline contexts are refused
// everywhere, and size, depth and node count bound what is left.
//
// Defaults, sized from what this service issues: a signed OB 3.0 skill certificate is 3.0–3.6 KB
// of JSON, ~100 values, 6 containers deep (a VC API credential ~1 KB, 30 values, depth 3). Foreign
// OB 3.0 credentials may embed an image as a data: URL or endorsement credentials (each a whole
// credential, ~6 levels more): the caps leave room for those, 20× and more over our own.

import { apiEnglish } from '../errors-catalogue.js';

/** Limits on one JSON document, checked without recursion. */
export interface Budget {
  /** Serialized JSON, in UTF-8 bytes (Infinity: not checked). */
  maxBytes: number;
  /** Objects and arrays enclosing the innermost value, the document itself counting 1. */
  maxDepth: number;
  /** JSON values of any kind (objects, arrays, strings, numbers, booleans, nulls), the document included. */
  maxNodes: number;
}

/**
 * One credential (a VC API credential to issue, one to verify, a batch item): 64 KiB is ~20 of
 * our certificates and leaves room for an embedded badge image; depth 32 leaves room for an
 * embedded endorsement credential inside an achievement (ours reach 6); 2,000 values is 20× ours.
 */
export const CREDENTIAL_BUDGET: Readonly<Budget> = { maxBytes: 64 * 1024, maxDepth: 32, maxNodes: 2_000 };

/**
 * A credential given to issue: the credential budget less what issuing adds (an id, the proof,
 * two status entries, VC 1.1's two contexts: under 1 KiB and 30 values), so that whatever this
 * service issues stays within what it (and any verifier with these caps) verifies.
 */
export const ISSUE_BUDGET: Readonly<Budget> = {
  maxBytes: CREDENTIAL_BUDGET.maxBytes - 2048,
  maxDepth: CREDENTIAL_BUDGET.maxDepth,
  maxNodes: CREDENTIAL_BUDGET.maxNodes - 64,
};

/** A presentation holds credentials: room for eight of them, two levels deeper (verifiableCredential[i]). */
export const PRESENTATION_BUDGET: Readonly<Budget> = { maxBytes: 8 * 64 * 1024, maxDepth: 34, maxNodes: 8 * 2_000 };

/**
 * What any Data Integrity canonicalization accepts, whoever calls it (status lists, trust lists,
 * presentations, the offline verifier): the presentation's structural caps, no byte cap (a status
 * list of 2^26 entries has a long encodedList; long strings only cost linear hashing).
 */
export const PROOF_INPUT_BUDGET: Readonly<Budget> = {
  maxBytes: Number.POSITIVE_INFINITY,
  maxDepth: PRESENTATION_BUDGET.maxDepth,
  maxNodes: PRESENTATION_BUDGET.maxNodes,
};

/**
 * A status list credential, checked on the main thread when its issuer's credential is verified:
 * ours have ~25 JSON values, 3 deep (the bits are one encodedList string). A list with much more
 * is not a status list, and must not cost the event loop more than one.
 */
export const STATUS_LIST_BUDGET: Readonly<Budget> = { maxBytes: Number.POSITIVE_INFINITY, maxDepth: 8, maxNodes: 200 };

/**
 * The library work limits RDF canonicalization runs with (rdf-canonize 5, RDFC-1.0).
 * `maxWorkFactor` 1 allows as many N-degree hash calls as there are blank nodes with shared
 * first-degree hashes (O(n)); the timeout stops the permutation loop that work factor does not
 * count (k identical blank nodes under one parent are k! permutations: the "poison graph").
 * A certificate canonicalizes in well under 5 ms; the timeout is far from any real one.
 */
export const CANONICALIZATION_LIMITS = { maxWorkFactor: 1, timeoutMs: 1_000 } as const;

/** The rule a document broke: stable names for tests and clients. */
export type BudgetRule = 'max-bytes' | 'max-depth' | 'max-nodes' | 'inline-context';

/** Which document broke the budget, as messages name it (the `document` term). */
export type BudgetDocument = 'credential' | 'presentation' | 'vc-claim' | 'document' | 'proof-options';

/** Why a document is refused before any expensive work: the rule, where, and in words. */
export interface BudgetViolation {
  rule: BudgetRule;
  /** JSON Pointer of the offending value, relative to the document ('' for the document itself). */
  pointer: string;
  /** The values the message shows: which document, the limit, what was found, where. */
  params: { what: BudgetDocument; limit: number; actual: number; at: string };
  /** The English wording (message key `budget.<rule>`). */
  detail: string;
}

/** The message of a violation: key `budget.<rule>` of src/errors-catalogue.ts with its params. */
export function budgetMessage(over: BudgetViolation): { key: `budget.${BudgetRule}`; params: BudgetViolation['params'] } {
  return { key: `budget.${over.rule}`, params: over.params };
}

function violation(rule: BudgetRule, pointer: string, params: BudgetViolation['params']): BudgetViolation {
  return { rule, pointer, params, detail: apiEnglish(`budget.${rule}`, params)! };
}

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Checks a parsed JSON document against a budget, iteratively (a 10,000-deep document must not
 * overflow the stack here), stopping at the first broken rule. Null when within budget.
 * `what` names the document in the message.
 */
export function checkBudget(value: unknown, budget: Readonly<Budget> = CREDENTIAL_BUDGET, what: BudgetDocument = 'credential'): BudgetViolation | null {
  const structural = walk(value, budget, what);
  if (structural) return structural;
  if (budget.maxBytes !== Number.POSITIVE_INFINITY) {
    // Depth is bounded now, so JSON.stringify's recursion is safe.
    const bytes = utf8Length(JSON.stringify(value) ?? '');
    if (bytes > budget.maxBytes) {
      return violation('max-bytes', '', { what, limit: budget.maxBytes, actual: bytes, at: '/' });
    }
  }
  return null;
}

/** Depth, node count and inline contexts, in one iterative pass with early exits. */
function walk(root: unknown, budget: Readonly<Budget>, what: BudgetDocument): BudgetViolation | null {
  // Pointers are built only for containers, and only as far as the walk gets (≤ maxNodes).
  const stack: { value: unknown; depth: number; pointer: string }[] = [{ value: root, depth: 1, pointer: '' }];
  let nodes = 1;
  while (stack.length > 0) {
    const { value, depth, pointer } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > budget.maxDepth) {
      return violation('max-depth', pointer, { what, limit: budget.maxDepth, actual: depth, at: pointer || '/' });
    }
    const isArray = Array.isArray(value);
    const keys = isArray ? null : Object.keys(value);
    const count = isArray ? (value as unknown[]).length : keys!.length;
    nodes += count;
    if (nodes > budget.maxNodes) {
      return violation('max-nodes', pointer, { what, limit: budget.maxNodes, actual: nodes, at: pointer || '/' });
    }
    if (isArray) {
      const list = value as unknown[];
      for (let i = 0; i < list.length; i++)
        if (list[i] !== null && typeof list[i] === 'object') stack.push({ value: list[i], depth: depth + 1, pointer: `${pointer}/${i}` });
      continue;
    }
    const obj = value as Record<string, unknown>;
    for (const key of keys!) {
      const child = obj[key];
      const at = `${pointer}/${escapePointer(key)}`;
      if (key === '@context') {
        const bad = inlineContext(child, at);
        if (bad) return violation('inline-context', bad, { what, limit: 0, actual: 1, at: bad });
      }
      if (child !== null && typeof child === 'object') stack.push({ value: child, depth: depth + 1, pointer: at });
    }
  }
  return null;
}

/**
 * Where an `@context` value holds an inline context (an object, or an array inside the list), or
 * undefined. Other non-URLs (numbers, booleans) cost nothing: the data-model check and JSON-LD
 * refuse them with their own words.
 */
function inlineContext(value: unknown, pointer: string): string | undefined {
  const inline = (v: unknown) => typeof v === 'object' && v !== null;
  if (!inline(value)) return undefined;
  if (!Array.isArray(value)) return pointer;
  const i = value.findIndex(inline);
  return i === -1 ? undefined : `${pointer}/${i}`;
}

/** UTF-8 length of a string without encoding it (TextEncoder would copy up to the body cap). */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

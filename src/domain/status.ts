// Bitstring status: the two purposes, a claimed list position, a change and its audit entry.

export type StatusPurpose = 'revocation' | 'suspension';

/** A status-list position chosen for a credential about to be signed. */
export interface StatusSlot {
  listId: number;
  seq: number;
  purpose: StatusPurpose;
  index: number;
}

export interface StatusChange {
  credentialId: string;
  purpose: StatusPurpose;
  value: boolean;
}

export interface AuditEntry {
  id: number;
  credentialId: string;
  issuerId: string;
  purpose: StatusPurpose;
  oldValue: boolean;
  newValue: boolean;
  actor: string;
  reason: string;
  requestId: string;
  /** The X-Request-Id the client sent with it, if any: the client's label, not ours. */
  clientRequestId: string | null;
  at: string;
}

/** The number of allocations after which a list closes (at least one, at most size). */
export function closeAtFor(size: number, threshold: number): number {
  return Math.min(size, Math.max(1, Math.ceil(size * threshold)));
}

/** What one status change does to a credential, given its entries as they stand. */
export type ChangeDecision<E> =
  | { kind: 'set'; entry: E; old: boolean }
  | { kind: 'unchanged' }
  | { kind: 'skip' }
  | { kind: 'refuse'; reason: 'revoked-final' | 'no-entry' };

/**
 * The rule of setStatus, shared by both adapters: revocation is final (anything but revoking
 * again is refused on a revoked credential, and that refusal wins over a missing entry); a purpose
 * the credential has no entry for is refused; `skipMissing` turns both refusals into skips.
 */
export function decideChange<E extends { purpose: StatusPurpose; value: boolean }>(
  change: StatusChange,
  entries: readonly E[],
  skipMissing: boolean,
): ChangeDecision<E> {
  const revoked = entries.some((e) => e.purpose === 'revocation' && e.value);
  const target = entries.find((e) => e.purpose === change.purpose);
  const revokeAgain = change.purpose === 'revocation' && change.value;
  if (!target || (revoked && !revokeAgain)) {
    if (skipMissing) return { kind: 'skip' };
    return { kind: 'refuse', reason: revoked && !revokeAgain ? 'revoked-final' : 'no-entry' };
  }
  if (target.value === change.value) return { kind: 'unchanged' };
  return { kind: 'set', entry: target, old: target.value };
}

import type { StatusPurpose, StatusSlot } from '../domain/status.js';

/** The URL of a published status list: `<PUBLIC_URL>/status/<issuer>/<purpose>/<seq>`. */
export function statusListUrl(publicUrl: string, issuerSlug: string, purpose: StatusPurpose, seq: number): string {
  return `${publicUrl}/status/${issuerSlug}/${purpose}/${seq}`;
}

/** A BitstringStatusListEntry for a claimed slot (index as a base-10 string, as the spec wants). */
export function statusEntry(publicUrl: string, issuerSlug: string, slot: StatusSlot): Record<string, string> {
  const list = statusListUrl(publicUrl, issuerSlug, slot.purpose, slot.seq);
  return {
    id: `${list}#${slot.index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: slot.purpose,
    statusListIndex: String(slot.index),
    statusListCredential: list,
  };
}

/**
 * Adds our entries to a credential's `credentialStatus`: one object when it is the only entry
 * (what Open Badges 3.0's schema allows), an array when there are more.
 */
export function withStatus(credential: Record<string, unknown>, entries: Record<string, string>[]): Record<string, unknown> {
  const existing = credential.credentialStatus;
  const prior = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
  const all = [...prior, ...entries];
  if (all.length === 0) return credential;
  return { ...credential, credentialStatus: all.length === 1 ? all[0] : all };
}

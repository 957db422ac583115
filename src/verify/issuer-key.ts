// The issuer step: the credential was signed by a key of its issuer, meant for assertions, and
// usable when it signed (not yet compromised, not retired, already created), with clock skew.
import type { JsonObject } from '../credentials/data-integrity.js';
import type { ResolvedKey } from '../credentials/key-resolver.js';
import { issuerIdOf } from '../credentials/vc-model.js';
import { stepProblem, type StepProblem } from './result.js';

/** A key a proof verified with, and the time that proof says it was made. */
export interface SigningKey {
  key: ResolvedKey;
  created: string | null;
}

/** Null when one of the issuer's own keys signed and was usable then, else why not (warnings for later compromise). */
export function issuerKeyProblem(credential: JsonObject, keys: SigningKey[], warnings: StepProblem[], nowMs: number, skewMs: number): StepProblem | null {
  const issuerId = issuerIdOf(credential)!;
  const own = keys.filter((k) => k.key.controller === issuerId);
  if (own.length === 0) {
    return stepProblem('vm', 'not-issuer-key', { issuer: issuerId, signers: keys.map((k) => k.key.controller).join(', ') });
  }
  for (const { key, created } of own) {
    if (!key.assertion) return stepProblem('vm', 'not-assertion-key', { key: key.id, issuer: issuerId });
    // Without a signing time (a JWT without iat) the check falls back to now: fail safe.
    const at = created ? Date.parse(created) : nowMs;
    if (key.compromisedAt && at >= Date.parse(key.compromisedAt)) {
      return stepProblem('vm', 'compromised-key', { key: key.id, compromisedAt: key.compromisedAt, at: new Date(at).toISOString() });
    }
    if (key.compromisedAt) {
      warnings.push(stepProblem('ours', 'key-later-compromised', { key: key.id, compromisedAt: key.compromisedAt }));
    }
    if (key.retiredAt && at > Date.parse(key.retiredAt) + skewMs) {
      return stepProblem('vm', 'retired-key', { key: key.id, retiredAt: key.retiredAt, at: new Date(at).toISOString() });
    }
    if (created && key.createdAt && at < Date.parse(key.createdAt) - skewMs) {
      return stepProblem('vm', 'key-not-yet-valid', { key: key.id, createdAt: key.createdAt, at: new Date(at).toISOString() });
    }
  }
  return null;
}

import { message, SkillcredError } from '../errors.js';

/** A request the policy refused before (or instead of) sending it: `not fetched: <reason>`. */
export function notFetched(reason: string): SkillcredError {
  return new SkillcredError('FETCH_FAILED', message('fetch.refused', { reason }));
}

/**
 * A fetch that was sent and failed. `what` is one of our own fixed phrases: never a status code,
 * a body, an underlying error message or an address, so an answer is no probe of what is inside.
 */
export function fetchFailed(url: URL | string, what: string): SkillcredError {
  return new SkillcredError('FETCH_FAILED', message('fetch.failed', { url: String(url), reason: what }));
}

/** Why a transport failed, in the fixed phrases fetchFailed accepts. */
export class TransportFailure extends Error {
  constructor(readonly what: string) {
    super(what);
    this.name = 'TransportFailure';
  }
}

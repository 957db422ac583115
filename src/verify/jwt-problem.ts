import type { ParsedVcJwt } from '../credentials/jwt.js';
import { isProblemCode } from './messages.js';
import { stepProblem, type StepProblem } from './result.js';

/** A JWT check's problem (jwt.ts names its codes as strings): its English reason, and the time for exp/nbf. */
export function jwtProblem(kind: 'proof' | 'range', code: string, reason: string, jwt?: ParsedVcJwt): StepProblem {
  const claim = code === 'jwt-expired' ? jwt?.payload.exp : code === 'jwt-not-yet-valid' ? jwt?.payload.nbf : undefined;
  const at = typeof claim === 'number' ? new Date(claim * 1000).toISOString() : undefined;
  return stepProblem(kind, isProblemCode(code) ? code : 'jwt-rejected', { reason, ...(at ? { at } : {}) });
}

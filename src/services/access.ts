// Authorization: which principal may do what. Every service method that acts asks here, so the
// rules live in one place whatever calls the service (HTTP routes, the CLI, tests).
import type { Principal } from '../domain/principal.js';
import { readInstant } from '../domain/instant.js';
import { malformed, message, SkillcredError } from '../errors.js';

type Kind = Principal['kind'];

function unauthenticated(): SkillcredError {
  return new SkillcredError('UNAUTHENTICATED', message('auth.missing'), {
    headers: { 'www-authenticate': 'Bearer realm="skillcred"' },
  });
}

/** The principal, if it is one of `kinds`: 401 without one, 403 for another kind. */
export function allow<K extends Kind>(principal: Principal | undefined, kinds: readonly K[], what: string): Extract<Principal, { kind: K }> {
  if (!principal) throw unauthenticated();
  if (!(kinds as readonly Kind[]).includes(principal.kind)) {
    throw new SkillcredError('FORBIDDEN', message('auth.wrong-kind', { action: what, needs: kinds.join(','), have: principal.kind }));
  }
  return principal as Extract<Principal, { kind: K }>;
}

/** The issuer an issuer key acts for; 401/403 for anyone else. */
export function issuerOf(principal: Principal | undefined, what: string): string {
  return allow(principal, ['issuer'], what).issuerId;
}

/** Refuses unless the principal is the admin. */
export function adminOnly(principal: Principal | undefined, what: string): void {
  allow(principal, ['admin'], what);
}

/** True when the principal may see and change a credential of `issuerId` (its issuer, or the admin). */
export function owns(principal: Principal, issuerId: string): boolean {
  return principal.kind === 'admin' || (principal.kind === 'issuer' && principal.issuerId === issuerId);
}

/** A request's date-time field as a Date, or a 422 naming it (leap seconds, unreadable dates). */
export function instant(value: string, pointer: string): Date {
  const read = readInstant(value);
  if (!read.ok) throw malformed(pointer, `field.${read.code}`);
  return read.date;
}

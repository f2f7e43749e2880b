import type { Role } from '@otmetka/contracts';
import { Forbidden, NotFound } from '../errors/domain-errors';

export interface Membership {
  schoolId: string;
  roles: Role[];
}

/** Who is calling: a signed-in person or an integration token (R-API-02). */
export interface Principal {
  kind: 'user' | 'integration';
  userId: string;
  personId: string | null;
  login: string;
  memberships: Membership[];
  /** Integration tokens only: what the token may read. */
  scopes?: string[];
  sessionId?: string;
}

/** The caller plus the request id, handed to services for audit. */
export interface Actor {
  principal: Principal;
  requestId: string;
}

/** An actor resolved to one school and the role it acts in there. */
export interface SchoolActor extends Actor {
  schoolId: string;
  role: Role;
}

export const rolesIn = (p: Principal, schoolId: string): Role[] =>
  p.memberships.find((m) => m.schoolId === schoolId)?.roles ?? [];

/**
 * R-SEC-02: the caller must hold one of `allowed` in `schoolId`. No membership at all → 404 (the school's data
 * is invisible); a membership without an allowed role → 403. Returns the role the caller acts in.
 */
export function requireRole(actor: Actor, schoolId: string, allowed: readonly Role[], scope?: string): SchoolActor {
  const roles = rolesIn(actor.principal, schoolId);
  if (roles.length === 0) throw new NotFound('No such resource');
  if (actor.principal.kind === 'integration') {
    if (allowed.includes('integration') && scope && actor.principal.scopes?.includes(scope)) {
      return { ...actor, schoolId, role: 'integration' };
    }
    throw new Forbidden('This integration token may not do that');
  }
  const role = allowed.find((r) => roles.includes(r));
  if (!role) throw new Forbidden(`This needs one of the roles: ${allowed.join(', ')}`);
  return { ...actor, schoolId, role };
}

export const hasRole = (actor: Actor, schoolId: string, allowed: readonly Role[]): boolean =>
  rolesIn(actor.principal, schoolId).some((r) => allowed.includes(r));

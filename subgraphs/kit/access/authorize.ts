import { Role } from '../../../schema/policy';
import type { Caller } from './caller';
import { ErrorCode, userError } from '../rules/errors';

/**
 * Mutations are entry points (public in the shield): each one names the roles that may perform it, and applies the
 * row's reach itself. A caller without one of them is refused with FORBIDDEN and the roles that would be needed.
 */
export function requireRole(caller: Caller, allowed: readonly Role[], action: string): void {
  if (caller.roles.some((r) => allowed.includes(r))) return;
  throw userError(
    ErrorCode.FORBIDDEN,
    `Action « ${action} » réservée aux rôles ${allowed.join(', ')}. / Action "${action}" is reserved to the roles ${allowed.join(', ')}.`,
    { requiredRoles: [...allowed] },
  );
}

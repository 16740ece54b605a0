import type { FastifyRequest } from 'fastify';
import { ACTION_ROLES, describeRoles, type GuardedAction, type Role } from '@connector/contract';
import { AppError } from '@connector/sync';

export type RoleCheck = ((request: FastifyRequest) => Promise<void>) & { requiredRoles: readonly Role[]; action: GuardedAction | null };

/**
 * A route's guard, as its preValidation hook: the signed-in user needs one of the roles the role table
 * (@connector/contract) gives `action`, in the company of the URL (their membership is resolved by the
 * web-auth plugin first), else 403 FORBIDDEN_ROLE. Routes without it are open to every member of the company.
 */
export function requireAction(action: GuardedAction): RoleCheck {
  return Object.assign(checkRoles(ACTION_ROLES[action]), { requiredRoles: ACTION_ROLES[action], action });
}

/** A guard by roles directly, for a route the role table has no action for (prefer requireAction). */
export function requireRole(...roles: Role[]): RoleCheck {
  return Object.assign(checkRoles(roles), { requiredRoles: roles, action: null });
}

function checkRoles(roles: readonly Role[]) {
  return async (request: FastifyRequest) => {
    const member = request.member;
    if (!request.webSession) throw new AppError('NOT_SIGNED_IN');
    if (!member) throw new AppError('COMPANY_NOT_FOUND');
    if (roles.some((role) => member.roles.includes(role))) return;
    const held = member.roles.length ? describeRoles(member.roles).replace(/ or /, ', ') : 'no role';
    throw new AppError(
      'FORBIDDEN_ROLE',
      `This needs the ${describeRoles(roles)} role in this company (you have ${held}). Ask an admin of the company to give it to you.`,
      {
        requiredRoles: roles,
        yourRoles: member.roles,
      },
    );
  };
}

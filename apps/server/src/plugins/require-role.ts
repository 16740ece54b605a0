import type { FastifyRequest } from 'fastify';
import { AppError, type Role } from '@connector/sync';

const ROLE_NAMES: Record<Role, string> = { admin: 'admin', project_manager: 'project manager', accountant: 'accountant' };

export type RoleCheck = ((request: FastifyRequest) => Promise<void>) & { requiredRoles: readonly Role[] };

/**
 * A route's role requirement (issue 7), as its preValidation hook: the signed-in user needs one of `roles`
 * in the company of the URL (their membership is resolved by the web-auth plugin first), else 403
 * FORBIDDEN_ROLE. Routes without it are open to every member of the company.
 *   admin: connection, settings, credentials, members · project_manager: send to accounting, refresh, link
 *   accountant: approve/reject, resolve exceptions, retry/dismiss
 */
export function requireRole(...roles: Role[]): RoleCheck {
  const check = async (request: FastifyRequest) => {
    const member = request.member;
    if (!request.webSession) throw new AppError('NOT_SIGNED_IN');
    if (!member) throw new AppError('COMPANY_NOT_FOUND');
    if (roles.some((role) => member.roles.includes(role))) return;
    const needed = roles.map((r) => ROLE_NAMES[r]).join(' or ');
    const held = member.roles.length ? member.roles.map((r) => ROLE_NAMES[r]).join(', ') : 'no role';
    throw new AppError('FORBIDDEN_ROLE', `This needs the ${needed} role in this company (you have ${held}). Ask an admin of the company to give it to you.`, {
      requiredRoles: roles,
      yourRoles: member.roles,
    });
  };
  return Object.assign(check, { requiredRoles: roles });
}

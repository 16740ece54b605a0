import { AppError } from '../errors/app-error.ts';
import type { Actor } from '../exports/apply-export-action.ts';
import type { Role } from '../exports/export-workflow.ts';

/** The actor, if it holds one of `roles`; otherwise FORBIDDEN_ROLE naming the roles that would do. */
export function requireAnyRole<A extends Actor>(actor: A, roles: readonly Role[]): A {
  if (actor.roles && roles.some((r) => actor.roles!.includes(r))) return actor;
  throw new AppError('FORBIDDEN_ROLE', `This needs the ${roles.map((r) => r.replace('_', ' ')).join(' or ')} role in this company. Ask an admin to give it to you.`);
}

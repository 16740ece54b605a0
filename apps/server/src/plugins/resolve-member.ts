import type { FastifyRequest } from 'fastify';
import type { Role } from '@connector/contract';
import { AppError } from '@connector/sync';

/**
 * The signed-in user's membership in the company of the URL, as the web-auth plugin resolved it once, before
 * validation (a company that does not exist and one the user is not a member of are the same 404). Routes read
 * the company id from here instead of looking the company up again: a membership row implies the company.
 */
export function resolveMember(request: FastifyRequest): { companyId: string; roles: Role[] } {
  if (!request.webSession) throw new AppError('NOT_SIGNED_IN');
  if (!request.member) throw new AppError('COMPANY_NOT_FOUND');
  return request.member;
}

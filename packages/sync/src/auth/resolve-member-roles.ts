import type { Database } from '@connector/db';
import { AppError } from '../errors/app-error.ts';
import type { Role } from '@connector/contract';

/**
 * The user's roles in a company, or COMPANY_NOT_FOUND when they are not a member — the same answer as for a
 * company that does not exist, so a URL never reveals which companies use the connector.
 */
export async function resolveMemberRoles(db: Database, input: { companyId: string; userId: string }): Promise<Role[]> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(input.companyId)) throw new AppError('COMPANY_NOT_FOUND');
  const member = await db.prisma.companyMember.findUnique({
    where: { companyId_userId: { companyId: input.companyId, userId: input.userId } },
    select: { roles: true },
  });
  if (!member) throw new AppError('COMPANY_NOT_FOUND');
  return member.roles as Role[];
}

import type { Database } from '@connector/db';
import { writeAudit } from '../audit/write-audit.ts';
import { AppError } from '../errors/app-error.ts';
import { ROLES, type Role } from '@connector/contract';
import type { CompanyMemberItem } from './list-company-members.ts';

/**
 * An admin sets a member's roles (the whole set). The company row is locked for the change, so two admins
 * removing each other's admin role at once cannot leave the company without one (LAST_ADMIN).
 */
export async function setMemberRoles(
  db: Database,
  input: { companyId: string; userId: string; roles: readonly string[]; actor: string },
): Promise<CompanyMemberItem> {
  const unknown = input.roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length > 0) throw new AppError('VALIDATION', `Roles are ${ROLES.join(', ')} (not ${unknown.join(', ')}).`);
  const roles = ROLES.filter((r) => input.roles.includes(r)) as Role[];
  return db.prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM companies WHERE id = ${input.companyId}::uuid FOR UPDATE`;
    const member = await tx.companyMember.findUnique({
      where: { companyId_userId: { companyId: input.companyId, userId: input.userId } },
      include: { user: { select: { login: true, name: true } } },
    });
    if (!member) throw new AppError('COMPANY_NOT_FOUND', 'That person is not a member of this company. They appear here after signing in with Procore once.');
    const before = member.roles as Role[];
    if (before.includes('admin') && !roles.includes('admin')) {
      const admins = await tx.companyMember.count({ where: { companyId: input.companyId, roles: { has: 'admin' } } });
      if (admins <= 1) throw new AppError('LAST_ADMIN');
    }
    await tx.companyMember.update({
      where: { companyId_userId: { companyId: input.companyId, userId: input.userId } },
      data: { roles, rolesUpdatedBy: input.actor },
    });
    if (before.join() !== roles.join()) {
      await writeAudit(tx, {
        companyId: input.companyId,
        actor: input.actor,
        action: 'auth.roles_changed',
        outcome: 'ok',
        subjectType: 'user',
        subjectId: input.userId,
        detail: { login: member.user.login, name: member.user.name, from: before, to: roles },
      });
    }
    return { userId: input.userId, login: member.user.login, name: member.user.name, roles };
  });
}

import type { Prisma } from '@connector/db';
import { writeAudit } from '../audit/write-audit.ts';
import { ROLES, type Role } from '@connector/contract';

export interface SignInMembership {
  companyId: string;
  roles: Role[];
  added: boolean;
}

/**
 * Keeps a user's memberships in step with what Procore says they can see (GET /companies at sign-in):
 * a connector company of the environment whose Procore id is in the list is theirs; one that no longer is
 * stops being theirs. Roles of a new member: the company's first member becomes admin with every role (so
 * someone can hand out roles); later members get none until an admin gives them some, except in demo mode,
 * where everyone gets every role. Existing members keep the roles an admin gave them.
 */
export async function syncSignInMemberships(
  tx: Prisma.TransactionClient,
  input: { userId: string; environment: string; visibleProcoreCompanyIds: string[]; demoMode: boolean },
): Promise<SignInMembership[]> {
  const visible = await tx.company.findMany({
    where: { procoreEnvironment: input.environment, procoreCompanyId: { in: input.visibleProcoreCompanyIds } },
    select: { id: true },
  });
  const visibleIds = new Set(visible.map((c) => c.id));
  const current = await tx.companyMember.findMany({ where: { userId: input.userId, company: { procoreEnvironment: input.environment } } });
  for (const member of current) {
    if (visibleIds.has(member.companyId)) continue;
    await tx.companyMember.delete({ where: { companyId_userId: { companyId: member.companyId, userId: input.userId } } });
    await writeAudit(tx, {
      companyId: member.companyId,
      actor: 'procore',
      action: 'auth.member_removed',
      outcome: 'info',
      subjectType: 'user',
      subjectId: input.userId,
      detail: { reason: 'Procore no longer lists this company for the user', roles: member.roles },
    });
  }
  const result: SignInMembership[] = [];
  for (const companyId of visibleIds) {
    const existing = current.find((m) => m.companyId === companyId);
    if (existing) {
      result.push({ companyId, roles: existing.roles as Role[], added: false });
      continue;
    }
    // Two first sign-ins at once must not both become "the first member": serialise on the company row.
    await tx.$queryRaw`SELECT id FROM companies WHERE id = ${companyId}::uuid FOR UPDATE`;
    const first = (await tx.companyMember.count({ where: { companyId } })) === 0;
    const roles: Role[] = first || input.demoMode ? [...ROLES] : [];
    await tx.companyMember.create({ data: { companyId, userId: input.userId, roles, rolesUpdatedBy: 'sign-in' } });
    await writeAudit(tx, {
      companyId,
      actor: input.userId,
      action: 'auth.member_added',
      outcome: 'ok',
      subjectType: 'user',
      subjectId: input.userId,
      detail: { roles, reason: first ? 'first member of the company' : input.demoMode ? 'demo mode' : 'waiting for an admin to give roles' },
    });
    result.push({ companyId, roles, added: true });
  }
  return result;
}

import type { Database } from '@connector/db';
import { AppError } from '../errors/app-error.ts';
import type { Role } from '../exports/export-workflow.ts';

/** GET /api/session: who is signed in and the companies they may open, each with their roles there. */
export async function describeWebSession(db: Database, input: { userId: string }) {
  const user = await db.prisma.user.findUnique({
    where: { id: input.userId },
    include: { memberships: { include: { company: { select: { id: true, name: true, procoreCompanyId: true } } } } },
  });
  if (!user) throw new AppError('NOT_SIGNED_IN');
  const companies = user.memberships
    .map((m) => ({ id: m.company.id, name: m.company.name, procoreCompanyId: m.company.procoreCompanyId, roles: m.roles as Role[] }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { user: { id: user.id, login: user.login, name: user.name }, companies };
}

import type { Database } from '@connector/db';
import { AppError } from '../errors/app-error.ts';
import { actionsFor, isRole } from '@connector/contract';

/**
 * GET /api/session: who is signed in and the companies they may open, each with their roles there and the
 * actions those roles allow (the role table of @connector/contract), so the app asks rather than guesses.
 */
export async function describeWebSession(db: Database, input: { userId: string }) {
  const user = await db.prisma.user.findUnique({
    where: { id: input.userId },
    include: { memberships: { include: { company: { select: { id: true, name: true, procoreCompanyId: true } } } } },
  });
  if (!user) throw new AppError('NOT_SIGNED_IN');
  const companies = user.memberships
    .map((m) => {
      const roles = m.roles.filter(isRole);
      return { id: m.company.id, name: m.company.name, procoreCompanyId: m.company.procoreCompanyId, roles, actions: actionsFor(roles) };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  return { user: { id: user.id, login: user.login, name: user.name }, companies };
}

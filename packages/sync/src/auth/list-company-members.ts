import type { Database } from '@connector/db';
import type { Role } from '@connector/contract';

export interface CompanyMemberItem {
  userId: string;
  login: string | null;
  name: string | null;
  roles: Role[];
}

/** The people who can open a company in the app, and their roles (admins first, then by name). */
export async function listCompanyMembers(db: Database, input: { companyId: string }): Promise<{ items: CompanyMemberItem[] }> {
  const members = await db.prisma.companyMember.findMany({
    where: { companyId: input.companyId },
    include: { user: { select: { login: true, name: true } } },
  });
  const items = members.map((m) => ({ userId: m.userId, login: m.user.login, name: m.user.name, roles: m.roles as Role[] }));
  items.sort(
    (a, b) => Number(b.roles.includes('admin')) - Number(a.roles.includes('admin')) || (a.name ?? a.login ?? '').localeCompare(b.name ?? b.login ?? ''),
  );
  return { items };
}

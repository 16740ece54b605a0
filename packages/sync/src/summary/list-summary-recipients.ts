import type { Database } from '@connector/db';

/**
 * Who gets the daily summary: the company's members with the accountant role (the role table's approvers,
 * docs/product.md), at their Procore login, which is their e-mail address. A login that is not an address is skipped.
 */
export async function listSummaryRecipients(db: Database, companyId: string): Promise<string[]> {
  const members = await db.prisma.companyMember.findMany({
    where: { companyId, roles: { has: 'accountant' } },
    include: { user: { select: { login: true } } },
    orderBy: { createdAt: 'asc' },
  });
  const addresses = members.map((m) => m.user.login?.trim() ?? '').filter((login) => /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/.test(login));
  return [...new Set(addresses.map((a) => a.toLowerCase()))];
}

import type { Database, Prisma } from '@connector/db';
import { AppError } from '../errors/app-error.ts';

/**
 * Work that queues qbXML for the Web Connector (exports sent or approved, refreshes) waits for a QuickBooks Desktop
 * company. A company switched to QuickBooks Online (preview, issue 22) gets ONLINE_EDITION_NOT_READY instead: the
 * Online pipeline (the accounting-backend seam) is not built, and qbXML queued for a Web Connector the company no
 * longer runs would sit there — or, with the old `.qwc` still installed, be written to the Desktop file it left.
 */
export async function requireDesktopEdition(db: Database | Prisma.TransactionClient, companyId: string, what: string): Promise<void> {
  const prisma = 'prisma' in db ? db.prisma : db;
  const company = await prisma.company.findUnique({ where: { id: companyId }, select: { accountingEdition: true } });
  if (company?.accountingEdition === 'online') throw new AppError('ONLINE_EDITION_NOT_READY', undefined, { refused: what, edition: 'online' });
}

/** Whether the company is on QuickBooks Desktop (the scheduled refreshes skip the others). */
export async function isDesktopEdition(db: Database, companyId: string): Promise<boolean> {
  const company = await db.prisma.company.findUnique({ where: { id: companyId }, select: { accountingEdition: true } });
  return company?.accountingEdition !== 'online';
}

import type { Database, Prisma } from '@connector/db';
import { AppError } from '../errors/app-error.ts';

/**
 * Refreshes (reads of QuickBooks lists and job costs for Procore) wait for a QuickBooks Desktop company: reading from
 * QuickBooks Online (imports, CDC, webhooks: issue 22) is not built. A company switched to QuickBooks Online gets
 * ONLINE_EDITION_NOT_READY instead of query requests no Web Connector would answer. Exports are delivered on both
 * editions (requireExportableEdition below).
 */
export async function requireDesktopEdition(db: Database | Prisma.TransactionClient, companyId: string, what: string): Promise<void> {
  const prisma = 'prisma' in db ? db.prisma : db;
  const company = await prisma.company.findUnique({ where: { id: companyId }, select: { accountingEdition: true } });
  if (company?.accountingEdition === 'online') throw new AppError('ONLINE_EDITION_NOT_READY', undefined, { refused: what, edition: 'online' });
}

/**
 * Exports reach QuickBooks on either edition (issue 22): a Desktop company's requests wait for the Web Connector, an
 * Online company's are delivered by the qbo.deliver job (deliver-qbo-requests.ts), which needs a working connection.
 * Refused before anything is queued: QBO_NOT_CONNECTED (never connected, or disconnected), QBO_RECONNECT_REQUIRED
 * (Intuit refused the refresh token); an admin connects again from the Connection screen.
 */
export async function requireExportableEdition(db: Database | Prisma.TransactionClient, companyId: string): Promise<void> {
  const prisma = 'prisma' in db ? db.prisma : db;
  const company = await prisma.company.findUnique({
    where: { id: companyId },
    select: { accountingEdition: true, qboConnection: { select: { status: true } } },
  });
  if (company?.accountingEdition !== 'online') return;
  const status = company.qboConnection?.status;
  if (!status || status === 'disconnected') throw new AppError('QBO_NOT_CONNECTED');
  if (status === 'needs_reconnect') throw new AppError('QBO_RECONNECT_REQUIRED');
}

/** Whether the company is on QuickBooks Desktop (the scheduled refreshes skip the others). */
export async function isDesktopEdition(db: Database, companyId: string): Promise<boolean> {
  const company = await db.prisma.company.findUnique({ where: { id: companyId }, select: { accountingEdition: true } });
  return company?.accountingEdition !== 'online';
}

/**
 * A refresh reads QuickBooks lists or job costs. On QuickBooks Online the list refreshes (jobs, vendors, items with
 * accounts and classes) are read by the qbo.deliver job (prepare-qbo-request.ts); job costs are not built there yet
 * (ONLINE_EDITION_NOT_READY), and an Online company needs its connection. Answers the company's edition.
 */
export async function requireRefreshableEdition(db: Database, companyId: string, kind: string): Promise<'desktop' | 'online'> {
  const company = await db.prisma.company.findUnique({
    where: { id: companyId },
    select: { accountingEdition: true, qboConnection: { select: { status: true } } },
  });
  if (company?.accountingEdition !== 'online') return 'desktop';
  if (kind === 'job_costs') throw new AppError('ONLINE_EDITION_NOT_READY', undefined, { refused: `refresh ${kind}`, edition: 'online' });
  const status = company.qboConnection?.status;
  if (!status || status === 'disconnected') throw new AppError('QBO_NOT_CONNECTED');
  if (status === 'needs_reconnect') throw new AppError('QBO_RECONNECT_REQUIRED');
  return 'online';
}

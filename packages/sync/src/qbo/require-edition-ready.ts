import type { Database, Prisma } from '@connector/db';
import { AppError } from '../errors/app-error.ts';

/**
 * Exports reach QuickBooks on either edition (issue 22): a Desktop company's requests wait for the Web Connector, an
 * Online company's are delivered by the qbo.deliver job (deliver-qbo-requests.ts), which needs a working connection.
 * Refused before anything is queued: QBO_NOT_CONNECTED (never connected, or disconnected), QBO_RECONNECT_REQUIRED
 * (Intuit refused the refresh token); an admin connects again from the Connection screen.
 */
export async function requireExportableEdition(db: Database | Prisma.TransactionClient, companyId: string): Promise<void> {
  await readReadyEdition(db, companyId);
}

/**
 * A refresh reads QuickBooks lists or job costs. On QuickBooks Online the list refreshes (jobs, vendors, items with
 * accounts and classes) are read by the qbo.deliver job (prepare-qbo-request.ts); job costs are not built there yet
 * (ONLINE_EDITION_NOT_READY). Answers the company's edition.
 */
export function requireRefreshableEdition(db: Database, companyId: string, kind: string): Promise<'desktop' | 'online'> {
  return readReadyEdition(db, companyId, () => {
    if (kind === 'job_costs') throw new AppError('ONLINE_EDITION_NOT_READY', undefined, { refused: `refresh ${kind}`, edition: 'online' });
  });
}

/** The company's edition; for an Online company, `refuse` first, then its connection must work. */
async function readReadyEdition(db: Database | Prisma.TransactionClient, companyId: string, refuse?: () => void): Promise<'desktop' | 'online'> {
  const prisma = 'prisma' in db ? db.prisma : db;
  const company = await prisma.company.findUnique({
    where: { id: companyId },
    select: { accountingEdition: true, qboConnection: { select: { status: true } } },
  });
  if (company?.accountingEdition !== 'online') return 'desktop';
  refuse?.();
  const status = company.qboConnection?.status;
  if (!status || status === 'disconnected') throw new AppError('QBO_NOT_CONNECTED');
  if (status === 'needs_reconnect') throw new AppError('QBO_RECONNECT_REQUIRED');
  return 'online';
}

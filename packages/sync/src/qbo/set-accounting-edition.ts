import type { AccountingEdition } from '@connector/contract';
import type { Database } from '@connector/db';
import { writeAudit } from '../audit/write-audit.ts';
import { getCompany } from '../companies/create-company.ts';
import { AppError } from '../errors/app-error.ts';
import type { QboSettings } from './qbo-settings.ts';

/**
 * Chooses the company's accounting edition: QuickBooks Desktop (the Web Connector, the default) or QuickBooks Online.
 * Leaving Desktop while the Web Connector still has requests queued or in flight, or a session open, is refused:
 * those requests would wait for a Web Connector no one runs any more, and an answer arriving after the switch
 * could not be told from work meant for QuickBooks Online (data safety: nothing written twice or lost).
 * Online needs the server's QBO app keys.
 */
export async function setAccountingEdition(
  db: Database,
  settings: QboSettings | null,
  input: { companyId: string; edition: AccountingEdition; actor: string },
): Promise<{ changed: boolean }> {
  const company = await getCompany(db, input.companyId);
  if (company.accountingEdition === input.edition) return { changed: false };
  if (input.edition === 'online' && !settings) throw new AppError('QBO_NOT_CONFIGURED');
  if (company.accountingEdition === 'desktop') {
    const [queued, sent, sessions] = await Promise.all([
      db.prisma.queuedRequest.count({ where: { companyId: company.id, status: 'queued' } }),
      db.prisma.queuedRequest.count({ where: { companyId: company.id, status: 'sent' } }),
      db.prisma.qbwcSession.count({ where: { companyId: company.id, state: { in: ['authenticated', 'exchanging'] } } }),
    ]);
    if (queued + sent + sessions > 0) {
      const parts = [
        queued > 0 ? `${queued} request${queued === 1 ? '' : 's'} queued` : null,
        sent > 0 ? `${sent} sent and not yet answered` : null,
        sessions > 0 ? 'a session open' : null,
      ].filter(Boolean);
      throw new AppError(
        'EDITION_SWITCH_BLOCKED',
        `The Web Connector still has ${parts.join(', ')}. Let it finish its next run (or cancel the requests from the Exceptions screen), then switch to QuickBooks Online.`,
        { queued, sent, openSessions: sessions },
      );
    }
  }
  // Conditional on the edition read, so two admins switching at once cannot both pass the check above.
  const updated = await db.prisma.company.updateMany({
    where: { id: company.id, accountingEdition: company.accountingEdition },
    data: { accountingEdition: input.edition },
  });
  if (updated.count !== 1) throw new AppError('CONFLICT', 'The accounting edition was changed by someone else just now. Reload and try again.');
  await writeAudit(db.prisma, {
    companyId: company.id,
    actor: input.actor,
    action: 'company.accounting-edition',
    outcome: 'ok',
    detail: { from: company.accountingEdition, to: input.edition },
  });
  return { changed: true };
}

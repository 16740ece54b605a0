import type { AccountingEdition } from '@connector/contract';
import type { Database } from '@connector/db';
import { writeAudit } from '../audit/write-audit.ts';
import { getCompany } from '../companies/create-company.ts';
import { AppError } from '../errors/app-error.ts';
import type { QboSettings } from './qbo-settings.ts';

/**
 * Chooses the company's accounting edition: QuickBooks Desktop (the Web Connector, the default) or QuickBooks Online.
 * Leaving an edition while it still has requests queued or in flight (or, on Desktop, a session open) is refused:
 * those requests would wait for a backend no one runs any more, and an answer arriving after the switch could not be
 * told from work meant for the other edition (data safety: nothing written twice or lost).
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
  // Either way, the edition being left must have nothing queued or in flight: the Web Connector's requests, or the
  // QuickBooks Online deliveries (deliver-qbo-requests.ts) — sent under the other edition, they would be written to the
  // wrong books, or their answers could not be told apart.
  const leavingDesktop = company.accountingEdition === 'desktop';
  const [queued, sent, sessions] = await Promise.all([
    db.prisma.queuedRequest.count({ where: { companyId: company.id, status: 'queued' } }),
    db.prisma.queuedRequest.count({ where: { companyId: company.id, status: 'sent' } }),
    leavingDesktop ? db.prisma.qbwcSession.count({ where: { companyId: company.id, state: { in: ['authenticated', 'exchanging'] } } }) : Promise.resolve(0),
  ]);
  if (queued + sent + sessions > 0) {
    const parts = [
      queued > 0 ? `${queued} request${queued === 1 ? '' : 's'} queued` : null,
      sent > 0 ? `${sent} sent and not yet answered` : null,
      sessions > 0 ? 'a session open' : null,
    ].filter(Boolean);
    throw new AppError(
      'EDITION_SWITCH_BLOCKED',
      leavingDesktop
        ? `The Web Connector still has ${parts.join(', ')}. Let it finish its next run (or cancel the requests from the Exceptions screen), then switch to QuickBooks Online.`
        : `QuickBooks Online still has ${parts.join(', ')}. Wait until they are delivered (or cancel the requests from the Exceptions screen), then switch to QuickBooks Desktop.`,
      { queued, sent, openSessions: sessions },
    );
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

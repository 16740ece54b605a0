import type { CreateRetainageReceivableItemResult } from '@connector/contract';
import type { Database } from '@connector/db';
import { writeAudit } from '../audit/write-audit.ts';
import { AppError } from '../errors/app-error.ts';
import { enqueueRequestIn } from '../queue/enqueue-request.ts';
import { readOrNull, readStoredQbListEntry } from '../stored/read-stored.ts';
import { getCompanySettings, updateCompanySettings } from './company-settings.ts';

/** The item's name in QuickBooks (the setting's hint and the owner invoices' retainage lines use it). */
export const RETAINAGE_RECEIVABLE_ITEM_NAME = 'Retainage Receivable';

/** One open creation per company: a double click, or two admins at once, queue one ItemOtherChargeAdd (enqueue-request.ts). */
export const RETAINAGE_RECEIVABLE_SETUP_KEY = 'setup:retainage-receivable-item';

/**
 * Issue 21: "ItemServiceAdd for the retainage item if missing". The owner's retainage is money the owner still owes, so
 * the item is an Other Charge on an Other Current Asset account (QuickBooks Desktop's own retainage pattern; a service
 * item would post it to income). The account is the person's choice: adding to the chart of accounts is the
 * accountant's decision, so the connector never creates one. What happens:
 * - the setting already names an item → nothing (`already_chosen`);
 * - an active item of that name is in the connector's copy of the items list → it becomes the setting, audited, no write;
 * - otherwise an ItemOtherChargeAdd is queued for the next Web Connector run; apply-setup-responses.ts fills the setting
 *   when QuickBooks confirms it (or, after 3100, with the item QuickBooks already had).
 */
export async function createRetainageReceivableItem(
  db: Database,
  companyId: string,
  input: { accountListId: string },
  actor: string,
): Promise<CreateRetainageReceivableItemResult> {
  const settings = await getCompanySettings(db, companyId);
  if (settings.retainageReceivableItem) {
    return {
      outcome: 'already_chosen',
      item: settings.retainageReceivableItem,
      message: `The Retainage Receivable item is already ${settings.retainageReceivableItem.fullName}. Clear it in Settings first to create another.`,
    };
  }
  const existing = await db.prisma.qbListEntry.findFirst({
    where: { companyId, listType: 'Item', deletedAt: null, isActive: true, fullName: RETAINAGE_RECEIVABLE_ITEM_NAME },
    select: { listId: true, fullName: true },
  });
  if (existing) {
    const item = { listId: existing.listId, fullName: existing.fullName };
    await updateCompanySettings(db, companyId, { retainageReceivableItem: item }, actor);
    return {
      outcome: 'chosen',
      item,
      message: `QuickBooks already has the item ${item.fullName}: it is now the Retainage Receivable item. Nothing was written to QuickBooks.`,
    };
  }

  const account = await db.prisma.qbListEntry.findFirst({
    where: { companyId, listType: 'Account', listId: input.accountListId, deletedAt: null },
    select: { listId: true, fullName: true, isActive: true, listType: true, data: true },
  });
  const accountType = account ? readOrNull(() => readStoredQbListEntry(account))?.accountType : undefined;
  if (!account || !account.isActive || accountType !== 'OtherCurrentAsset') {
    throw new AppError(
      'VALIDATION',
      account
        ? `${account.fullName} is ${account.isActive ? `an account of type ${accountType ?? 'unknown'}` : 'inactive'} in QuickBooks; retainage receivable belongs on an active Other Current Asset account. Choose one, or add it in QuickBooks and refresh the lists.`
        : 'That account is not in the connector’s copy of the QuickBooks accounts list. Refresh the lists (Settings → QuickBooks lists) and choose again.',
      { fields: { retainageReceivableItem: 'needs an active Other Current Asset account' } },
    );
  }

  return db.prisma.$transaction(async (tx) => {
    const { request, created } = await enqueueRequestIn(tx, {
      companyId,
      dedupeKey: RETAINAGE_RECEIVABLE_SETUP_KEY,
      requestedBy: actor,
      request: {
        type: 'ItemOtherChargeAdd',
        name: RETAINAGE_RECEIVABLE_ITEM_NAME,
        salesOrPurchase: { desc: 'Retainage withheld by the owner (Procore owner invoices)', accountRef: { listId: account.listId } },
      },
    });
    if (created) {
      await writeAudit(tx, {
        companyId,
        actor,
        action: 'settings.retainage_receivable_item_queued',
        direction: 'to_quickbooks',
        outcome: 'ok',
        subjectType: 'queued_request',
        subjectId: request.id,
        detail: { item: RETAINAGE_RECEIVABLE_ITEM_NAME, account: account.fullName, accountListId: account.listId },
      });
    }
    return {
      outcome: 'queued' as const,
      item: null,
      message: `The item ${RETAINAGE_RECEIVABLE_ITEM_NAME} (on ${account.fullName}) is created at the next Web Connector run, and chosen here when QuickBooks confirms it.`,
    };
  });
}

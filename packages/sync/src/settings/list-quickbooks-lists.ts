import type { AccountType } from '@connector/qbxml';
import type { QbAccountType, QuickBooksListsBody } from '@connector/contract';
import type { Database } from '@connector/db';
import { listReadAtCursor } from '../imports/store-import-responses.ts';
import { readOrNull, readStoredQbListEntry } from '../stored/read-stored.ts';

// The contract's account types are qbXML's (one list, two packages that must not depend on each other): tsc checks they agree.
const sameAccountTypes: [QbAccountType, AccountType] extends [AccountType, QbAccountType] ? true : never = true;
void sameAccountTypes;

/**
 * The QuickBooks chart of accounts (only the given account types, when asked) and classes from our copy of the
 * company file, for the Settings pickers (issue 18 item 4). Deleted entries are left out (ListDeletedQuery); inactive
 * ones are kept and marked, so a setting that names one still shows what it is. `readAt` null = never read.
 */
export async function listQuickBooksLists(
  db: Database,
  companyId: string,
  query: { accountType?: readonly QbAccountType[] } = {},
): Promise<QuickBooksListsBody> {
  const [accounts, classes, cursors, open] = await Promise.all([
    db.prisma.qbListEntry.findMany({
      where: { companyId, listType: 'Account', deletedAt: null },
      orderBy: { fullName: 'asc' },
      select: { listType: true, listId: true, fullName: true, isActive: true, data: true },
    }),
    db.prisma.qbListEntry.findMany({
      where: { companyId, listType: 'Class', deletedAt: null },
      orderBy: { fullName: 'asc' },
      select: { listId: true, fullName: true, isActive: true },
    }),
    db.prisma.syncCursor.findMany({ where: { companyId, name: { in: [listReadAtCursor('Account'), listReadAtCursor('Class')] } } }),
    // Accounts and classes ride with the items refresh (imports/refresh-kinds.ts).
    db.prisma.queuedRequest.count({ where: { companyId, dedupeKey: { startsWith: 'import:items:' }, status: { in: ['queued', 'sent'] } } }),
  ]);
  const readAt = new Map(cursors.map((c) => [c.name, c.value]));
  const types = query.accountType && query.accountType.length > 0 ? new Set<string>(query.accountType) : null;
  return {
    accounts: {
      readAt: readAt.get(listReadAtCursor('Account')) ?? null,
      entries: accounts.flatMap((a) => {
        // A choice list: a damaged entry (qb_list_entries.data) is listed without type or number, not a failed list.
        const data = readOrNull(() => readStoredQbListEntry(a));
        const accountType = data?.accountType ?? '';
        if (types && !types.has(accountType)) return [];
        return [{ listId: a.listId, fullName: a.fullName, accountType, accountNumber: data?.accountNumber ?? null, isActive: a.isActive }];
      }),
    },
    classes: { readAt: readAt.get(listReadAtCursor('Class')) ?? null, entries: classes },
    refreshPending: open > 0,
  };
}

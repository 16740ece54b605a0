import type { Cents, ExpenseLine, ItemLine } from '../model/company-file.ts';
import type { AnyTxn, CompanyStore, ListKind } from '../model/company-store.ts';

/** What a person changes on one line of a transaction in QuickBooks. `null` clears an optional reference. */
export interface LineChange {
  amountCents?: Cents;
  /** The job (CustomerRef). */
  customerId?: string | null;
  /** Item lines (and PO / estimate lines). */
  itemId?: string;
  /** Expense lines. */
  accountId?: string;
  classId?: string | null;
}

type AnyLine = Partial<ItemLine & ExpenseLine> & { txnLineId: string; amount: Cents };

function linesOf(rec: AnyTxn): { kind: 'item' | 'expense'; lines: AnyLine[] }[] {
  const out: { kind: 'item' | 'expense'; lines: AnyLine[] }[] = [];
  if ('itemLines' in rec) out.push({ kind: 'item', lines: rec.itemLines });
  if ('expenseLines' in rec) out.push({ kind: 'expense', lines: rec.expenseLines });
  if ('lines' in rec) out.push({ kind: 'item', lines: rec.lines as AnyLine[] });
  return out;
}

function requireList(store: CompanyStore, kind: ListKind, listId: string): void {
  if (!store.list(kind, listId)) throw new Error(`no ${kind} ${listId}`);
}

/**
 * Applies `change` to line `txnLineId` of `rec` (the caller bumps TimeModified/EditSequence). References must
 * exist, as QuickBooks only offers existing jobs, items, accounts and classes. Changing an item line's amount
 * keeps its quantity and recomputes the unit cost, as QuickBooks does.
 */
export function changeTransactionLine(store: CompanyStore, rec: AnyTxn, txnLineId: string, change: LineChange): void {
  const found = linesOf(rec).flatMap(({ kind, lines }) => lines.filter((l) => l.txnLineId === txnLineId).map((line) => ({ kind, line })))[0];
  if (!found) throw new Error(`transaction ${rec.txnId} has no line ${txnLineId}`);
  const { kind, line } = found;
  if (change.itemId !== undefined && kind !== 'item') throw new Error(`line ${txnLineId} is an expense line: change its account, not its item`);
  if (change.accountId !== undefined && kind !== 'expense') throw new Error(`line ${txnLineId} is an item line: change its item, not its account`);
  if (change.itemId !== undefined) requireList(store, 'item', change.itemId);
  if (change.accountId !== undefined) requireList(store, 'account', change.accountId);
  if (typeof change.customerId === 'string') requireList(store, 'customer', change.customerId);
  if (typeof change.classId === 'string') requireList(store, 'class', change.classId);
  if (change.amountCents !== undefined) {
    if (!Number.isSafeInteger(change.amountCents)) throw new Error(`amountCents must be an integer, got ${change.amountCents}`);
    line.amount = change.amountCents;
    if (line.cost !== undefined) line.cost = Math.round((change.amountCents / 100 / (line.quantity || 1)) * 100_000) / 100_000;
    if ('rate' in line && typeof line.rate === 'number')
      (line as { rate: number }).rate = Math.round((change.amountCents / 100 / (line.quantity || 1)) * 100_000) / 100_000;
  }
  if (change.itemId !== undefined) line.itemId = change.itemId;
  if (change.accountId !== undefined) line.accountId = change.accountId;
  if (change.customerId === null) delete line.customerId;
  else if (change.customerId !== undefined) line.customerId = change.customerId;
  if (change.classId === null) delete line.classId;
  else if (change.classId !== undefined) line.classId = change.classId;
}

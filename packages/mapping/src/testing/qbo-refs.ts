// Test support: a QboRefs over tables, as the accounting-backend seam would answer it. QBO ids are "qbo-" + the
// Desktop id, so a test sees that every reference went through the lookup instead of being copied.
import type { ListRef } from '@connector/qbxml';
import type { QboExpenseLine, QboRef, QboSalesLine } from '../qbo/qbo-payload-types.ts';
import type { QboCurrentTxn, QboListKind, QboRefs } from '../qbo/qbo-rendering.ts';

export interface QboRefTables {
  /** Desktop ListIDs QBO does not have (yet). */
  unknown?: readonly string[];
  /** Records created earlier in the batch, by full name → QBO Id. */
  byFullName?: Record<string, string>;
  accountSides?: Record<string, 'income' | 'expense'>;
  purchaseOrders?: Record<string, QboCurrentTxn<QboExpenseLine>>;
  salesTxns?: Record<string, QboCurrentTxn<QboSalesLine>>;
}

export const qboId = (desktopId: string): string => `qbo-${desktopId}`;

export function makeQboRefs(t: QboRefTables = {}): QboRefs {
  const known = (id: string) => !(t.unknown ?? []).includes(id);
  return {
    list(_kind: QboListKind, ref: ListRef): QboRef | null {
      if (ref.listId !== undefined) return known(ref.listId) ? { value: qboId(ref.listId) } : null;
      const id = t.byFullName?.[ref.fullName];
      return id === undefined ? null : { value: id, name: ref.fullName };
    },
    accountSide: (ref) => (ref.listId === undefined ? null : (t.accountSides?.[ref.listId] ?? null)),
    record: (_kind, listId) => (known(listId) ? { Id: qboId(listId), SyncToken: '7' } : null),
    purchaseOrder: (txnId) => t.purchaseOrders?.[txnId] ?? null,
    salesTxn: (_kind, txnId) => t.salesTxns?.[txnId] ?? null,
  };
}

import type { AnyTxn } from '../model/company-store.ts';

/** QuickBooks voids by zeroing every amount and prefixing the memo with "VOID:". */
export function voidTxnInPlace(rec: AnyTxn): void {
  rec.memo = `VOID:${rec.memo ? ` ${rec.memo}` : ''}`;
  const zero = (lines: { amount: number; quantity?: number }[] | undefined): void => {
    for (const l of lines ?? []) {
      l.amount = 0;
      if (l.quantity !== undefined) l.quantity = 0;
    }
  };
  if ('expenseLines' in rec) zero(rec.expenseLines);
  if ('itemLines' in rec) zero(rec.itemLines);
  if ('lines' in rec) zero(rec.lines);
  if ('applied' in rec) rec.applied = rec.applied.map((a) => ({ ...a, amount: 0, ...('discountAmount' in a ? { discountAmount: 0 } : {}) }));
  if ('totalAmount' in rec) rec.totalAmount = 0;
}

import type { ReceivePayment } from '../model/company-file.ts';
import type { CompanyStore } from '../model/company-store.ts';

/**
 * Before an invoice is voided or deleted by hand, QuickBooks takes the payments off it: each payment keeps its
 * TotalAmount and what it paid on the invoice becomes unused (a credit on the customer, UnusedPayment), and the
 * payment is modified (TimeModified / EditSequence move on). QuickBooks warns "This transaction has payments applied
 * to it" and unapplies them when the user goes on (QuickBooks Desktop help, "Delete or void a paid invoice"; the
 * exact wording was not checked against a live file). Returns the payments changed.
 */
export function unapplyInvoicePayments(store: CompanyStore, invoiceTxnId: string): ReceivePayment[] {
  const changed: ReceivePayment[] = [];
  for (const linkedId of store.linkedTxnIds(invoiceTxnId)) {
    const payment = store.txn('ReceivePayment', linkedId);
    if (!payment) continue;
    store.changeTxn('ReceivePayment', payment, () => {
      payment.applied = payment.applied.filter((a) => a.txnId !== invoiceTxnId);
    });
    store.touch(payment);
    changed.push(payment);
  }
  return changed;
}

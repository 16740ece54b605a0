import type { Deposit, ReceivePayment } from '../model/company-file.ts';
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

/**
 * Before a deposited payment is voided or deleted by hand, its line comes off the deposit (the deposit total drops and
 * the deposit is modified): QuickBooks warns that the payment "has been deposited" and changes the deposit when the
 * user goes on (assumed from QuickBooks Desktop's behaviour, not checked against a live file). Returns the deposits changed.
 */
export function takePaymentOffDeposits(store: CompanyStore, paymentTxnId: string): Deposit[] {
  const changed: Deposit[] = [];
  for (const linkedId of store.linkedTxnIds(paymentTxnId)) {
    const deposit = store.txn('Deposit', linkedId);
    if (!deposit) continue;
    store.changeTxn('Deposit', deposit, () => {
      deposit.lines = deposit.lines.filter((l) => l.paymentTxnId !== paymentTxnId);
    });
    store.touch(deposit);
    changed.push(deposit);
  }
  return changed;
}

import { billAmountDue } from '../handlers/render-txn-rets.ts';
import type { BillPaymentCheck, Cents } from '../model/company-file.ts';
import type { CompanyStore } from '../model/company-store.ts';
import { localDate } from '../model/format-values.ts';

export interface PayBillOptions {
  /** YYYY-MM-DD; default today in the company's local time. */
  date?: string;
  /** Check number. */
  refNumber?: string;
  memo?: string;
  /** Bank account ListID; default the first Bank account (Checking). */
  bankAccountId?: string;
}

/**
 * Pays a bill by check as a person would in QuickBooks (Pay Bills): a BillPaymentCheck to the bill's vendor,
 * applied to that bill. A partial payment leaves the rest open; QuickBooks does not apply more than the bill's
 * open balance, so neither does this.
 */
export function payBillAsUser(store: CompanyStore, billTxnId: string, amountCents: Cents, options: PayBillOptions = {}): BillPaymentCheck {
  const bill = store.txn('Bill', billTxnId);
  if (!bill) throw new Error(`no bill ${billTxnId}`);
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) throw new Error(`a payment must be a positive number of cents, got ${amountCents}`);
  const open = billAmountDue(bill) - store.paidOn(billTxnId);
  if (amountCents > open) throw new Error(`bill ${billTxnId} has ${open} cents open; cannot apply ${amountCents}`);
  const bankAccountId = options.bankAccountId ?? store.listArray('account').find((a) => a.accountType === 'Bank')?.listId;
  if (bankAccountId === undefined || store.list('account', bankAccountId)?.accountType !== 'Bank') throw new Error('no bank account to pay from');
  const payment: BillPaymentCheck = {
    txnId: store.newTxnId(),
    txnNumber: store.newTxnNumber(),
    ...store.stampNew(),
    txnDate: options.date ?? localDate(store.now(), store.company.utcOffset),
    payeeId: bill.vendorId,
    apAccountId: bill.apAccountId,
    bankAccountId,
    applied: [{ txnId: billTxnId, amount: amountCents }],
  };
  if (options.refNumber !== undefined) payment.refNumber = options.refNumber;
  if (options.memo !== undefined) payment.memo = options.memo;
  store.addTxn('BillPaymentCheck', payment);
  return payment;
}

import type { Deposit, DepositLine } from '../model/company-file.ts';
import type { CompanyStore } from '../model/company-store.ts';
import { localDate } from '../model/format-values.ts';

export interface NewDeposit {
  /** ReceivePayment TxnIDs held in Undeposited Funds. */
  paymentTxnIds: string[];
  /** Bank account ListID; default the first Bank account (Checking). */
  depositToAccountId?: string;
  /** YYYY-MM-DD; default today in the company's local time. */
  txnDate?: string;
  memo?: string;
}

/**
 * Make Deposits as a person does it: the chosen payments leave Undeposited Funds for a bank account, one deposit line
 * each. QuickBooks only offers payments that sit in Undeposited Funds and are not deposited yet, and will not date a
 * deposit in the closed period; the same is refused here (throws).
 */
export function depositPaymentsAsUser(store: CompanyStore, deposit: NewDeposit): Deposit {
  if (deposit.paymentTxnIds.length === 0) throw new Error('a deposit needs at least one payment');
  const bankId = deposit.depositToAccountId ?? store.listArray('account').find((a) => a.accountType === 'Bank')?.listId;
  if (bankId === undefined || store.list('account', bankId)?.accountType !== 'Bank') throw new Error('no bank account to deposit to');
  const txnDate = deposit.txnDate ?? localDate(store.now(), store.company.utcOffset);
  const closing = store.company.closingDate;
  if (closing !== undefined && txnDate <= closing) throw new Error(`QuickBooks refused the deposit: ${txnDate} is on or before the closing date ${closing}`);
  const lines: DepositLine[] = deposit.paymentTxnIds.map((id) => {
    const payment = store.txn('ReceivePayment', id);
    if (!payment) throw new Error(`no payment ${id}`);
    if (store.list('account', payment.depositToAccountId)?.specialAccountType !== 'UndepositedFunds')
      throw new Error(`payment ${id} went straight to a bank account; it is not in Undeposited Funds`);
    if (store.linkedTxnIds(id).some((other) => store.txnEntry(other)?.kind === 'Deposit')) throw new Error(`payment ${id} is already deposited`);
    const line: DepositLine = {
      txnLineId: store.newTxnId(),
      paymentTxnId: id,
      entityId: payment.customerId,
      accountId: payment.depositToAccountId,
      amount: payment.totalAmount,
    };
    if (payment.refNumber !== undefined) line.checkNumber = payment.refNumber;
    if (payment.paymentMethod !== undefined) line.paymentMethod = payment.paymentMethod;
    return line;
  });
  const saved: Deposit = { txnId: store.newTxnId(), txnNumber: store.newTxnNumber(), ...store.stampNew(), txnDate, depositToAccountId: bankId, lines };
  if (deposit.memo !== undefined) saved.memo = deposit.memo;
  store.addTxn('Deposit', saved);
  return saved;
}

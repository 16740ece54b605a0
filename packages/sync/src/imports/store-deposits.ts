import type { Prisma } from '@connector/db';
import { depositedPaymentTxnIds, readDepositRet, readText, type DepositRecord, type QbRecord } from '@connector/qbxml';
import { laterQbTime } from './qb-time.ts';
import { RECEIVE_PAYMENT_TXN_TYPE } from './store-receive-payments.ts';

// Deposits of payments received (owner side, issue 21; docs/integration-map.md "Owner invoices"): a payment received
// into Undeposited Funds reaches the bank when someone makes a deposit in QuickBooks (Make Deposits). The job-cost
// refresh reads DepositQuery with its lines; each DepositLineRet with TxnType ReceivePayment names a payment by TxnID
// (qbxml130.xsd DepositLineRet). The deposit's date and TxnID are kept on that payment's qb_transactions row, in
// data.deposit. Procore's payments received have no update (API-CONTRACT.md: list, create, delete), so the date stays
// on our side; it does not mark the payment for a push. No row is kept for the deposit itself: every reader of
// qb_transactions would have to learn to skip it, and the payment rows are all the date is needed on.

/** What a payment received's data.deposit holds once a deposit in QuickBooks includes it. */
export interface StoredPaymentDeposit {
  /** The deposit's TxnID in QuickBooks. */
  txnId: string;
  /** YYYY-MM-DD: the deposit's date (DepositRet TxnDate), the day the money reached the bank account. */
  date: string;
}

/**
 * Keeps the deposits of one DepositQuery page on the payments they deposit: each payment a deposit names gets
 * data.deposit = { txnId, date }; a payment that pointed at the deposit but is no longer on it (taken off, or the
 * deposit voided) loses it. Rewriting the same values again is harmless, so the cursor overlap needs no EditSequence
 * check. A Ret the rules cannot read goes to `unreadable` (audited by the caller). Returns the latest TimeModified seen.
 */
export async function storeDeposits(
  tx: Prisma.TransactionClient,
  companyId: string,
  records: readonly QbRecord[],
  unreadable: (record: QbRecord, error: unknown) => Promise<void>,
): Promise<string | null> {
  const deposits: DepositRecord[] = [];
  for (const record of records) {
    try {
      deposits.push(readDepositRet(record));
    } catch (error) {
      await unreadable(record, error);
    }
  }
  if (deposits.length === 0) return null;
  let latest: string | null = null;
  const links: Array<{ deposit_txn_id: string; payment_txn_id: string; date: string }> = [];
  for (const d of deposits) {
    latest = laterQbTime(latest, d.timeModified);
    for (const paymentTxnId of depositedPaymentTxnIds(d)) links.push({ deposit_txn_id: d.txnId, payment_txn_id: paymentTxnId, date: d.txnDate });
  }
  // Off first: payments that pointed at one of these deposits and are not on it any more.
  await tx.$executeRaw`
    UPDATE qb_transactions t SET data = t.data - 'deposit'
    WHERE t.company_id = ${companyId}::uuid AND t.txn_type = ${RECEIVE_PAYMENT_TXN_TYPE}
      AND t.data->'deposit'->>'txnId' IN (SELECT jsonb_array_elements_text(${JSON.stringify(deposits.map((d) => d.txnId))}::jsonb))
      AND NOT EXISTS (
        SELECT 1 FROM jsonb_to_recordset(${JSON.stringify(links)}::jsonb) AS l(deposit_txn_id text, payment_txn_id text, date text)
        WHERE l.deposit_txn_id = t.data->'deposit'->>'txnId' AND l.payment_txn_id = t.txn_id)`;
  if (links.length > 0) {
    await tx.$executeRaw`
      UPDATE qb_transactions t SET data = jsonb_set(t.data, '{deposit}', jsonb_build_object('txnId', l.deposit_txn_id, 'date', l.date))
      FROM jsonb_to_recordset(${JSON.stringify(links)}::jsonb) AS l(deposit_txn_id text, payment_txn_id text, date text)
      WHERE t.company_id = ${companyId}::uuid AND t.txn_type = ${RECEIVE_PAYMENT_TXN_TYPE} AND t.txn_id = l.payment_txn_id
        AND t.data->'deposit' IS DISTINCT FROM jsonb_build_object('txnId', l.deposit_txn_id, 'date', l.date)`;
  }
  return latest;
}

/**
 * TxnDeletedRet with TxnDelType Deposit: the payments it deposited are back in Undeposited Funds, so their
 * data.deposit is cleared. Other TxnDelTypes are left to the caller's markDeleted.
 */
export async function clearDeletedDeposits(tx: Prisma.TransactionClient, companyId: string, records: readonly QbRecord[]): Promise<void> {
  const ids = records.filter((r) => readText(r, 'TxnDelType') === 'Deposit').flatMap((r) => readText(r, 'TxnID') ?? []);
  if (ids.length === 0) return;
  await tx.$executeRaw`
    UPDATE qb_transactions t SET data = t.data - 'deposit'
    WHERE t.company_id = ${companyId}::uuid AND t.txn_type = ${RECEIVE_PAYMENT_TXN_TYPE}
      AND t.data->'deposit'->>'txnId' IN (SELECT jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`;
}

/** The deposit kept on a payment received's data, or null when QuickBooks has not deposited it (or data is not ours). */
export function readPaymentDeposit(data: unknown): StoredPaymentDeposit | null {
  if (typeof data !== 'object' || data === null) return null;
  const deposit = (data as { deposit?: unknown }).deposit;
  if (typeof deposit !== 'object' || deposit === null) return null;
  const { txnId, date } = deposit as { txnId?: unknown; date?: unknown };
  return typeof txnId === 'string' && typeof date === 'string' ? { txnId, date } : null;
}

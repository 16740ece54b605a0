import type { Prisma } from '@connector/db';
import { readReceivePayment, type QbReceivePayment } from '@connector/mapping';
import type { QbRecord } from '@connector/qbxml';
import { laterQbTime } from './qb-time.ts';

// Payments received (owner side, issue 21): each ReceivePaymentRet QuickBooks returns to the job-cost refresh's
// ReceivePaymentQuery is kept in qb_transactions (txn_type ReceivePayment) like the other imported transactions.
// data keeps the Ret as QuickBooks sent it: the push reads it again with readReceivePayment (@connector/mapping), so
// a damaged row is refused by the same rules that read it the first time, and nothing about the payment is lost.

/** qb_transactions.txn_type of a payment received (qbxml130.xsd TxnDelType ReceivePayment). */
export const RECEIVE_PAYMENT_TXN_TYPE = 'ReceivePayment';

/** What qb_transactions.data holds of a payment received. */
export interface StoredReceivePaymentData {
  /** The customer's name, for the import failures list (payeeName, as on the other transactions). */
  payeeName: string | null;
  /** The ReceivePaymentRet as QuickBooks answered it. */
  record: QbRecord;
  /**
   * Set by the DepositQuery read (store-deposits.ts) once a deposit in QuickBooks includes the payment; kept when the
   * payment itself changes, since the deposit is what says so, not the payment.
   */
  deposit?: { txnId: string; date: string };
}

/**
 * Keeps the payments of one ReceivePaymentQuery page: a new or changed one (EditSequence) is written and marked for
 * the owner payments push (needs_push); one whose EditSequence we hold is left alone (the cursor overlap). A Ret the
 * rules cannot read is handed to `unreadable` (audited by the caller) and the rest of the page is kept. Returns the
 * latest TimeModified seen, for the cursor.
 */
export async function storeReceivePayments(
  tx: Prisma.TransactionClient,
  companyId: string,
  now: Date,
  records: readonly QbRecord[],
  unreadable: (record: QbRecord, error: unknown) => Promise<void>,
): Promise<string | null> {
  const read: Array<{ payment: QbReceivePayment; record: QbRecord }> = [];
  for (const record of records) {
    try {
      read.push({ payment: readReceivePayment(record), record });
    } catch (error) {
      await unreadable(record, error);
    }
  }
  if (read.length === 0) return null;
  let latest: string | null = null;
  const rows = read.map(({ payment: p, record }) => {
    latest = laterQbTime(latest, p.timeModified);
    const data: StoredReceivePaymentData = { payeeName: p.customerName, record };
    return {
      txn_id: p.txnId,
      edit_sequence: p.editSequence,
      txn_date: p.txnDate,
      ref_number: p.refNumber,
      payee_list_id: p.customerListId,
      amount_cents: p.totalAmountCents,
      qb_modified_at: p.timeModified,
      data,
    };
  });
  await tx.$executeRaw`
    INSERT INTO qb_transactions (company_id, txn_type, txn_id, edit_sequence, txn_date, ref_number, payee_list_id, amount_cents, qb_modified_at, data, needs_push, fetched_at)
    SELECT ${companyId}::uuid, ${RECEIVE_PAYMENT_TXN_TYPE}, x.txn_id, x.edit_sequence, x.txn_date, x.ref_number, x.payee_list_id, x.amount_cents, x.qb_modified_at, x.data, true, ${now}
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(txn_id text, edit_sequence text, txn_date text, ref_number text, payee_list_id text, amount_cents bigint, qb_modified_at text, data jsonb)
    ON CONFLICT (company_id, txn_type, txn_id) DO UPDATE SET
      edit_sequence = EXCLUDED.edit_sequence, txn_date = EXCLUDED.txn_date, ref_number = EXCLUDED.ref_number, payee_list_id = EXCLUDED.payee_list_id,
      amount_cents = EXCLUDED.amount_cents, qb_modified_at = EXCLUDED.qb_modified_at,
      data = EXCLUDED.data || jsonb_strip_nulls(jsonb_build_object('deposit', qb_transactions.data->'deposit')), needs_push = true,
      fetched_at = EXCLUDED.fetched_at, deleted_at = NULL
    WHERE qb_transactions.edit_sequence <> EXCLUDED.edit_sequence OR qb_transactions.deleted_at IS NOT NULL`;
  return latest;
}

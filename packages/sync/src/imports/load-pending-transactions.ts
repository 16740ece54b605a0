import { Prisma, type Database } from '@connector/db';
import type { QbBillPayment, QbCostLine, QbCostTransaction } from '@connector/mapping';
import type { AppError } from '../errors/app-error.ts';
import {
  isStoredValueInvalid,
  readQbBillPaymentData,
  readQbCostTxnData,
  type StoredQbBillPaymentValue,
  type StoredQbCostTxnValue,
} from '../stored/read-stored.ts';

export interface PendingTxn {
  /** 0 for cost transactions, 1 for bill payments: payments are pushed after the invoices they pay. */
  order: number;
  txnType: string;
  txnId: string;
  editSequence: string;
  refNumber: string | null;
  txnDate: string;
  deleted: boolean;
  cost: QbCostTransaction | null;
  payment: QbBillPayment | null;
  /**
   * Its qb_transactions.data is damaged (STORED_VALUE_INVALID, naming the row): cost and payment are null, and the push
   * fails this transaction alone with that reason. A deleted one still has what we made from it removed (that reads
   * nothing of data).
   */
  unreadable: AppError | null;
}

interface HeaderRow {
  ord: number;
  txn_type: string;
  txn_id: string;
  edit_sequence: string;
  txn_date: string;
  ref_number: string | null;
  payee_list_id: string | null;
  amount_cents: bigint;
  qb_modified_at: string;
  /** jsonb, checked by readQbTransactionData. */
  data: unknown;
  deleted: boolean;
}

interface LineRow {
  txn_type: string;
  txn_id: string;
  txn_line_id: string;
  line_kind: 'expense' | 'item';
  amount_cents: bigint;
  job_list_id: string | null;
  item_list_id: string | null;
  account_list_id: string | null;
  class_list_id: string | null;
  memo: string | null;
  linked_txn_id: string | null;
  linked_txn_line_id: string | null;
}

/** One page of transactions waiting for a push, rebuilt from our copy in the shapes the import rules read. */
export async function loadPendingTransactions(
  prisma: Database['prisma'],
  companyId: string,
  after: { order: number; txnType: string; txnId: string } | null,
  limit: number,
): Promise<PendingTxn[]> {
  const a = after ?? { order: 0, txnType: '', txnId: '' };
  // Cost transactions first, then bill payments (order 1), each in primary-key order: each page is a range read of
  // the primary key (company_id, txn_type, txn_id) from where the last one stopped, not a sort of every row still
  // waiting (which made a 100,000-line push read the whole backlog once per page).
  const select = (where: Prisma.Sql, take: number) => prisma.$queryRaw<HeaderRow[]>`
    SELECT CASE WHEN txn_type = 'BillPaymentCheck' THEN 1 ELSE 0 END AS ord, txn_type, txn_id, edit_sequence, txn_date, ref_number,
           payee_list_id, amount_cents, qb_modified_at, data, deleted_at IS NOT NULL AS deleted
    FROM qb_transactions WHERE company_id = ${companyId}::uuid AND needs_push AND ${where}
    ORDER BY txn_type, txn_id
    LIMIT ${take}`;
  // Payments received (ReceivePayment) have their own push (push-owner-payments.ts).
  const headers =
    a.order === 0
      ? await select(Prisma.sql`txn_type NOT IN ('BillPaymentCheck', 'ReceivePayment') AND (txn_type, txn_id) > (${a.txnType}, ${a.txnId})`, limit)
      : [];
  if (headers.length < limit) {
    const paymentsAfter = a.order === 1 ? a.txnId : '';
    headers.push(...(await select(Prisma.sql`txn_type = 'BillPaymentCheck' AND txn_id > ${paymentsAfter}`, limit - headers.length)));
  }
  if (headers.length === 0) return [];
  const costKeys = headers.filter((h) => h.ord === 0).map((h) => ({ txn_type: h.txn_type, txn_id: h.txn_id }));
  const lines =
    costKeys.length === 0
      ? []
      : await prisma.$queryRaw<LineRow[]>`
    SELECT l.txn_type, l.txn_id, l.txn_line_id, l.line_kind, l.amount_cents, l.job_list_id, l.item_list_id, l.account_list_id, l.class_list_id,
           l.memo, l.linked_txn_id, l.linked_txn_line_id
    FROM qb_cost_lines l JOIN jsonb_to_recordset(${JSON.stringify(costKeys)}::jsonb) AS k(txn_type text, txn_id text)
      ON l.txn_type = k.txn_type AND l.txn_id = k.txn_id
    WHERE l.company_id = ${companyId}::uuid
    ORDER BY l.txn_type, l.txn_id, l.txn_line_id`;
  const linesByTxn = new Map<string, QbCostLine[]>();
  for (const l of lines) {
    const k = `${l.txn_type}:${l.txn_id}`;
    (linesByTxn.get(k) ?? linesByTxn.set(k, []).get(k)!).push({
      txnLineId: l.txn_line_id,
      lineKind: l.line_kind,
      amountCents: Number(l.amount_cents),
      jobListId: l.job_list_id,
      jobFullName: null,
      itemListId: l.item_list_id,
      itemFullName: null,
      accountListId: l.account_list_id,
      accountFullName: null,
      classListId: l.class_list_id,
      classFullName: null,
      memo: l.memo,
      linkedTxnId: l.linked_txn_id,
      linkedTxnLineId: l.linked_txn_line_id,
    });
  }
  return headers.map((h) => {
    const base = {
      order: h.ord,
      txnType: h.txn_type,
      txnId: h.txn_id,
      editSequence: h.edit_sequence,
      refNumber: h.ref_number,
      txnDate: h.txn_date,
      deleted: h.deleted,
      unreadable: null,
    };
    const row = { txnType: h.txn_type, txnId: h.txn_id, data: h.data };
    const unreadable = (error: unknown): PendingTxn => {
      if (!isStoredValueInvalid(error)) throw error;
      return { ...base, cost: null, payment: null, unreadable: error };
    };
    if (h.ord === 1) {
      let data: StoredQbBillPaymentValue;
      try {
        data = readQbBillPaymentData(row);
      } catch (error) {
        return unreadable(error);
      }
      return {
        ...base,
        cost: null,
        payment: {
          txnId: h.txn_id,
          editSequence: h.edit_sequence,
          txnDate: h.txn_date,
          timeModified: h.qb_modified_at,
          refNumber: h.ref_number,
          payeeListId: h.payee_list_id,
          payeeName: data.payeeName,
          amountCents: Number(h.amount_cents),
          applied: data.applied,
          currency: data.currency,
        },
      };
    }
    let data: StoredQbCostTxnValue;
    try {
      data = readQbCostTxnData(row);
    } catch (error) {
      return unreadable(error);
    }
    return {
      ...base,
      payment: null,
      cost: {
        txnType: h.txn_type as QbCostTransaction['txnType'],
        txnId: h.txn_id,
        editSequence: h.edit_sequence,
        txnDate: h.txn_date,
        timeModified: h.qb_modified_at,
        refNumber: h.ref_number,
        payeeListId: h.payee_list_id,
        payeeName: data.payeeName,
        memo: data.memo,
        amountCents: Number(h.amount_cents),
        headerAmountCents: data.headerAmountCents,
        linkedPurchaseOrderTxnIds: data.linkedPurchaseOrderTxnIds,
        lines: linesByTxn.get(`${h.txn_type}:${h.txn_id}`) ?? [],
        currency: data.currency,
      },
    };
  });
}

import { ForeignCurrencyError, readCostTransaction, type QbCostTxnType } from '@connector/mapping';
import { readText, type QbRecord } from '@connector/qbxml';
import { laterQbTime } from './qb-time.ts';

/** The cost transaction query answers whose records become qb_transactions / qb_cost_lines rows. */
export const COST_TXN_OF_RESPONSE: Readonly<Record<string, QbCostTxnType>> = {
  BillQueryRs: 'Bill',
  CheckQueryRs: 'Check',
  CreditCardChargeQueryRs: 'CreditCardCharge',
};

/** A record the rules could not read: audited as import.record_unreadable, the rest of the page kept. */
export interface UnreadableRecord {
  subjectId: string | undefined;
  message: string;
  /** A typed refusal's code (e.g. FOREIGN_CURRENCY_NO_RATE, @connector/contract exception codes). */
  code?: string;
}

/**
 * One page of Bills, Checks or Credit Card Charges as the rows store-import-responses.ts writes, already encoded as
 * the JSON its statements read (positional arrays, see HEADER_COLUMNS / LINE_COLUMNS). Made where the answer was parsed
 * — the parse worker for large answers — so the event loop neither walks the records nor builds and stringifies the
 * rows (issue 19: a 500-bill page was ~10 ms of mapping and stringifying on the main thread, and its record objects the
 * bulk of the main thread's garbage). Plain data: it crosses from the worker as a few strings.
 */
export interface PreparedCostRows {
  txnType: QbCostTxnType;
  /** Records in the answer, readable or not (what the request's recordsReceived counts). */
  records: number;
  transactions: number;
  lines: number;
  /** The latest TimeModified of the readable transactions (the incremental cursor), or null. */
  latest: string | null;
  headersJson: string;
  linesJson: string;
  unreadable: UnreadableRecord[];
}

/**
 * Column order of a header row in headersJson: [txn_type, txn_id, edit_sequence, txn_date, ref_number, payee_list_id,
 * amount_cents, qb_modified_at, data]. Arrays, not objects: the column names repeated on every row were ~40 % of the
 * bytes, and every byte is stringified here, again by Prisma's raw-parameter serializer, parsed back by it, written to
 * the database socket and parsed by PostgreSQL.
 */
export const HEADER_COLUMNS = [
  'txn_type',
  'txn_id',
  'edit_sequence',
  'txn_date',
  'ref_number',
  'payee_list_id',
  'amount_cents',
  'qb_modified_at',
  'data',
] as const;
/** Column order of a line row in linesJson. */
export const LINE_COLUMNS = [
  'txn_type',
  'txn_id',
  'txn_line_id',
  'line_kind',
  'amount_cents',
  'job_list_id',
  'item_list_id',
  'account_list_id',
  'class_list_id',
  'memo',
  'linked_txn_id',
  'linked_txn_line_id',
] as const;

/** What the audit entry of a record the rules refused says: the record's id, why, and a typed refusal's code. */
export function describeUnreadable(record: QbRecord, error: unknown): UnreadableRecord {
  return {
    subjectId: readText(record, 'TxnID') ?? readText(record, 'ListID'),
    message: error instanceof Error ? error.message : String(error),
    ...(error instanceof ForeignCurrencyError ? { code: error.code } : {}),
  };
}

/** Reads each record of a cost query page (readCostTransaction) into the rows to store. Pure: no I/O. */
export function prepareCostRows(txnType: QbCostTxnType, records: readonly QbRecord[]): PreparedCostRows {
  const headers: unknown[] = [];
  const lines: unknown[] = [];
  const unreadable: UnreadableRecord[] = [];
  let latest: string | null = null;
  for (const record of records) {
    let t;
    try {
      t = readCostTransaction(txnType, record);
    } catch (error) {
      unreadable.push(describeUnreadable(record, error));
      continue;
    }
    latest = laterQbTime(latest, t.timeModified);
    headers.push([
      t.txnType,
      t.txnId,
      t.editSequence,
      t.txnDate,
      t.refNumber,
      t.payeeListId,
      t.amountCents,
      t.timeModified,
      {
        payeeName: t.payeeName,
        memo: t.memo,
        headerAmountCents: t.headerAmountCents,
        linkedPurchaseOrderTxnIds: t.linkedPurchaseOrderTxnIds,
        currency: t.currency ?? null,
      },
    ]);
    for (const l of t.lines) {
      lines.push([
        t.txnType,
        t.txnId,
        l.txnLineId,
        l.lineKind,
        l.amountCents,
        l.jobListId,
        l.itemListId,
        l.accountListId,
        l.classListId,
        l.memo,
        l.linkedTxnId,
        l.linkedTxnLineId,
      ]);
    }
  }
  return {
    txnType,
    records: records.length,
    transactions: headers.length,
    lines: lines.length,
    latest,
    headersJson: JSON.stringify(headers),
    linesJson: JSON.stringify(lines),
    unreadable,
  };
}

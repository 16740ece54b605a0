import { readRecords, readText, type QbRecord } from './qb-record.ts';
import { QbxmlParseError } from './qbxml-parse-error.ts';

/** One DepositLineRet (qbxml130.xsd): money put in the bank, from a payment received or typed on the deposit. */
export interface DepositLine {
  txnLineId: string;
  /**
   * The transaction the line takes out of Undeposited Funds. In a DepositLineRet this is TxnType + TxnID; the
   * PaymentTxnID element exists only in DepositLineAdd/Mod (qbxml130.xsd PaymentLine), not in the Ret.
   */
  txnType: string | null;
  txnId: string | null;
  /** PaymentTxnLineID: the line of that payment, for a payment with several lines (sales receipts); often absent. */
  paymentTxnLineId: string | null;
  entityListId: string | null;
  entityName: string | null;
  /** Amount as QuickBooks wrote it ("1250.00"), or null. */
  amount: string | null;
}

export interface DepositRecord {
  txnId: string;
  editSequence: string;
  /** YYYY-MM-DD: the day the money reached the bank account (Make Deposits' Date). */
  txnDate: string;
  /** Raw TimeModified, verbatim for the incremental cursor. */
  timeModified: string;
  depositToAccountName: string | null;
  depositTotal: string | null;
  memo: string | null;
  /**
   * QuickBooks voids in place: zero amounts and a Memo starting "VOID:" (as for payments received). A voided deposit
   * deposits nothing; its lines are still listed, at 0.00.
   */
  voided: boolean;
  lines: DepositLine[];
}

const VOID_MEMO = /^\s*VOID:/;
const ZERO = /^-?0*(\.0*)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function required(record: QbRecord, element: string, where: string): string {
  const value = readText(record, element)?.trim();
  if (value === undefined || value === '') throw new QbxmlParseError(`${where} has no ${element}, so it cannot be read.`);
  return value;
}

function optional(record: QbRecord, element: string): string | null {
  const value = readText(record, element)?.trim();
  return value === undefined || value === '' ? null : value;
}

/**
 * Reads one DepositRet. Throws QbxmlParseError when TxnID, EditSequence, TxnDate (YYYY-MM-DD) or TimeModified is
 * missing, or a DepositLineRet has no TxnLineID (all present in every DepositRet QuickBooks returns: TxnCore,
 * DepositLineRet/TxnLineID is required by the XSD). Lines come only when the query asked for IncludeLineItems.
 */
export function readDepositRet(record: QbRecord): DepositRecord {
  const txnId = required(record, 'TxnID', 'A DepositRet');
  const where = `DepositRet ${txnId}`;
  const txnDate = required(record, 'TxnDate', where);
  if (!DATE.test(txnDate)) throw new QbxmlParseError(`${where} has TxnDate "${txnDate}", not a YYYY-MM-DD date.`);
  const memo = optional(record, 'Memo');
  const depositTotal = optional(record, 'DepositTotal');
  const lines = readRecords(record, 'DepositLineRet').map((line, index): DepositLine => {
    const entity = readRecords(line, 'EntityRef')[0];
    return {
      txnLineId: required(line, 'TxnLineID', `DepositLineRet ${index + 1} of ${where}`),
      txnType: optional(line, 'TxnType'),
      txnId: optional(line, 'TxnID'),
      paymentTxnLineId: optional(line, 'PaymentTxnLineID'),
      entityListId: optional(entity ?? {}, 'ListID'),
      entityName: optional(entity ?? {}, 'FullName'),
      amount: optional(line, 'Amount'),
    };
  });
  const totalIsZero = depositTotal === null ? lines.every((l) => l.amount === null || ZERO.test(l.amount)) : ZERO.test(depositTotal);
  return {
    txnId,
    editSequence: required(record, 'EditSequence', where),
    txnDate,
    timeModified: required(record, 'TimeModified', where),
    depositToAccountName: optional(readRecords(record, 'DepositToAccountRef')[0] ?? {}, 'FullName'),
    depositTotal,
    memo,
    voided: totalIsZero && memo !== null && VOID_MEMO.test(memo),
    lines,
  };
}

/** The payments received a deposit puts in the bank (TxnType ReceivePayment), each once; none for a voided deposit. */
export function depositedPaymentTxnIds(deposit: DepositRecord): string[] {
  if (deposit.voided) return [];
  const ids = new Set<string>();
  for (const line of deposit.lines) if (line.txnType === 'ReceivePayment' && line.txnId !== null) ids.add(line.txnId);
  return [...ids];
}

// Bill payments (QuickBooks to Procore: "Bill payments applied to bills we exported become Procore contract payments"):
// a BillPaymentCheckRet (qbxml130.xsd) → the check and what it paid on each bill.
import { QbxmlParseError, readRecords, readText, type QbRecord } from '@connector/qbxml';
import { optionalText, readQbCents, readQbRef, requireDate, requireText } from './read-qb-fields.ts';
import { convertCents, readTxnCurrency, requireHomeAmount, toHomeCents, type QbTxnCurrency } from './read-txn-currency.ts';

export interface QbBillPayment {
  txnId: string;
  editSequence: string;
  /** YYYY-MM-DD */
  txnDate: string;
  /** Raw TimeModified, verbatim for the incremental cursor. */
  timeModified: string;
  /** The check number. */
  refNumber: string | null;
  payeeListId: string | null;
  payeeName: string | null;
  /** Amount of the check (0 once voided). */
  amountCents: number;
  /** One entry per bill paid, in order: what this check paid on it (never negative). */
  applied: Array<{ billTxnId: string; amountCents: number }>;
  /**
   * Set when the payment is in a foreign currency (ExchangeRate ≠ 1): amountCents and the applied amounts are then
   * home currency at the payment's own rate (AmountInHomeCurrency), and this keeps the original. Absent/null: home.
   */
  currency?: QbTxnCurrency | null;
}

/**
 * Reads one bill payment. Throws (QbxmlParseError) when TxnID, EditSequence, TxnDate or TimeModified is
 * missing, an AppliedToTxnRet has no TxnID, or an amount is not a number.
 *
 * - The amount paid on a bill is AppliedToTxnRet/Amount (the Ret has no PaymentAmount: that is the Add's
 *   element). QuickBooks reports it as a reduction of the bill, negative; its magnitude is what was paid,
 *   so the sign QuickBooks uses does not matter.
 * - Only applications with TxnType Bill count; one bill listed twice is summed into one entry.
 * - A voided check stays in QuickBooks with Amount 0.00 and its applications at 0.00: it reads as
 *   entries of 0, which tell the caller to remove the payments made from it.
 * - The check's Amount is optional in the XSD; without it, the sum of the applications.
 */
export function readBillPayment(record: QbRecord): QbBillPayment {
  const txnId = requireText(record, 'TxnID', 'BillPaymentCheckRet');
  const where = `BillPaymentCheckRet ${txnId}`;
  const applied: QbBillPayment['applied'] = [];
  for (const application of readRecords(record, 'AppliedToTxnRet')) {
    if (readText(application, 'TxnType') !== 'Bill') continue;
    const billTxnId = requireText(application, 'TxnID', `An AppliedToTxnRet of ${where}`);
    const cents = Math.abs(readQbCents(application, 'Amount', `AppliedToTxnRet ${billTxnId} of ${where}`, 0)!);
    const existing = applied.find((a) => a.billTxnId === billTxnId);
    if (existing) existing.amountCents += cents;
    else applied.push({ billTxnId, amountCents: cents });
  }
  let appliedTotal = 0;
  for (const a of applied) appliedTotal += a.amountCents;
  if (!Number.isSafeInteger(appliedTotal)) throw new QbxmlParseError(`${where} applies more than amounts can be.`);
  const payee = readQbRef(record, 'PayeeEntityRef');
  let amountCents = readQbCents(record, 'Amount', where, appliedTotal)!;
  // A payment in a foreign currency is converted with its own rate: QuickBooks books the difference from the bill's
  // rate as exchange gain or loss, which is not job cost (read-txn-currency.ts).
  const currency = readTxnCurrency(record, 'Amount', 'AmountInHomeCurrency', appliedTotal, where);
  if (currency !== null) {
    const homeApplied = requireHomeAmount(currency, where);
    const converted = toHomeCents(
      applied.map((a) => a.amountCents),
      currency,
    );
    applied.forEach((a, i) => {
      a.amountCents = converted[i]!;
    });
    amountCents =
      amountCents === appliedTotal
        ? homeApplied
        : (readQbCents(record, 'AmountInHomeCurrency', where, null) ?? convertCents(amountCents, currency.exchangeRate!));
  }
  return {
    txnId,
    editSequence: requireText(record, 'EditSequence', where),
    txnDate: requireDate(record, 'TxnDate', where),
    timeModified: requireText(record, 'TimeModified', where),
    refNumber: optionalText(record, 'RefNumber'),
    payeeListId: payee.listId,
    payeeName: payee.fullName,
    amountCents,
    applied,
    currency,
  };
}

// Payments received (QuickBooks to Procore, owner side, issue 21; docs/integration-map.md "Owner invoices"): a
// ReceivePaymentRet (qbxml130.xsd) → the owner's payment and what it paid on each invoice. Same design as bill
// payments (read-bill-payment.ts): read here, turned into Procore payments in build-prime-contract-payments.ts.
import { QbxmlParseError, readRecords, readText, type QbRecord } from '@connector/qbxml';
import { describeCents } from '../format-cents.ts';
import { optionalText, readQbCents, readQbRef, requireDate, requireText } from './read-qb-fields.ts';
import { convertCents, ForeignCurrencyError, readTxnCurrency, requireHomeAmount, toHomeCents, type QbTxnCurrency } from './read-txn-currency.ts';

/** What one payment did to one invoice. */
export interface QbReceivePaymentApplication {
  invoiceTxnId: string;
  /** The invoice's number as QuickBooks lists it on the payment (AppliedToTxnRet RefNumber). */
  invoiceRefNumber: string | null;
  /** Money this payment put on the invoice, never negative, in home currency. 0 once the payment is voided. */
  amountCents: number;
  /**
   * Discount QuickBooks wrote off the invoice with this payment (DiscountAmount), never negative, in home currency.
   * It closes the invoice but is not money received (QuickBooks posts it to DiscountAccountRef, not to the deposit).
   */
  discountCents: number;
}

export interface QbReceivePayment {
  txnId: string;
  editSequence: string;
  /** YYYY-MM-DD: the day the payment was received. */
  txnDate: string;
  /** Raw TimeModified, verbatim for the incremental cursor. */
  timeModified: string;
  /** The customer's check or reference number (Receive Payments "Check #" / "Reference #"), up to 20 characters. */
  refNumber: string | null;
  customerListId: string | null;
  customerName: string | null;
  /** TotalAmount in home currency: the money received (0 once voided). Without TotalAmount, what was applied. */
  totalAmountCents: number;
  /** Received but applied to no invoice: stays on the customer as a credit (UnusedPayment), home currency. */
  unappliedCents: number;
  /** PaymentMethodRef FullName ("Check", "Visa", …), or null. */
  paymentMethodName: string | null;
  memo: string | null;
  /**
   * QuickBooks voids a payment in place: it stays, modified, with TotalAmount 0.00 and Memo "VOID: …" (it is not in
   * TxnDeletedQuery). True only for both together, so a memo typed by hand that starts with "VOID:" on a payment that
   * still has money is not read as a void.
   */
  voided: boolean;
  /** One entry per invoice paid, in order (an invoice listed twice is summed). */
  applied: QbReceivePaymentApplication[];
  /** Applications to anything but an invoice (TxnType other than Invoice), kept so they can be reported, never paid. */
  otherApplications: Array<{ txnId: string; txnType: string; refNumber: string | null; amountCents: number }>;
  /**
   * Set when the payment is in a foreign currency (ExchangeRate ≠ 1): every amount above is then home currency at
   * the payment's own rate, and this keeps the original. Null: home currency.
   */
  currency: QbTxnCurrency | null;
}

/**
 * A foreign-currency payment that came without an exchange rate: no Procore payment is recorded from it (audited
 * FOREIGN_CURRENCY_NO_RATE, as for job costs), rather than its amounts being taken as home currency.
 */
export class ReceivePaymentCurrencyError extends ForeignCurrencyError {
  constructor(where: string, currency: string) {
    super(where, currency);
    this.name = 'ReceivePaymentCurrencyError';
    this.message = `${where} is in ${currency} and QuickBooks sent no exchange rate for it, so what it paid cannot be converted to home currency; no Procore payment is recorded from it rather than one in the wrong currency. Open the payment in QuickBooks and save it with an exchange rate.`;
  }
}

const VOID_MEMO = /^\s*VOID:/;

/**
 * Reads one payment received. Throws (QbxmlParseError) when TxnID, EditSequence, TxnDate or TimeModified is missing,
 * an AppliedToTxnRet has no TxnID, an amount is not a QuickBooks amount, TotalAmount is negative, or the invoices are
 * applied more than the payment's total (QuickBooks refuses such a payment, 3210, so the record cannot be trusted).
 *
 * - The amount paid on an invoice is AppliedToTxnRet/Amount (the Ret has no PaymentAmount: that is the Add's
 *   element), the discount is DiscountAmount beside it. The sign is not relied on: bill payments come back negative
 *   (read-bill-payment.ts), the one published ReceivePaymentRet sample and the simulator show them positive; the
 *   magnitude is what was paid.
 * - Only TxnType Invoice is an invoice paid; the rest go to otherApplications.
 * - A voided payment reads as applications of 0 (QuickBooks zeroes them; if it drops them instead, there are none)
 *   and voided = true, which tells the caller to remove every Procore payment made from it.
 */
export function readReceivePayment(record: QbRecord): QbReceivePayment {
  const txnId = requireText(record, 'TxnID', 'ReceivePaymentRet');
  const where = `ReceivePaymentRet ${txnId}`;
  const applied: QbReceivePaymentApplication[] = [];
  const otherApplications: QbReceivePayment['otherApplications'] = [];
  for (const application of readRecords(record, 'AppliedToTxnRet')) {
    const appliedTxnId = requireText(application, 'TxnID', `An AppliedToTxnRet of ${where}`);
    const at = `AppliedToTxnRet ${appliedTxnId} of ${where}`;
    const amountCents = Math.abs(readQbCents(application, 'Amount', at, 0)!);
    const refNumber = optionalText(application, 'RefNumber');
    const txnType = readText(application, 'TxnType')?.trim() ?? '';
    if (txnType !== 'Invoice') {
      otherApplications.push({ txnId: appliedTxnId, txnType, refNumber, amountCents });
      continue;
    }
    const discountCents = Math.abs(readQbCents(application, 'DiscountAmount', at, 0)!);
    const existing = applied.find((a) => a.invoiceTxnId === appliedTxnId);
    if (existing) {
      existing.amountCents += amountCents;
      existing.discountCents += discountCents;
    } else applied.push({ invoiceTxnId: appliedTxnId, invoiceRefNumber: refNumber, amountCents, discountCents });
  }
  let appliedTotal = 0;
  for (const a of applied) appliedTotal += a.amountCents;
  for (const o of otherApplications) appliedTotal += o.amountCents;
  if (!Number.isSafeInteger(appliedTotal)) throw new QbxmlParseError(`${where} applies more than amounts can be.`);
  let totalAmountCents = readQbCents(record, 'TotalAmount', where, appliedTotal)!;
  if (totalAmountCents < 0) {
    throw new QbxmlParseError(`${where} has TotalAmount ${describeCents(totalAmountCents)}: a payment received cannot be negative.`);
  }
  if (appliedTotal > totalAmountCents) {
    throw new QbxmlParseError(
      `${where} applies ${describeCents(appliedTotal)} to invoices but received only ${describeCents(totalAmountCents)}; QuickBooks does not save such a payment (3210), so it is not read.`,
    );
  }
  const memo = optionalText(record, 'Memo');
  const voided = totalAmountCents === 0 && memo !== null && VOID_MEMO.test(memo);
  if (voided) {
    for (const a of applied) {
      a.amountCents = 0;
      a.discountCents = 0;
    }
  }
  let unappliedCents = totalAmountCents - appliedTotal;

  // A payment in a foreign currency is converted with its own rate (read-txn-currency.ts): the difference from the
  // invoice's rate is QuickBooks' exchange gain or loss, not money received on the owner invoice.
  const currency = readTxnCurrency(record, 'TotalAmount', 'TotalAmountInHomeCurrency', appliedTotal, where);
  if (currency !== null && (totalAmountCents !== 0 || applied.some((a) => a.discountCents !== 0))) {
    let homeApplied: number;
    try {
      homeApplied = requireHomeAmount(currency, where);
    } catch (error) {
      if (error instanceof ForeignCurrencyError) throw new ReceivePaymentCurrencyError(where, currency.name ?? `currency ${currency.listId ?? '?'}`);
      throw error;
    }
    const rate = currency.exchangeRate!;
    const converted = toHomeCents([...applied.map((a) => a.amountCents), ...otherApplications.map((o) => o.amountCents)], currency);
    applied.forEach((a, i) => {
      a.amountCents = converted[i]!;
      a.discountCents = convertCents(a.discountCents, rate);
    });
    otherApplications.forEach((o, i) => {
      o.amountCents = converted[applied.length + i]!;
    });
    const foreignTotal = totalAmountCents;
    totalAmountCents =
      foreignTotal === appliedTotal ? homeApplied : (readQbCents(record, 'TotalAmountInHomeCurrency', where, null) ?? convertCents(foreignTotal, rate));
    unappliedCents = Math.max(0, totalAmountCents - homeApplied);
  }

  const customer = readQbRef(record, 'CustomerRef');
  return {
    txnId,
    editSequence: requireText(record, 'EditSequence', where),
    txnDate: requireDate(record, 'TxnDate', where),
    timeModified: requireText(record, 'TimeModified', where),
    refNumber: optionalText(record, 'RefNumber'),
    customerListId: customer.listId,
    customerName: customer.fullName,
    totalAmountCents,
    unappliedCents,
    paymentMethodName: readQbRef(record, 'PaymentMethodRef').fullName,
    memo,
    voided,
    applied,
    otherApplications,
    currency,
  };
}

// Payments received in QuickBooks on invoices we exported from Procore owner invoices become Procore prime contract
// payments ("Payments Received") on that owner invoice (QuickBooks to Procore, issue 21). Field meaning and what is
// inferred about Procore's API: NewPrimeContractPayment in @connector/procore (resources/prime-contract-payments.ts).
import { formatMoney, type NewPrimeContractPayment, type PrimeContractPaymentMethod } from '@connector/procore';
import { describeCents } from '../format-cents.ts';
import { hashContent } from './hash-content.ts';
import { describeTxnCurrency } from './read-txn-currency.ts';
import type { QbReceivePayment } from './read-receive-payment.ts';

/** The Procore owner invoice behind a QuickBooks invoice the connector created from it. */
export interface OwnerInvoiceForQbInvoice {
  procoreProjectId: number;
  primeContractId: number;
  paymentApplicationId: number;
  /** The owner invoice's `number` in Procore (sent as draw_request_number); null when Procore gave none. */
  paymentApplicationNumber: number | null;
  /** The owner invoice's invoice number (invoice_number on the payment); null when it has none. */
  invoiceNumber: string | null;
}

export interface PrimeContractPaymentContext {
  /**
   * The owner invoice behind a QuickBooks invoice: the progress invoice exported from it, or the invoice of its own
   * that bills the retainage it released (both lead to the same owner invoice). Null for every other invoice.
   */
  ownerInvoiceForInvoice(invoiceTxnId: string): OwnerInvoiceForQbInvoice | null;
}

export interface PrimeContractPaymentToSync {
  procoreProjectId: number;
  primeContractId: number;
  paymentApplicationId: number;
  paymentApplicationNumber: number | null;
  invoiceNumber: string | null;
  /** `qb:ReceivePayment:<TxnID>:<InvoiceTxnID>`: one Procore payment per (payment, QuickBooks invoice). */
  originId: string;
  /** The payment's EditSequence (origin_data). */
  originData: string;
  /** Money this payment put on this invoice, > 0 (a discount is not in it). */
  amountCents: number;
  /** The payment's TxnDate. */
  date: string;
  /** The payment's RefNumber (the owner's check number). */
  checkNumber: string | null;
  paymentMethod: PrimeContractPaymentMethod | null;
  /** What a person should know that the amount does not say (discount, currency, payment spread over invoices). */
  notes: string | null;
  /** Fingerprint without originData: re-send only when it changes. */
  contentHash: string;
}

export type PrimeContractPaymentRemovalReason = 'VOIDED' | 'NOTHING_APPLIED';

/** A Procore payment this QuickBooks payment may have made before and must no longer stand. */
export interface PrimeContractPaymentRemoval {
  procoreProjectId: number;
  primeContractId: number;
  paymentApplicationId: number;
  originId: string;
  reason: PrimeContractPaymentRemovalReason;
}

export type SkippedApplicationCode = 'NOT_FROM_PROCORE' | 'NOT_AN_INVOICE';

/** An application of the payment that becomes no Procore payment, with the reason in words. */
export interface SkippedApplication {
  txnId: string;
  txnType: string;
  refNumber: string | null;
  amountCents: number;
  code: SkippedApplicationCode;
  message: string;
}

export interface PrimeContractPaymentPlan {
  paymentTxnId: string;
  voided: boolean;
  /**
   * Every origin_id this payment can have made starts with this. On a void, or a delete read from TxnDeletedQuery, the
   * caller removes every Procore payment recorded under it — including for invoices QuickBooks no longer lists.
   */
  originIdPrefix: string;
  /** Create (or, when contentHash changed, replace) these. */
  payments: PrimeContractPaymentToSync[];
  /** Remove these if they exist. An invoice taken off the payment altogether yields neither: compare with what was recorded under originIdPrefix. */
  removals: PrimeContractPaymentRemoval[];
  skipped: SkippedApplication[];
  /** Received but applied to no invoice (a credit on the customer): not a Procore payment, reported. */
  unappliedCents: number;
}

/** `qb:ReceivePayment:<TxnID>:` — distinct from bill payments' `qb:BillPaymentCheck:` so the two never collide. */
export function receivePaymentOriginIdPrefix(paymentTxnId: string): string {
  return `qb:ReceivePayment:${paymentTxnId}:`;
}

export function receivePaymentOriginId(paymentTxnId: string, invoiceTxnId: string): string {
  return `${receivePaymentOriginIdPrefix(paymentTxnId)}${invoiceTxnId}`;
}

/**
 * Procore's payment_method from QuickBooks' payment method name. QuickBooks Desktop's payment method types are
 * AmericanExpress, Cash, Check, DebitCard, Discover, ECheck, GiftCard, MasterCard, Other, OtherCreditCard, Visa
 * (qbxml130.xsd PaymentMethodType); ReceivePaymentRet carries only the method's name, so only the names QuickBooks
 * shows for those types are recognised ("American Express", "Other credit card", "E-Check", …). Anything else —
 * Cash, Debit Card, Gift Card, Other, a name of the company's own — has no Procore equivalent and is left unset.
 */
export function procorePaymentMethod(name: string | null): PrimeContractPaymentMethod | null {
  if (name === null) return null;
  const key = name
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
  if (key === 'check' || key === 'cheque') return 'check';
  if (['americanexpress', 'amex', 'discover', 'mastercard', 'visa', 'othercreditcard', 'creditcard'].includes(key)) return 'credit_card';
  if (key === 'echeck') return 'electronic';
  return null;
}

/**
 * One prime contract payment per application of the payment to an invoice the context knows, for the amount applied
 * (a partial payment is what was applied, not the invoice's total; an invoice paid by several payments gets one
 * Procore payment per QuickBooks payment).
 *
 * - A discount (DiscountAmount) is not money received: QuickBooks writes it off the invoice to the discount account,
 *   and no check carries it. Procore's Payments Received is money from the owner, so the discount is left out of the
 *   amount and said in the notes; the owner invoice in Procore keeps that much open, which is the truth about cash.
 *   An application that is only a discount (amount 0) is no payment.
 * - An application to an invoice the connector did not create from a Procore owner invoice (typed in QuickBooks, or
 *   from before the connector) is skipped with the reason; so is one to anything but an invoice.
 * - A voided payment (TotalAmount 0.00, Memo "VOID: …") removes every payment it made (reason VOIDED); an application
 *   of 0 on a payment that stands removes the payment made for that invoice before (NOTHING_APPLIED).
 */
export function buildPrimeContractPayments(payment: QbReceivePayment, ctx: PrimeContractPaymentContext): PrimeContractPaymentPlan {
  const plan: PrimeContractPaymentPlan = {
    paymentTxnId: payment.txnId,
    voided: payment.voided,
    originIdPrefix: receivePaymentOriginIdPrefix(payment.txnId),
    payments: [],
    removals: [],
    skipped: [],
    unappliedCents: payment.unappliedCents,
  };
  const paymentName = payment.refNumber === null ? `QuickBooks payment ${payment.txnId}` : `QuickBooks payment ${payment.refNumber}`;
  for (const other of payment.otherApplications) {
    plan.skipped.push({
      txnId: other.txnId,
      txnType: other.txnType,
      refNumber: other.refNumber,
      amountCents: other.amountCents,
      code: 'NOT_AN_INVOICE',
      message: `${paymentName} applies ${describeCents(other.amountCents)} to a ${other.txnType || 'transaction'} ${other.refNumber ?? other.txnId}, not to an invoice; only invoices come from Procore owner invoices, so no Procore payment is recorded for it.`,
    });
  }
  const invoicesPaid = payment.applied.filter((a) => a.amountCents > 0).length;
  for (const applied of payment.applied) {
    const invoiceName = applied.invoiceRefNumber ?? applied.invoiceTxnId;
    const ownerInvoice = ctx.ownerInvoiceForInvoice(applied.invoiceTxnId);
    if (ownerInvoice === null) {
      // Nothing paid on an invoice that is not ours (a voided payment's zeroed application) is nothing to report.
      if (applied.amountCents === 0) continue;
      plan.skipped.push({
        txnId: applied.invoiceTxnId,
        txnType: 'Invoice',
        refNumber: applied.invoiceRefNumber,
        amountCents: applied.amountCents,
        code: 'NOT_FROM_PROCORE',
        message: `${paymentName} pays ${describeCents(applied.amountCents)} on invoice ${invoiceName}, which the connector did not create from a Procore owner invoice; no Procore payment is recorded for it. Record it in Procore by hand if that invoice belongs to a prime contract.`,
      });
      continue;
    }
    const originId = receivePaymentOriginId(payment.txnId, applied.invoiceTxnId);
    const target = {
      procoreProjectId: ownerInvoice.procoreProjectId,
      primeContractId: ownerInvoice.primeContractId,
      paymentApplicationId: ownerInvoice.paymentApplicationId,
    };
    if (payment.voided || applied.amountCents === 0) {
      plan.removals.push({ ...target, originId, reason: payment.voided ? 'VOIDED' : 'NOTHING_APPLIED' });
      continue;
    }
    const notes: string[] = [];
    if (invoicesPaid > 1) notes.push(`Part of ${paymentName} of ${describeCents(payment.totalAmountCents)}, spread over ${invoicesPaid} invoices.`);
    if (applied.discountCents > 0) {
      notes.push(
        `QuickBooks also took a discount of ${describeCents(applied.discountCents)} on invoice ${invoiceName}; a discount is not money received, so it is not in this amount.`,
      );
    }
    if (payment.currency !== null) notes.push(`Received as ${describeTxnCurrency(payment.currency)}; this amount is in home currency.`);
    const content = {
      ...target,
      paymentApplicationNumber: ownerInvoice.paymentApplicationNumber,
      invoiceNumber: ownerInvoice.invoiceNumber,
      originId,
      amountCents: applied.amountCents,
      date: payment.txnDate,
      checkNumber: payment.refNumber,
      paymentMethod: procorePaymentMethod(payment.paymentMethodName),
      notes: notes.length === 0 ? null : notes.join(' '),
    };
    plan.payments.push({ ...content, originData: payment.editSequence, contentHash: hashContent(content) });
  }
  return plan;
}

/** The `contract_payment` body for one payment (money as Procore's decimal text). */
export function toNewPrimeContractPayment(payment: PrimeContractPaymentToSync): NewPrimeContractPayment {
  const body: NewPrimeContractPayment = {
    contract_id: payment.primeContractId,
    amount: formatMoney(payment.amountCents),
    date: payment.date,
    origin_id: payment.originId,
    origin_data: payment.originData,
  };
  if (payment.paymentApplicationNumber !== null) body.draw_request_number = payment.paymentApplicationNumber;
  if (payment.invoiceNumber !== null) body.invoice_number = payment.invoiceNumber;
  if (payment.checkNumber !== null) body.check_number = payment.checkNumber;
  if (payment.paymentMethod !== null) body.payment_method = payment.paymentMethod;
  if (payment.notes !== null) body.notes = payment.notes;
  return body;
}

// Bill payments applied to bills we know become Procore contract payments ("payments issued") on the
// matching commitment and invoice (QuickBooks to Procore). Field meaning: NewContractPayment in @connector/procore.
import { hashContent } from './hash-content.ts';
import type { QbBillPayment } from './read-bill-payment.ts';

export interface ContractPaymentContext {
  /**
   * The Procore invoice behind a QuickBooks bill: one we exported from a subcontractor invoice, or one we
   * created from a bill entered against a commitment's PO. Null for every other bill.
   */
  invoiceForBill(billTxnId: string): { procoreProjectId: number; commitmentId: number; requisitionId: number | null } | null;
}

export interface ContractPaymentToSync {
  procoreProjectId: number;
  commitmentId: number;
  requisitionId: number | null;
  /** `qb:BillPaymentCheck:<TxnID>:<BillTxnID>`: one Procore payment per (check, bill). */
  originId: string;
  /** The check's EditSequence (origin_data). */
  originData: string;
  /** What this check paid on this bill; 0 for a voided check: delete the payment. */
  amountCents: number;
  /** The check's TxnDate. */
  date: string;
  /** The check's RefNumber. */
  checkNumber: string | null;
  /** Fingerprint without originData: re-send only when it changes. */
  contentHash: string;
}

/**
 * One contract payment per application of the check to a bill the context knows (other bills are not
 * Procore invoices and are skipped). A partial payment is the amount applied, not the bill's total; a bill
 * paid by several checks gets one payment per check.
 *
 * A voided check stays in QuickBooks with Amount 0.00 and its applications at 0.00: it yields entries with
 * amountCents 0, and the caller deletes the Procore payments with those originIds (Procore has no void for
 * payments issued). Likewise a bill removed from a check no longer yields its originId: the caller deletes
 * the payment it made for it before.
 */
export function buildContractPayments(payment: QbBillPayment, ctx: ContractPaymentContext): ContractPaymentToSync[] {
  const out: ContractPaymentToSync[] = [];
  for (const applied of payment.applied) {
    const invoice = ctx.invoiceForBill(applied.billTxnId);
    if (invoice === null) continue;
    const content = {
      procoreProjectId: invoice.procoreProjectId,
      commitmentId: invoice.commitmentId,
      requisitionId: invoice.requisitionId,
      originId: `qb:BillPaymentCheck:${payment.txnId}:${applied.billTxnId}`,
      amountCents: applied.amountCents,
      date: payment.txnDate,
      checkNumber: payment.refNumber,
    };
    out.push({ ...content, originData: payment.editSequence, contentHash: hashContent(content) });
  }
  return out;
}

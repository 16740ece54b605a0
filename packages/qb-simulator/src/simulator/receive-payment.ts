import { handleInvoiceAdd } from '../handlers/invoice-handlers.ts';
import { handleReceivePaymentAdd } from '../handlers/receive-payment-handlers.ts';
import type { RequestContext } from '../handlers/request-context.ts';
import { StatusError } from '../handlers/request-context.ts';
import type { Cents, Invoice, ReceivePayment } from '../model/company-file.ts';
import type { TxnKind } from '../model/company-store.ts';
import { formatAmount, formatDecimal } from '../model/format-values.ts';
import type { XmlNode } from '../xml/xml-node.ts';
import { el } from '../xml/xml-node.ts';

/** What one payment pays on one invoice, and the early-payment discount taken on it. */
export interface PaymentApplication {
  invoiceTxnId: string;
  amountCents: Cents;
  discountCents?: Cents;
  /** Where the discount is posted (required with a discount, as in QuickBooks' Discounts and Credits window). */
  discountAccountId?: string;
}

export interface NewPayment {
  /** The customer or job paying (invoices of its jobs may be paid too). */
  customerId: string;
  /** The invoices paid; empty = a payment left unapplied (a credit on the customer). */
  applied: PaymentApplication[];
  /** Default: what is applied. More leaves the rest unused (UnusedPayment). */
  totalAmountCents?: Cents;
  /** YYYY-MM-DD; default today in the company's local time. */
  txnDate?: string;
  /** The owner's check number. */
  refNumber?: string;
  memo?: string;
  /** PaymentMethodRef FullName, e.g. "Check". */
  paymentMethod?: string;
  /** Default Undeposited Funds. */
  depositToAccountId?: string;
}

export interface NewInvoiceLine {
  itemId?: string;
  desc?: string;
  quantity?: number;
  /** dollars */
  rate?: number;
  amountCents?: Cents;
  classId?: string;
}

export interface NewInvoice {
  customerId: string;
  txnDate?: string;
  refNumber?: string;
  memo?: string;
  arAccountId?: string;
  lines: NewInvoiceLine[];
}

const ref = (name: string, listId: string | undefined): XmlNode[] => (listId === undefined ? [] : [el(name, [el('ListID', listId)])]);
const leaf = (name: string, value: string | undefined): XmlNode[] => (value === undefined ? [] : [el(name, value)]);

/** The ReceivePaymentAdd a person's Receive Payments entry amounts to, in qbxml130.xsd order. */
export function buildReceivePaymentAdd(p: NewPayment): XmlNode {
  const applied = p.applied.map((a) =>
    el('AppliedToTxnAdd', [
      el('TxnID', a.invoiceTxnId),
      el('PaymentAmount', formatAmount(a.amountCents)),
      ...leaf('DiscountAmount', a.discountCents === undefined ? undefined : formatAmount(a.discountCents)),
      ...ref('DiscountAccountRef', a.discountAccountId),
    ]),
  );
  return el('ReceivePaymentAdd', [
    ...ref('CustomerRef', p.customerId),
    ...leaf('TxnDate', p.txnDate),
    ...leaf('RefNumber', p.refNumber),
    ...leaf('TotalAmount', formatAmount(p.totalAmountCents ?? p.applied.reduce((s, a) => s + a.amountCents, 0))),
    ...(p.paymentMethod === undefined ? [] : [el('PaymentMethodRef', [el('FullName', p.paymentMethod)])]),
    ...leaf('Memo', p.memo),
    ...ref('DepositToAccountRef', p.depositToAccountId),
    // qbxml130.xsd: the choice IsAutoApply | AppliedToTxnAdd+ needs one of them; a payment applied to nothing is not auto-applied.
    ...(applied.length > 0 ? applied : [el('IsAutoApply', 'false')]),
  ]);
}

/** The InvoiceAdd a person's Create Invoices entry amounts to, in qbxml130.xsd order. */
export function buildInvoiceAdd(inv: NewInvoice): XmlNode {
  return el('InvoiceAdd', [
    ...ref('CustomerRef', inv.customerId),
    ...ref('ARAccountRef', inv.arAccountId),
    ...leaf('TxnDate', inv.txnDate),
    ...leaf('RefNumber', inv.refNumber),
    ...leaf('Memo', inv.memo),
    ...inv.lines.map((l) =>
      el('InvoiceLineAdd', [
        ...ref('ItemRef', l.itemId),
        ...leaf('Desc', l.desc),
        ...leaf('Quantity', l.quantity === undefined ? undefined : formatDecimal(l.quantity)),
        ...leaf('Rate', l.rate === undefined ? undefined : formatDecimal(l.rate)),
        ...ref('ClassRef', l.classId),
        ...leaf('Amount', l.amountCents === undefined ? undefined : formatAmount(l.amountCents)),
      ]),
    ),
  ]);
}

/** Runs an Add handler as a person at the keyboard (no app restrictions); throws with QuickBooks' status on what it refuses. */
function saveAsUser<K extends TxnKind>(
  ctx: RequestContext,
  kind: K,
  handler: (ctx: RequestContext, rq: XmlNode) => XmlNode,
  rq: XmlNode,
): NonNullable<ReturnType<RequestContext['store']['txn']>> {
  let rs: XmlNode;
  try {
    rs = handler(ctx, rq);
  } catch (error) {
    if (error instanceof StatusError) throw new Error(`QuickBooks refused the ${kind}: ${error.status.code} ${error.status.message}`, { cause: error });
    throw error;
  }
  const txnId = rs.children[0]?.children.find((c) => c.name === 'TxnID')?.text;
  const saved = txnId === undefined ? undefined : ctx.store.txn(kind, txnId);
  if (!saved) throw new Error(`the ${kind} was not saved (status ${rs.attrs.statusCode} ${rs.attrs.statusMessage})`);
  return saved;
}

/** Receive Payments: a payment from the customer, applied to one or several invoices (in part, with a discount) by ReceivePaymentAdd's rules. */
export function receivePaymentAsUser(ctx: RequestContext, payment: NewPayment): ReceivePayment {
  return saveAsUser(ctx, 'ReceivePayment', handleReceivePaymentAdd, el('ReceivePaymentAddRq', [buildReceivePaymentAdd(payment)])) as ReceivePayment;
}

/** Create Invoices: an invoice entered by hand, by InvoiceAdd's rules. */
export function addInvoiceAsUser(ctx: RequestContext, invoice: NewInvoice): Invoice {
  return saveAsUser(ctx, 'Invoice', handleInvoiceAdd, el('InvoiceAddRq', [buildInvoiceAdd(invoice)])) as Invoice;
}

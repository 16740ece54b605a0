import type { AppliedReceipt, Invoice, ReceivePayment } from '../model/company-file.ts';
import { parseAmount, parseBool } from '../model/format-values.ts';
import { STATUS } from '../status/status-codes.ts';
import type { XmlNode } from '../xml/xml-node.ts';
import { childOf, childrenOf, textOf } from '../xml/xml-node.ts';
import { captureExtras } from './build-ret-parts.ts';
import { receivablesAccountId } from './invoice-handlers.ts';
import { queryTxns } from './query-txns.ts';
import { invoiceBalance, renderReceivePaymentRet } from './render-sales-rets.ts';
import type { RequestContext } from './request-context.ts';
import { StatusError, buildResponse, isQbIdShape } from './request-context.ts';
import { resolveOptionalRef, resolveRef } from './resolve-ref.ts';
import { settleTxnCurrency } from './txn-currency.ts';
import { newTxnBase } from './txn-header.ts';
import { requireWriteAccess } from './write-guards.ts';

const HANDLED = new Set([
  'CustomerRef',
  'ARAccountRef',
  'TxnDate',
  'RefNumber',
  'TotalAmount',
  'ExchangeRate',
  'PaymentMethodRef',
  'Memo',
  'DepositToAccountRef',
  'IsAutoApply',
  'AppliedToTxnAdd',
]);

/**
 * Where a payment goes when the request names no account: Undeposited Funds, QuickBooks' default ("Use Undeposited
 * Funds as a default deposit to account", on in a new file), else the first bank account.
 */
function defaultDepositAccountId(ctx: RequestContext): string {
  const accounts = ctx.store.listArray('account');
  return (accounts.find((a) => a.specialAccountType === 'UndepositedFunds') ?? accounts.find((a) => a.accountType === 'Bank'))?.listId ?? '';
}

/**
 * The invoice a payment is applied to: a TxnID of the right shape (3000), an invoice (3120), not open elsewhere (3176),
 * of this customer or one of its jobs (3210).
 */
function payableInvoice(ctx: RequestContext, txnId: string, customerId: string): Invoice {
  if (!isQbIdShape(txnId)) throw new StatusError(STATUS.invalidId(txnId, 'TxnID'));
  const inv = ctx.store.txn('Invoice', txnId);
  if (!inv) throw new StatusError(STATUS.notFound(txnId));
  // Applying a payment changes the invoice: one open in another user's window cannot be locked (as a bill's PO, 3176).
  if (ctx.lockedRecords.has(txnId)) throw new StatusError(STATUS.linkedInUse('ReceivePayment', txnId));
  if (!ctx.store.withDescendants(customerId).has(inv.customerId))
    throw new StatusError(STATUS.invalidValue('TxnID', txnId, 'The transaction is for a different customer.'));
  return inv;
}

function appliedFrom(ctx: RequestContext, node: XmlNode, customerId: string): AppliedReceipt {
  const txnId = textOf(node, 'TxnID') ?? '';
  const inv = payableInvoice(ctx, txnId, customerId);
  const amount = parseAmount(textOf(node, 'PaymentAmount') ?? '0');
  const discount = textOf(node, 'DiscountAmount') === undefined ? 0 : parseAmount(textOf(node, 'DiscountAmount') as string);
  if (amount < 0 || discount < 0)
    throw new StatusError(
      STATUS.invalidValue(
        amount < 0 ? 'PaymentAmount' : 'DiscountAmount',
        formatCents(Math.min(amount, discount)),
        'Amounts applied must be positive or zero.',
      ),
    );
  // QuickBooks applies no more than what is open on the invoice, payment and discount together.
  if (amount + discount > invoiceBalance(ctx, inv))
    throw new StatusError(
      STATUS.invalidValue('PaymentAmount', formatCents(amount), `More than the ${formatCents(invoiceBalance(ctx, inv))} open on the invoice.`),
    );
  const applied: AppliedReceipt = { txnId, amount };
  if (discount > 0) {
    const discountAccountId = resolveOptionalRef(ctx, node, 'DiscountAccountRef', 'account', 'ReceivePayment');
    // The Discounts and Credits window will not take a discount without the account it is posted to.
    if (!discountAccountId) throw new StatusError(STATUS.missingElement('DiscountAccountRef'));
    applied.discountAmount = discount;
    applied.discountAccountId = discountAccountId;
  }
  return applied;
}

function formatCents(cents: number): string {
  return (cents / 100).toFixed(2);
}

/** IsAutoApply: QuickBooks pays the customer's open invoices oldest first until the amount is used up. */
function autoApply(ctx: RequestContext, customerId: string, total: number): AppliedReceipt[] {
  const jobs = ctx.store.withDescendants(customerId);
  const open = ctx.store
    .txnArray('Invoice')
    .filter((inv) => jobs.has(inv.customerId) && invoiceBalance(ctx, inv) > 0)
    .sort((a, b) => (a.txnDate < b.txnDate ? -1 : a.txnDate > b.txnDate ? 1 : a.txnNumber - b.txnNumber));
  const out: AppliedReceipt[] = [];
  let left = total;
  for (const inv of open) {
    if (left <= 0) break;
    const amount = Math.min(left, invoiceBalance(ctx, inv));
    out.push({ txnId: inv.txnId, amount });
    left -= amount;
  }
  return out;
}

/**
 * ReceivePaymentAddRq: a payment from the owner, applied to one or several invoices (AppliedToTxnAdd, each with
 * PaymentAmount and optionally DiscountAmount + DiscountAccountRef) or auto-applied. TotalAmount defaults to the sum
 * applied; more than that stays on the payment as UnusedPayment, less answers 3210. Deposited to Undeposited Funds
 * unless DepositToAccountRef says otherwise. Closed period 3171 (newTxnBase). PaymentMethodRef is kept as sent (the
 * simulator does not model the payment-method list).
 */
export function handleReceivePaymentAdd(ctx: RequestContext, rq: XmlNode): XmlNode {
  requireWriteAccess(ctx);
  const add = childOf(rq, 'ReceivePaymentAdd') as XmlNode;
  const customerId = resolveRef(ctx, childOf(add, 'CustomerRef') as XmlNode, 'customer', 'ReceivePayment');
  const arAccountId = resolveOptionalRef(ctx, add, 'ARAccountRef', 'account', 'ReceivePayment') ?? receivablesAccountId(ctx, customerId);
  const depositToAccountId = resolveOptionalRef(ctx, add, 'DepositToAccountRef', 'account', 'ReceivePayment') ?? defaultDepositAccountId(ctx);
  const totalText = textOf(add, 'TotalAmount');
  const sentTotal = totalText === undefined ? undefined : parseAmount(totalText);
  if (sentTotal !== undefined && sentTotal < 0)
    throw new StatusError(STATUS.invalidValue('TotalAmount', totalText as string, 'A payment must be positive or zero.'));
  const applied =
    parseBool(textOf(add, 'IsAutoApply')) === true
      ? autoApply(ctx, customerId, sentTotal ?? 0)
      : childrenOf(add, 'AppliedToTxnAdd').map((n) => appliedFrom(ctx, n, customerId));
  if (new Set(applied.map((a) => a.txnId)).size !== applied.length)
    throw new StatusError(STATUS.invalidValue('TxnID', applied[0]?.txnId ?? '', 'The same transaction is applied twice.'));
  const appliedTotal = applied.reduce((s, a) => s + a.amount, 0);
  if (sentTotal !== undefined && sentTotal < appliedTotal)
    throw new StatusError(
      STATUS.invalidValue('TotalAmount', totalText as string, `The amounts applied (${formatCents(appliedTotal)}) are more than the payment.`),
    );
  const base = newTxnBase(ctx, add);
  const payment: ReceivePayment = { ...base, customerId, arAccountId, totalAmount: sentTotal ?? appliedTotal, depositToAccountId, applied };
  const method = childOf(add, 'PaymentMethodRef');
  const methodName = textOf(method, 'FullName');
  if (methodName !== undefined) payment.paymentMethod = methodName;
  const extra = captureExtras(ctx, add, 'ReceivePaymentRet', HANDLED, undefined, 'ReceivePayment');
  if (extra) payment.extra = extra;
  settleTxnCurrency(ctx, payment, customerId, add);
  ctx.store.addTxn('ReceivePayment', payment);
  return buildResponse(rq, STATUS.ok(), [renderReceivePaymentRet(ctx, payment)]);
}

/** ReceivePaymentQueryRq (qbxml130.xsd TxnQuery): payments received, QB → Procore; EntityFilter finds a customer's jobs with children. */
export function handleReceivePaymentQuery(ctx: RequestContext, rq: XmlNode): XmlNode {
  return queryTxns(ctx, rq, 'ReceivePayment', (p) => renderReceivePaymentRet(ctx, p), {
    entityIds: (p) => [p.customerId],
    accountIds: (p) => [p.arAccountId, p.depositToAccountId],
  });
}

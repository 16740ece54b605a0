import type { Deposit, DepositLine, Invoice, InvoiceLine, ReceivePayment } from '../model/company-file.ts';
import { formatAmount, formatBool, formatDecimal } from '../model/format-values.ts';
import { orderBySchema } from '../xsd/order-by-schema.ts';
import type { XmlNode } from '../xml/xml-node.ts';
import { el } from '../xml/xml-node.ts';
import { addMissing, addressBlock, opt, pushDefined, refNode } from './build-ret-parts.ts';
import type { RenderOptions } from './render-txn-rets.ts';
import { linkedTxnNodes, sumLines, templateRef, txnCore } from './render-txn-rets.ts';
import type { RequestContext } from './request-context.ts';
import { currencyNodes } from './txn-currency.ts';
import { storedRefId } from './txn-header.ts';
import { invoiceSalesTax, invoiceTotal, salesTaxRate } from '../model/invoice-totals.ts';

/** What the owner still owes: the total (sales tax included) less every payment and discount applied to it. */
export function invoiceBalance(ctx: RequestContext, inv: Invoice): number {
  return invoiceTotal(ctx.store, inv) - ctx.store.paidOn(inv.txnId);
}

function invoiceLineRet(ctx: RequestContext, l: InvoiceLine): XmlNode {
  const c = [el('TxnLineID', l.txnLineId), el('Amount', formatAmount(l.amount))];
  pushDefined(
    c,
    refNode(ctx, 'ItemRef', l.itemId),
    opt('Desc', l.desc),
    opt('Quantity', l.quantity === undefined ? undefined : formatDecimal(l.quantity)),
    opt('Rate', l.rate === undefined ? undefined : formatDecimal(l.rate)),
    refNode(ctx, 'ClassRef', l.classId),
    opt('ServiceDate', l.serviceDate),
    refNode(ctx, 'SalesTaxCodeRef', l.salesTaxCodeId),
  );
  return orderBySchema(el('InvoiceLineRet', c));
}

/**
 * InvoiceRet. Subtotal is the lines; SalesTaxTotal the tax on its taxable lines at the rate of its sales tax item
 * (model/invoice-totals.ts); the total, Subtotal + SalesTaxTotal, is split between AppliedAmount (payments and discounts applied, negative) and BalanceRemaining
 * (4D Payments' QuickBooks Integrator, Invoice class: "the total amount is divided between AppliedAmount and
 * BalanceRemaining"). The sign of AppliedAmount (negative) follows the InvoiceRet samples integrations write by hand
 * (e.g. `<AppliedAmount>-125.00</AppliedAmount>`); no captured QuickBooks answer was found to confirm it. IsPaid when nothing is left
 * on it (a zero or voided invoice too: QuickBooks stamps it paid; InvoiceQuery PaidStatus uses the same rule). Like an estimate, it names its form, says IsToBePrinted / IsToBeEmailed, is due on its date
 * unless its terms say otherwise, and carries the customer's tax code; IsPending and IsFinanceCharge are false unless set.
 */
export function renderInvoiceRet(ctx: RequestContext, inv: Invoice, o: RenderOptions): XmlNode {
  const tax = invoiceSalesTax(ctx.store, inv);
  const applied = ctx.store.paidOn(inv.txnId);
  const balance = sumLines(inv.lines) + tax - applied;
  const c = [
    ...txnCore(ctx, inv),
    el('Subtotal', formatAmount(sumLines(inv.lines))),
    el('SalesTaxPercentage', formatDecimal(salesTaxRate(ctx.store, inv.itemSalesTaxId))),
    el('SalesTaxTotal', formatAmount(tax)),
    el('AppliedAmount', formatAmount(-applied)),
    el('BalanceRemaining', formatAmount(balance)),
    ...currencyNodes(ctx, inv, balance, 'BalanceRemainingInHomeCurrency'),
    el('IsPaid', formatBool(balance <= 0)),
    el('IsPending', formatBool(inv.isPending ?? false)),
  ];
  pushDefined(
    c,
    refNode(ctx, 'CustomerRef', inv.customerId),
    refNode(ctx, 'ClassRef', inv.classId),
    refNode(ctx, 'ARAccountRef', inv.arAccountId),
    refNode(ctx, 'ItemSalesTaxRef', inv.itemSalesTaxId && ctx.store.listEntry(inv.itemSalesTaxId) ? inv.itemSalesTaxId : undefined),
  );
  pushDefined(c, el('DueDate', inv.dueDate ?? inv.txnDate));
  const customerExtra = ctx.store.list('customer', inv.customerId)?.extra;
  const customerTax = storedRefId(customerExtra, 'SalesTaxCodeRef');
  addMissing(
    c,
    templateRef(ctx, 'Invoice'),
    addressBlock(
      'BillAddressBlock',
      c.find((n) => n.name === 'BillAddress'),
    ),
    addressBlock(
      'ShipAddressBlock',
      c.find((n) => n.name === 'ShipAddress'),
    ),
    el('IsFinanceCharge', 'false'),
    el('IsToBePrinted', 'true'),
    el('IsToBeEmailed', 'false'),
    refNode(ctx, 'CustomerSalesTaxCodeRef', customerTax && ctx.store.listEntry(customerTax) ? customerTax : undefined),
  );
  if (o.linkedTxns) c.push(...linkedTxnNodes(ctx, inv));
  if (o.lines) c.push(...inv.lines.map((l) => invoiceLineRet(ctx, l)));
  return orderBySchema(el('InvoiceRet', c));
}

/**
 * ReceivePaymentRet, shaped like one QuickBooks returned (quickbooks-php example, 2013: CustomerRef, ARAccountRef,
 * TxnDate, RefNumber, TotalAmount, PaymentMethodRef, DepositToAccountRef, UnusedPayment, UnusedCredits, then an
 * AppliedToTxnRet per invoice with TxnType Invoice, TxnDate, RefNumber, BalanceRemaining, Amount positive, and a
 * LinkedTxn for each other payment on that invoice). The discount taken on an invoice is DiscountAmount with its
 * DiscountAccountRef. AppliedToTxnRet is returned whether or not IncludeLineItems is sent, as for bill payments.
 */
export function renderReceivePaymentRet(ctx: RequestContext, p: ReceivePayment): XmlNode {
  const appliedTotal = p.applied.reduce((s, a) => s + a.amount, 0);
  const c = [...txnCore(ctx, p), el('TotalAmount', formatAmount(p.totalAmount)), ...currencyNodes(ctx, p, p.totalAmount, 'TotalAmountInHomeCurrency')];
  pushDefined(
    c,
    refNode(ctx, 'CustomerRef', p.customerId),
    refNode(ctx, 'ARAccountRef', p.arAccountId),
    p.paymentMethod === undefined ? undefined : el('PaymentMethodRef', [el('FullName', p.paymentMethod)]),
    refNode(ctx, 'DepositToAccountRef', p.depositToAccountId),
    el('UnusedPayment', formatAmount(p.totalAmount - appliedTotal)),
    el('UnusedCredits', '0.00'),
  );
  for (const a of p.applied) {
    const inv = ctx.store.txn('Invoice', a.txnId);
    const ac = [el('TxnID', a.txnId), el('TxnType', 'Invoice')];
    if (inv) pushDefined(ac, el('TxnDate', inv.txnDate), opt('RefNumber', inv.refNumber), el('BalanceRemaining', formatAmount(invoiceBalance(ctx, inv))));
    ac.push(el('Amount', formatAmount(a.amount)));
    if (a.discountAmount !== undefined && a.discountAmount !== 0) {
      ac.push(el('DiscountAmount', formatAmount(a.discountAmount)));
      pushDefined(ac, refNode(ctx, 'DiscountAccountRef', a.discountAccountId));
    }
    if (inv) ac.push(...linkedTxnNodes(ctx, inv).filter((n) => n.children.find((x) => x.name === 'TxnID')?.text !== p.txnId));
    c.push(orderBySchema(el('AppliedToTxnRet', ac)));
  }
  return orderBySchema(el('ReceivePaymentRet', c));
}

function depositLineRet(ctx: RequestContext, l: DepositLine): XmlNode {
  const c = [el('TxnLineID', l.txnLineId)];
  if (l.paymentTxnId) c.push(el('TxnType', 'ReceivePayment'), el('TxnID', l.paymentTxnId));
  pushDefined(
    c,
    refNode(ctx, 'EntityRef', l.entityId),
    refNode(ctx, 'AccountRef', l.accountId),
    opt('Memo', l.memo),
    opt('CheckNumber', l.checkNumber),
    l.paymentMethod === undefined ? undefined : el('PaymentMethodRef', [el('FullName', l.paymentMethod)]),
    refNode(ctx, 'ClassRef', l.classId),
    el('Amount', formatAmount(l.amount)),
  );
  return el('DepositLineRet', c);
}

/**
 * DepositRet (qbxml130.xsd): the bank account, DepositTotal, and with IncludeLineItems a DepositLineRet per payment
 * taken out of Undeposited Funds (TxnType ReceivePayment, its TxnID, the customer as EntityRef, the check number).
 */
export function renderDepositRet(ctx: RequestContext, d: Deposit, o: RenderOptions): XmlNode {
  const total = sumLines(d.lines);
  const c = [...txnCore(ctx, d), el('DepositTotal', formatAmount(total)), ...currencyNodes(ctx, d, total, 'DepositTotalInHomeCurrency')];
  pushDefined(c, refNode(ctx, 'DepositToAccountRef', d.depositToAccountId));
  if (o.lines) c.push(...d.lines.map((l) => depositLineRet(ctx, l)));
  return orderBySchema(el('DepositRet', c));
}

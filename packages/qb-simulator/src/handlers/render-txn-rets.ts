import type {
  Bill,
  BillPaymentCheck,
  Check,
  CreditCardCharge,
  Estimate,
  ExpenseLine,
  ItemLine,
  PurchaseOrder,
  ReceivePayment,
  TxnBase,
} from '../model/company-file.ts';
import type { AnyTxn } from '../model/company-store.ts';
import { formatAmount, formatBool, formatDecimal } from '../model/format-values.ts';
import { orderBySchema } from '../xsd/order-by-schema.ts';
import type { XmlNode } from '../xml/xml-node.ts';
import { el } from '../xml/xml-node.ts';
import { addMissing, addressBlock, extraNodes, opt, pushDefined, refNode, stampNodes } from './build-ret-parts.ts';
import type { RequestContext } from './request-context.ts';
import { currencyNodes } from './txn-currency.ts';

/** What a query asked to include (IncludeLineItems / IncludeLinkedTxns default false; Add/Mod answers include lines). */
export interface RenderOptions {
  lines: boolean;
  linkedTxns: boolean;
}

export const FULL_RENDER: RenderOptions = { lines: true, linkedTxns: false };

export function txnCore(ctx: RequestContext, t: TxnBase): XmlNode[] {
  const out = [el('TxnID', t.txnId), ...stampNodes(ctx, t), el('TxnNumber', t.txnNumber), el('TxnDate', t.txnDate)];
  pushDefined(out, opt('RefNumber', t.refNumber), opt('Memo', t.memo), ...extraNodes(ctx, t.extra));
  return out;
}

export function sumLines(lines: { amount: number }[]): number {
  return lines.reduce((s, l) => s + l.amount, 0);
}

export function expenseLineRet(ctx: RequestContext, l: ExpenseLine): XmlNode {
  const c = [el('TxnLineID', l.txnLineId), el('Amount', formatAmount(l.amount))];
  pushDefined(
    c,
    refNode(ctx, 'AccountRef', l.accountId),
    opt('Memo', l.memo),
    refNode(ctx, 'CustomerRef', l.customerId),
    refNode(ctx, 'ClassRef', l.classId),
    opt('BillableStatus', l.billableStatus),
  );
  return el('ExpenseLineRet', c);
}

export function itemLineRet(ctx: RequestContext, l: ItemLine): XmlNode {
  const c = [el('TxnLineID', l.txnLineId), el('Amount', formatAmount(l.amount))];
  pushDefined(
    c,
    refNode(ctx, 'ItemRef', l.itemId),
    opt('Desc', l.desc),
    opt('Quantity', l.quantity === undefined ? undefined : formatDecimal(l.quantity)),
    opt('Cost', l.cost === undefined ? undefined : formatDecimal(l.cost)),
    refNode(ctx, 'CustomerRef', l.customerId),
    refNode(ctx, 'ClassRef', l.classId),
    opt('BillableStatus', l.billableStatus),
  );
  return el('ItemLineRet', c);
}

/** LinkedTxn (qbxml130.xsd): PO<->Bill links are quantity links, payments amount links. */
export function linkedTxnNodes(ctx: RequestContext, self: AnyTxn): XmlNode[] {
  const out: XmlNode[] = [];
  for (const otherId of ctx.store.linkedTxnIds(self.txnId)) {
    const other = ctx.store.txnEntry(otherId);
    if (!other) continue;
    let amount = 0;
    let linkType = 'QUANTYPE';
    if (other.kind === 'BillPaymentCheck' || other.kind === 'ReceivePayment') {
      // A payment on a bill or an invoice: an amount link, negative (a real ReceivePaymentRet, quoted in
      // render-sales-rets.ts, shows an invoice's earlier payment as ReceivePayment, AMTTYPE, -100.00).
      linkType = 'AMTTYPE';
      amount = -(other.rec as BillPaymentCheck | ReceivePayment).applied.filter((a) => a.txnId === self.txnId).reduce((s, a) => s + a.amount, 0);
    } else if (other.kind === 'Bill') {
      amount = sumLines((other.rec as Bill).itemLines.filter((l) => l.linkedTxnId === self.txnId));
    } else if ('itemLines' in self) {
      amount = sumLines((self as Bill).itemLines.filter((l) => l.linkedTxnId === otherId));
    }
    const c = [el('TxnID', otherId), el('TxnType', other.kind), el('TxnDate', other.rec.txnDate), el('LinkType', linkType), el('Amount', formatAmount(amount))];
    pushDefined(c, opt('RefNumber', other.rec.refNumber));
    out.push(el('LinkedTxn', c));
  }
  return out;
}

export function billAmountDue(b: Bill): number {
  return sumLines(b.expenseLines) + sumLines(b.itemLines);
}

/** BillRet: AmountDue, OpenAmount and IsPaid follow the bill payments applied to it. */
export function renderBillRet(ctx: RequestContext, b: Bill, o: RenderOptions): XmlNode {
  const due = billAmountDue(b);
  const open = due - ctx.store.paidOn(b.txnId);
  const c = [
    ...txnCore(ctx, b),
    el('AmountDue', formatAmount(due)),
    ...currencyNodes(ctx, b, due, 'AmountDueInHomeCurrency'),
    el('OpenAmount', formatAmount(open)),
    el('IsPaid', formatBool(open <= 0 && due > 0)),
  ];
  pushDefined(c, refNode(ctx, 'VendorRef', b.vendorId), refNode(ctx, 'APAccountRef', b.apAccountId), opt('DueDate', b.dueDate));
  if (o.linkedTxns) c.push(...linkedTxnNodes(ctx, b));
  if (o.lines) c.push(...b.expenseLines.map((l) => expenseLineRet(ctx, l)), ...b.itemLines.map((l) => itemLineRet(ctx, l)));
  return orderBySchema(el('BillRet', c));
}

export function isPurchaseOrderReceived(p: PurchaseOrder): boolean {
  return p.lines.length > 0 && p.lines.every((l) => l.isManuallyClosed || (l.receivedQuantity ?? 0) >= (l.quantity ?? 1));
}

/** The company's default form for a transaction type (TemplateRef: QuickBooks always names the form it prints with). */
export function templateRef(ctx: RequestContext, templateType: string): XmlNode | undefined {
  return refNode(ctx, 'TemplateRef', ctx.store.listArray('template').find((t) => t.templateType === templateType && t.isActive)?.listId);
}

/**
 * PurchaseOrderRet. Real answers always carry TemplateRef, DueDate and ExpectedDate (the PO date unless set),
 * IsToBePrinted (a new PO is marked "Print Later") and IsToBeEmailed, and a VendorAddressBlock beside the
 * VendorAddress copied from the vendor.
 */
export function renderPurchaseOrderRet(ctx: RequestContext, p: PurchaseOrder, o: RenderOptions): XmlNode {
  const c = [
    ...txnCore(ctx, p),
    el('TotalAmount', formatAmount(sumLines(p.lines))),
    ...currencyNodes(ctx, p, sumLines(p.lines), 'TotalAmountInHomeCurrency'),
    el('IsManuallyClosed', formatBool(p.isManuallyClosed)),
    el('IsFullyReceived', formatBool(isPurchaseOrderReceived(p))),
  ];
  pushDefined(
    c,
    refNode(ctx, 'VendorRef', p.vendorId),
    refNode(ctx, 'ClassRef', p.classId),
    el('DueDate', p.dueDate ?? p.txnDate),
    el('ExpectedDate', p.expectedDate ?? p.txnDate),
  );
  addMissing(
    c,
    templateRef(ctx, 'PurchaseOrder'),
    addressBlock(
      'VendorAddressBlock',
      c.find((n) => n.name === 'VendorAddress'),
    ),
    addressBlock(
      'ShipAddressBlock',
      c.find((n) => n.name === 'ShipAddress'),
    ),
    el('IsToBePrinted', 'true'),
    el('IsToBeEmailed', 'false'),
  );
  if (o.linkedTxns) c.push(...linkedTxnNodes(ctx, p));
  if (o.lines) {
    for (const l of p.lines) {
      const lc = [el('TxnLineID', l.txnLineId), el('Amount', formatAmount(l.amount))];
      const received = l.receivedQuantity ?? 0;
      pushDefined(
        lc,
        refNode(ctx, 'ItemRef', l.itemId),
        opt('Desc', l.desc),
        opt('Quantity', l.quantity === undefined ? undefined : formatDecimal(l.quantity)),
        opt('Rate', l.rate === undefined ? undefined : formatDecimal(l.rate)),
        refNode(ctx, 'ClassRef', l.classId),
        refNode(ctx, 'CustomerRef', l.customerId),
        el('ReceivedQuantity', formatDecimal(received)),
        el('UnbilledQuantity', formatDecimal(Math.max(0, (l.quantity ?? 0) - received))),
        el('IsBilled', formatBool(received > 0 && received >= (l.quantity ?? 0))),
        el('IsManuallyClosed', formatBool(l.isManuallyClosed ?? false)),
      );
      c.push(el('PurchaseOrderLineRet', lc));
    }
  }
  return orderBySchema(el('PurchaseOrderRet', c));
}

export function renderEstimateRet(ctx: RequestContext, e: Estimate, o: RenderOptions): XmlNode {
  const total = sumLines(e.lines);
  const c = [...txnCore(ctx, e), el('IsActive', formatBool(e.isActive)), el('Subtotal', formatAmount(total)), el('TotalAmount', formatAmount(total))];
  c.push(...currencyNodes(ctx, e, total, 'TotalAmountInHomeCurrency'));
  pushDefined(c, refNode(ctx, 'CustomerRef', e.customerId), refNode(ctx, 'ClassRef', e.classId), el('DueDate', e.dueDate ?? e.txnDate));
  // A real EstimateRet (consolibyte/quickbooks-php dev/dev_qbwc_tester.php) names its form (TemplateRef "Custom
  // Estimate"), says IsToBeEmailed, is due on its date unless told otherwise, and carries the customer's tax code.
  const customerTax = ctx.store
    .list('customer', e.customerId)
    ?.extra?.find((n) => n.name === 'SalesTaxCodeRef')
    ?.children?.find((n) => n.name === 'ListID')?.text;
  addMissing(
    c,
    templateRef(ctx, 'Estimate'),
    el('IsToBeEmailed', 'false'),
    refNode(ctx, 'CustomerSalesTaxCodeRef', customerTax && ctx.store.listEntry(customerTax) ? customerTax : undefined),
  );
  if (o.linkedTxns) c.push(...linkedTxnNodes(ctx, e));
  if (o.lines) {
    for (const l of e.lines) {
      const lc = [el('TxnLineID', l.txnLineId), el('Amount', formatAmount(l.amount))];
      pushDefined(
        lc,
        refNode(ctx, 'ItemRef', l.itemId),
        opt('Desc', l.desc),
        opt('Quantity', l.quantity === undefined ? undefined : formatDecimal(l.quantity)),
        opt('Rate', l.rate === undefined ? undefined : formatDecimal(l.rate)),
        refNode(ctx, 'ClassRef', l.classId),
        opt('MarkupRate', l.markupRate === undefined ? undefined : formatDecimal(l.markupRate)),
      );
      c.push(el('EstimateLineRet', lc));
    }
  }
  return orderBySchema(el('EstimateRet', c));
}

/** BillPaymentCheckRet: AppliedToTxnRet per bill paid (BalanceRemaining after all payments). */
export function renderBillPaymentCheckRet(ctx: RequestContext, p: BillPaymentCheck): XmlNode {
  const total = p.applied.reduce((s, a) => s + a.amount, 0);
  const c = [
    ...txnCore(ctx, p),
    el('Amount', formatAmount(total)),
    ...currencyNodes(ctx, p, total, 'AmountInHomeCurrency'),
    el('IsToBePrinted', formatBool(p.isToBePrinted ?? false)),
  ];
  pushDefined(c, refNode(ctx, 'PayeeEntityRef', p.payeeId), refNode(ctx, 'APAccountRef', p.apAccountId), refNode(ctx, 'BankAccountRef', p.bankAccountId));
  for (const a of p.applied) {
    const bill = ctx.store.txn('Bill', a.txnId);
    const ac = [el('TxnID', a.txnId), el('TxnType', 'Bill'), el('Amount', formatAmount(-a.amount))];
    if (bill) {
      pushDefined(
        ac,
        el('TxnDate', bill.txnDate),
        opt('RefNumber', bill.refNumber),
        el('BalanceRemaining', formatAmount(billAmountDue(bill) - ctx.store.paidOn(bill.txnId))),
      );
    }
    c.push(el('AppliedToTxnRet', ac));
  }
  return orderBySchema(el('BillPaymentCheckRet', c));
}

function renderSpend(ctx: RequestContext, name: 'CheckRet' | 'CreditCardChargeRet', t: Check | CreditCardCharge, o: RenderOptions): XmlNode {
  const amount = sumLines(t.expenseLines) + sumLines(t.itemLines);
  const c = [...txnCore(ctx, t), el('Amount', formatAmount(amount)), ...currencyNodes(ctx, t, amount, 'AmountInHomeCurrency')];
  pushDefined(c, refNode(ctx, 'AccountRef', t.accountId), refNode(ctx, 'PayeeEntityRef', t.payeeId));
  if (name === 'CheckRet') c.push(el('IsToBePrinted', 'false'));
  if (o.linkedTxns && name === 'CheckRet') c.push(...linkedTxnNodes(ctx, t));
  if (o.lines) c.push(...t.expenseLines.map((l) => expenseLineRet(ctx, l)), ...t.itemLines.map((l) => itemLineRet(ctx, l)));
  return orderBySchema(el(name, c));
}

export const renderCheckRet = (ctx: RequestContext, t: Check, o: RenderOptions): XmlNode => renderSpend(ctx, 'CheckRet', t, o);
export const renderCreditCardChargeRet = (ctx: RequestContext, t: CreditCardCharge, o: RenderOptions): XmlNode => renderSpend(ctx, 'CreditCardChargeRet', t, o);

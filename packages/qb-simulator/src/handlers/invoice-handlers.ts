import type { Account, Invoice, InvoiceLine, StoredNode } from '../model/company-file.ts';
import { parseBool } from '../model/format-values.ts';
import { withDefaults } from '../model/new-record-defaults.ts';
import { STATUS } from '../status/status-codes.ts';
import type { XmlNode } from '../xml/xml-node.ts';
import { childOf, childrenOf, textOf } from '../xml/xml-node.ts';
import { captureExtras } from './build-ret-parts.ts';
import { applyLineMods, lineAmount, optionalNumber } from './parse-txn-lines.ts';
import { queryTxns } from './query-txns.ts';
import { invoiceBalance, renderInvoiceRet } from './render-sales-rets.ts';
import { invoiceTotal } from '../model/invoice-totals.ts';
import { FULL_RENDER } from './render-txn-rets.ts';
import type { RequestContext } from './request-context.ts';
import { StatusError, buildResponse } from './request-context.ts';
import { resolveOptionalRef, resolveRef } from './resolve-ref.ts';
import { entityCurrencyId, homeCurrencyId, settleTxnCurrency } from './txn-currency.ts';
import { modTxnBase, newTxnBase, nextRefNumber, optionalDate, storedRefId, termsDueDate } from './txn-header.ts';
import { findTxnForMod, requireWriteAccess } from './write-guards.ts';

/** Elements the handlers interpret; any other that InvoiceRet declares (PONumber, TermsRef, BillAddress, Other, ExternalGUID …) is kept as sent. */
const HANDLED = new Set([
  'TxnID',
  'EditSequence',
  'CustomerRef',
  'ClassRef',
  'ARAccountRef',
  'TxnDate',
  'RefNumber',
  'DueDate',
  'IsPending',
  'Memo',
  'InvoiceLineAdd',
  'InvoiceLineMod',
  'InvoiceLineGroupAdd',
  'InvoiceLineGroupMod',
  'ExchangeRate',
  'ItemSalesTaxRef',
  'LinkToTxnID',
  'SetCredit',
]);

/**
 * The A/R account an invoice posts to when it names none: the one in the customer's currency (with multi-currency on
 * an A/R account holds one currency, as A/P does — bill-handlers.ts payablesAccountId), else the first A/R account.
 */
export function receivablesAccountId(ctx: RequestContext, customerId: string): string {
  const home = homeCurrencyId(ctx.store.company);
  const currencyId = entityCurrencyId(ctx, customerId);
  const accounts = ctx.store.listArray('account').filter((a) => a.specialAccountType === 'AccountsReceivable' || a.accountType === 'AccountsReceivable');
  const found = accounts.find((a) => (a.currencyId ?? home) === currencyId);
  if (found) return found.listId;
  const currency = currencyId === undefined ? undefined : ctx.store.list('currency', currencyId);
  if (!currency || currencyId === home) return accounts[0]?.listId ?? '';
  const account: Account = {
    listId: ctx.store.newListId(),
    ...ctx.store.stampNew(),
    name: `Accounts Receivable - ${currency.currencyCode}`,
    isActive: true,
    accountType: 'AccountsReceivable',
    currencyId: currency.listId,
  };
  ctx.store.addList('account', account);
  return account.listId;
}

/** What QuickBooks copies onto a sales line from the item: its sales description. */
function itemSalesDesc(extra: StoredNode[] | undefined): string | undefined {
  const both = extra?.find((n) => n.name === 'SalesAndPurchase')?.children?.find((n) => n.name === 'SalesDesc')?.text;
  return both ?? extra?.find((n) => n.name === 'SalesOrPurchase')?.children?.find((n) => n.name === 'Desc')?.text;
}

function setLineFields(ctx: RequestContext, line: InvoiceLine, node: XmlNode, isNew: boolean): void {
  const itemId = resolveOptionalRef(ctx, node, 'ItemRef', 'item', 'Invoice line');
  if (itemId) line.itemId = itemId;
  const desc = textOf(node, 'Desc');
  if (desc !== undefined) line.desc = desc;
  const quantity = optionalNumber(node, 'Quantity');
  if (quantity !== undefined) line.quantity = quantity;
  const rate = optionalNumber(node, 'Rate');
  if (rate !== undefined) line.rate = rate;
  const classId = resolveOptionalRef(ctx, node, 'ClassRef', 'class', 'Invoice line');
  if (classId) line.classId = classId;
  const serviceDate = optionalDate(node, 'ServiceDate');
  if (serviceDate) line.serviceDate = serviceDate;
  const taxCode = resolveOptionalRef(ctx, node, 'SalesTaxCodeRef', 'salesTaxCode', 'Invoice line');
  if (taxCode) line.salesTaxCodeId = taxCode;
  if (isNew || textOf(node, 'Amount') !== undefined || quantity !== undefined || rate !== undefined) {
    line.amount = lineAmount(node, line.quantity, line.rate);
    // Amount and Quantity sent without a Rate: QuickBooks works the rate out (Amount / Quantity).
    if (textOf(node, 'Amount') !== undefined && rate === undefined && line.quantity)
      line.rate = Math.round((line.amount / 100 / line.quantity) * 100_000) / 100_000;
  }
}

function newLine(ctx: RequestContext, node: XmlNode): InvoiceLine {
  const line: InvoiceLine = { txnLineId: ctx.store.newTxnId(), amount: 0 };
  setLineFields(ctx, line, node, true);
  const itemExtra = line.itemId ? ctx.store.list('item', line.itemId)?.extra : undefined;
  if (line.desc === undefined && itemExtra) {
    const desc = itemSalesDesc(itemExtra);
    if (desc) line.desc = desc;
  }
  // The line is taxed as its item is unless the request says otherwise (QuickBooks fills the Tax column from the item).
  const itemTax = storedRefId(itemExtra, 'SalesTaxCodeRef');
  if (line.salesTaxCodeId === undefined && itemTax && ctx.store.list('salesTaxCode', itemTax)) line.salesTaxCodeId = itemTax;
  return line;
}

/**
 * An invoice may hold negative lines (retainage withheld) but not a negative total: QuickBooks' Create Invoices form
 * refuses it, a credit memo is the transaction for money owed to the customer (status-codes.ts cannotSave).
 */
function refuseNegativeTotal(ctx: RequestContext, inv: Pick<Invoice, 'lines' | 'customerId' | 'itemSalesTaxId' | 'extra'>): void {
  if (invoiceTotal(ctx.store, inv) < 0) throw new StatusError(STATUS.cannotSave('Invoice', 'Transactions must be positive or zero.'));
}

/**
 * InvoiceAddRq (an owner invoice, issue 21): CustomerRef is the job; ARAccountRef defaults to Accounts Receivable;
 * the invoice takes the customer's terms (and is due by them) and bill-to address unless it names its own; RefNumber
 * defaults to the next invoice number. Closed period 3171, unknown references 3140, a negative total 3180.
 * InvoiceLineGroupAdd and LinkToTxnID (an estimate) are not simulated: their lines are not added.
 */
export function handleInvoiceAdd(ctx: RequestContext, rq: XmlNode): XmlNode {
  requireWriteAccess(ctx);
  const add = childOf(rq, 'InvoiceAdd') as XmlNode;
  const customerId = resolveRef(ctx, childOf(add, 'CustomerRef') as XmlNode, 'customer', 'Invoice');
  const classId = resolveOptionalRef(ctx, add, 'ClassRef', 'class', 'Invoice');
  const arAccountId = resolveOptionalRef(ctx, add, 'ARAccountRef', 'account', 'Invoice') ?? receivablesAccountId(ctx, customerId);
  const lines = childrenOf(add, 'InvoiceLineAdd').map((l) => newLine(ctx, l));
  const customerExtra = ctx.store.list('customer', customerId)?.extra;
  const customerTaxItem = storedRefId(customerExtra, 'ItemSalesTaxRef');
  const itemSalesTaxId =
    resolveOptionalRef(ctx, add, 'ItemSalesTaxRef', 'item', 'Invoice') ??
    (customerTaxItem && ctx.store.list('item', customerTaxItem) ? customerTaxItem : undefined);
  const sentExtra = captureExtras(ctx, add, 'InvoiceRet', HANDLED, undefined, 'Invoice');
  refuseNegativeTotal(ctx, { lines, customerId, ...(itemSalesTaxId ? { itemSalesTaxId } : {}), ...(sentExtra ? { extra: sentExtra } : {}) });
  const base = newTxnBase(ctx, add, nextRefNumber(ctx.store.txnArray('Invoice')));
  const customerTerms = storedRefId(customerExtra, 'TermsRef');
  const billAddress = customerExtra?.find((n) => n.name === 'BillAddress');
  const extra = withDefaults(sentExtra, [
    ...(customerTerms && ctx.store.listEntry(customerTerms) ? [{ name: 'TermsRef', children: [{ name: 'ListID', text: customerTerms }] }] : []),
    ...(billAddress ? [structuredClone(billAddress)] : []),
  ]);
  const inv: Invoice = {
    ...base,
    customerId,
    arAccountId,
    lines,
    dueDate: optionalDate(add, 'DueDate') ?? termsDueDate(ctx, base.txnDate, storedRefId(extra, 'TermsRef')),
  };
  if (classId) inv.classId = classId;
  if (itemSalesTaxId) inv.itemSalesTaxId = itemSalesTaxId;
  const pending = parseBool(textOf(add, 'IsPending'));
  if (pending !== undefined) inv.isPending = pending;
  if (extra) inv.extra = extra;
  settleTxnCurrency(ctx, inv, customerId, add);
  ctx.store.addTxn('Invoice', inv);
  return buildResponse(rq, STATUS.ok(), [renderInvoiceRet(ctx, inv, FULL_RENDER)]);
}

/**
 * InvoiceModRq: EditSequence checked (3200), lines by TxnLineID ("-1" adds, omitted lines are deleted, as for every
 * transaction Mod: parse-txn-lines.ts applyLineMods). Nothing is changed when the request is refused: the lines are
 * edited on copies and the total checked before the invoice is touched.
 */
export function handleInvoiceMod(ctx: RequestContext, rq: XmlNode): XmlNode {
  requireWriteAccess(ctx);
  const mod = childOf(rq, 'InvoiceMod') as XmlNode;
  const inv = findTxnForMod(ctx, 'Invoice', mod, 'Invoice') as Invoice;
  const customerId = resolveOptionalRef(ctx, mod, 'CustomerRef', 'customer', 'Invoice');
  const classId = resolveOptionalRef(ctx, mod, 'ClassRef', 'class', 'Invoice');
  const arAccountId = resolveOptionalRef(ctx, mod, 'ARAccountRef', 'account', 'Invoice');
  const lines = applyLineMods(
    inv.lines.map((l) => ({ ...l })),
    childrenOf(mod, 'InvoiceLineMod'),
    (m) => newLine(ctx, m),
    (line, m) => setLineFields(ctx, line, m, false),
  );
  const itemSalesTaxId = resolveOptionalRef(ctx, mod, 'ItemSalesTaxRef', 'item', 'Invoice') ?? inv.itemSalesTaxId;
  const due = optionalDate(mod, 'DueDate');
  const extra = captureExtras(ctx, mod, 'InvoiceRet', HANDLED, inv.extra, 'Invoice');
  refuseNegativeTotal(ctx, {
    lines,
    customerId: customerId ?? inv.customerId,
    ...(itemSalesTaxId ? { itemSalesTaxId } : {}),
    ...(extra ? { extra } : {}),
  });
  modTxnBase(ctx, mod, inv);
  if (customerId) inv.customerId = customerId;
  if (classId) inv.classId = classId;
  if (arAccountId) inv.arAccountId = arAccountId;
  if (itemSalesTaxId) inv.itemSalesTaxId = itemSalesTaxId;
  if (due) inv.dueDate = due;
  const pending = parseBool(textOf(mod, 'IsPending'));
  if (pending !== undefined) inv.isPending = pending;
  inv.lines = lines;
  if (extra) inv.extra = extra;
  ctx.store.touch(inv);
  return buildResponse(rq, STATUS.ok(), [renderInvoiceRet(ctx, inv, FULL_RENDER)]);
}

/** InvoiceQueryRq: TxnID / RefNumber, or the TxnFilter (EntityFilter with children finds a customer's jobs) + PaidStatus. */
export function handleInvoiceQuery(ctx: RequestContext, rq: XmlNode): XmlNode {
  const paid = textOf(rq, 'PaidStatus') ?? 'All';
  const paidFilter =
    paid === 'All'
      ? undefined
      : (inv: Invoice) => {
          const isPaid = invoiceBalance(ctx, inv) <= 0;
          return paid === 'PaidOnly' ? isPaid : !isPaid;
        };
  return queryTxns(
    ctx,
    rq,
    'Invoice',
    (inv, o) => renderInvoiceRet(ctx, inv, o),
    { entityIds: (inv) => [inv.customerId], accountIds: (inv) => [inv.arAccountId] },
    paidFilter,
  );
}

import type { Account, Bill, ItemLine, PurchaseOrder } from '../model/company-file.ts';
import type { QbStatus } from '../status/status-codes.ts';
import { STATUS } from '../status/status-codes.ts';
import type { XmlNode } from '../xml/xml-node.ts';
import { childOf, childrenOf, textOf, textsOf } from '../xml/xml-node.ts';
import { captureExtras } from './build-ret-parts.ts';
import { parseExpenseLine, parseItemLine } from './parse-txn-lines.ts';
import { queryTxns } from './query-txns.ts';
import { FULL_RENDER, billAmountDue, isPurchaseOrderReceived, renderBillRet } from './render-txn-rets.ts';
import type { RequestContext } from './request-context.ts';
import { StatusError, buildResponse, isQbIdShape } from './request-context.ts';
import { resolveOptionalRef, resolveRef } from './resolve-ref.ts';
import { withDefaults } from '../model/new-record-defaults.ts';
import { newTxnBase, optionalDate, storedRefId, termsDueDate } from './txn-header.ts';
import { requireWriteAccess } from './write-guards.ts';
import { entityCurrencyId, homeCurrencyId, settleTxnCurrency } from './txn-currency.ts';

const HANDLED = new Set([
  'VendorRef',
  'APAccountRef',
  'TxnDate',
  'DueDate',
  'RefNumber',
  'Memo',
  'LinkToTxnID',
  'ExpenseLineAdd',
  'ItemLineAdd',
  'ItemGroupLineAdd',
  'ExchangeRate',
]);

/**
 * The A/P account a bill posts to when it names none: the one in the vendor's currency. With multi-currency on, an
 * A/P account holds one currency (Intuit, "Set up and use multicurrency",
 * https://community.intuit.com/articles/1501407-set-up-and-use-multicurrency), and QuickBooks creates
 * "Accounts Payable - CAD" with the first bill in Canadian dollars (documented for QuickBooks Online; assumed the
 * same for Desktop, not checked against an Intuit Desktop page).
 */
function payablesAccountId(ctx: RequestContext, currencyId: string | undefined): string {
  const home = homeCurrencyId(ctx.store.company);
  const accounts = ctx.store.listArray('account').filter((a) => a.specialAccountType === 'AccountsPayable' || a.accountType === 'AccountsPayable');
  const found = accounts.find((a) => (a.currencyId ?? home) === currencyId);
  if (found) return found.listId;
  const currency = currencyId === undefined ? undefined : ctx.store.list('currency', currencyId);
  if (!currency || currencyId === home) return accounts[0]?.listId ?? '';
  const account: Account = {
    listId: ctx.store.newListId(),
    ...ctx.store.stampNew(),
    name: `Accounts Payable - ${currency.currencyCode}`,
    isActive: true,
    accountType: 'AccountsPayable',
    currencyId: currency.listId,
  };
  ctx.store.addList('account', account);
  return account.listId;
}

/** A PO the bill may link to: exists (3120), not in use (3176), same vendor (3210). */
function linkablePo(ctx: RequestContext, txnId: string, vendorId: string): PurchaseOrder {
  if (!isQbIdShape(txnId)) throw new StatusError(STATUS.invalidId(txnId, 'LinkToTxnID'));
  const po = ctx.store.txn('PurchaseOrder', txnId);
  if (!po) throw new StatusError(STATUS.notFound(txnId));
  if (ctx.lockedRecords.has(txnId)) throw new StatusError(STATUS.linkedInUse('Bill', txnId));
  if (po.vendorId !== vendorId) throw new StatusError(STATUS.invalidValue('LinkToTxnID', txnId, 'The transaction is for a different vendor.'));
  return po;
}

/** 570 (Intuit status table): "Unable to link to transaction "X" because it has already been closed." — a warning; the bill is saved unlinked. */
function closedWarning(txnId: string): QbStatus {
  return { code: 570, severity: 'Warn', message: `Unable to link to transaction "${txnId}" because it has already been closed.` };
}

/**
 * BillAddRq. Header LinkToTxnID brings every open line of the PO onto the bill (received in full);
 * ItemLineAdd/LinkToTxn links one PO line. Either way the PO and the bill list each other in
 * LinkedTxn.
 */
export function handleBillAdd(ctx: RequestContext, rq: XmlNode): XmlNode {
  requireWriteAccess(ctx);
  const add = childOf(rq, 'BillAdd') as XmlNode;
  const vendorId = resolveRef(ctx, childOf(add, 'VendorRef') as XmlNode, 'vendor', 'Bill');
  const apAccountId = resolveOptionalRef(ctx, add, 'APAccountRef', 'account', 'Bill') ?? payablesAccountId(ctx, entityCurrencyId(ctx, vendorId));
  const expenseLines = childrenOf(add, 'ExpenseLineAdd').map((l) => parseExpenseLine(ctx, l, 'Bill'));
  const itemLines: ItemLine[] = [];
  const linkedTxnIds: string[] = [];
  let warning: QbStatus | undefined;
  const receipts: (() => void)[] = [];
  for (const txnId of textsOf(add, 'LinkToTxnID')) {
    const po = linkablePo(ctx, txnId, vendorId);
    if (po.isManuallyClosed || isPurchaseOrderReceived(po)) {
      warning ??= closedWarning(txnId);
      continue;
    }
    linkedTxnIds.push(txnId);
    for (const pl of po.lines) {
      const remaining = (pl.quantity ?? 1) - (pl.receivedQuantity ?? 0);
      if (pl.isManuallyClosed || remaining <= 0) continue;
      const line: ItemLine = {
        txnLineId: ctx.store.newTxnId(),
        amount: pl.quantity ? Math.round((pl.amount * remaining) / pl.quantity) : pl.amount,
        linkedTxnId: txnId,
        linkedTxnLineId: pl.txnLineId,
      };
      if (pl.itemId) line.itemId = pl.itemId;
      if (pl.desc !== undefined) line.desc = pl.desc;
      if (pl.quantity !== undefined) line.quantity = remaining;
      if (pl.rate !== undefined) line.cost = pl.rate;
      if (pl.customerId) line.customerId = pl.customerId;
      if (pl.classId) line.classId = pl.classId;
      itemLines.push(line);
      receipts.push(() => {
        pl.receivedQuantity = pl.quantity ?? 1;
      });
    }
  }
  for (const node of childrenOf(add, 'ItemLineAdd')) {
    const link = childOf(node, 'LinkToTxn');
    if (!link) {
      itemLines.push(parseItemLine(ctx, node, 'Bill'));
      continue;
    }
    const txnId = textOf(link, 'TxnID') ?? '';
    const po = linkablePo(ctx, txnId, vendorId);
    const lineId = textOf(link, 'TxnLineID') ?? '';
    const pl = po.lines.find((l) => l.txnLineId === lineId);
    if (!pl) throw new StatusError(STATUS.notFound(lineId));
    if (po.isManuallyClosed || pl.isManuallyClosed) {
      warning ??= closedWarning(txnId);
      itemLines.push(parseItemLine(ctx, node, 'Bill'));
      continue;
    }
    const line = parseItemLine(ctx, node, 'Bill');
    line.linkedTxnId = txnId;
    line.linkedTxnLineId = lineId;
    if (!line.itemId && pl.itemId) line.itemId = pl.itemId;
    if (line.quantity === undefined && pl.quantity !== undefined) line.quantity = Math.max(0, pl.quantity - (pl.receivedQuantity ?? 0));
    if (line.cost === undefined && pl.rate !== undefined) line.cost = pl.rate;
    if (textOf(node, 'Amount') === undefined) line.amount = line.cost !== undefined ? Math.round((line.quantity ?? 1) * line.cost * 100) : pl.amount;
    if (!line.customerId && pl.customerId) line.customerId = pl.customerId;
    if (!line.classId && pl.classId) line.classId = pl.classId;
    itemLines.push(line);
    const qty = line.quantity ?? 0;
    receipts.push(() => {
      pl.receivedQuantity = (pl.receivedQuantity ?? 0) + qty;
    });
  }
  const base = newTxnBase(ctx, add);
  // A bill takes the vendor's terms unless it names its own, and is due by them (QuickBooks' Enter Bills form).
  // It also prints the vendor's address (BillRet VendorAddress), copied when the bill is entered.
  const vendorExtra = ctx.store.list('vendor', vendorId)?.extra;
  const vendorTerms = storedRefId(vendorExtra, 'TermsRef');
  const vendorAddress = vendorExtra?.find((n) => n.name === 'VendorAddress');
  const extra = withDefaults(captureExtras(ctx, add, 'BillRet', HANDLED, undefined, 'Bill'), [
    ...(vendorTerms ? [{ name: 'TermsRef', children: [{ name: 'ListID', text: vendorTerms }] }] : []),
    ...(vendorAddress ? [structuredClone(vendorAddress)] : []),
  ]);
  const bill: Bill = {
    ...base,
    vendorId,
    apAccountId,
    expenseLines,
    itemLines,
    dueDate: optionalDate(add, 'DueDate') ?? termsDueDate(ctx, base.txnDate, storedRefId(extra, 'TermsRef')),
  };
  if (linkedTxnIds.length > 0) bill.linkedTxnIds = linkedTxnIds;
  if (extra) bill.extra = extra;
  settleTxnCurrency(ctx, bill, vendorId, add);
  for (const r of receipts) r();
  for (const poId of new Set(itemLines.map((l) => l.linkedTxnId).filter((x): x is string => x !== undefined))) {
    const po = ctx.store.txn('PurchaseOrder', poId);
    if (po) ctx.store.touch(po);
  }
  ctx.store.addTxn('Bill', bill);
  return buildResponse(rq, warning ?? STATUS.ok(), [renderBillRet(ctx, bill, { ...FULL_RENDER, linkedTxns: true })]);
}

/** BillQueryRq: TxnFilter + PaidStatus (All / PaidOnly / NotPaidOnly). */
export function handleBillQuery(ctx: RequestContext, rq: XmlNode): XmlNode {
  const paid = textOf(rq, 'PaidStatus') ?? 'All';
  const paidFilter =
    paid === 'All'
      ? undefined
      : (b: Bill) => {
          const isPaid = billAmountDue(b) - ctx.store.paidOn(b.txnId) <= 0;
          return paid === 'PaidOnly' ? isPaid : !isPaid;
        };
  return queryTxns(
    ctx,
    rq,
    'Bill',
    (b, o) => renderBillRet(ctx, b, o),
    {
      entityIds: (b) => [b.vendorId],
      accountIds: (b) => [b.apAccountId, ...b.expenseLines.map((l) => l.accountId)],
    },
    paidFilter,
  );
}

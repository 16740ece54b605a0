import type { PurchaseOrder, PurchaseOrderLine } from '../model/company-file.ts';
import { parseBool } from '../model/format-values.ts';
import { STATUS } from '../status/status-codes.ts';
import type { XmlNode } from '../xml/xml-node.ts';
import { childOf, childrenOf, textOf } from '../xml/xml-node.ts';
import { captureExtras } from './build-ret-parts.ts';
import { applyLineMods, lineAmount, optionalNumber } from './parse-txn-lines.ts';
import { queryTxns } from './query-txns.ts';
import { FULL_RENDER, renderPurchaseOrderRet } from './render-txn-rets.ts';
import type { RequestContext } from './request-context.ts';
import { settleTxnCurrency } from './txn-currency.ts';
import { describeCompanyShipTo } from '../model/describe-company-address.ts';
import { itemPurchaseDesc } from '../model/new-record-defaults.ts';
import { buildResponse } from './request-context.ts';
import { resolveOptionalRef } from './resolve-ref.ts';
import { withDefaults } from '../model/new-record-defaults.ts';
import { modTxnBase, newTxnBase, nextRefNumber, optionalDate, storedRefId, termsDueDate } from './txn-header.ts';
import { findTxnForMod, requireWriteAccess } from './write-guards.ts';

const HANDLED = new Set([
  'TxnID',
  'EditSequence',
  'VendorRef',
  'ClassRef',
  'TxnDate',
  'RefNumber',
  'DueDate',
  'ExpectedDate',
  'Memo',
  'IsManuallyClosed',
  'PurchaseOrderLineAdd',
  'PurchaseOrderLineMod',
  'PurchaseOrderLineGroupAdd',
  'PurchaseOrderLineGroupMod',
  'ExchangeRate',
]);

function setLineFields(ctx: RequestContext, line: PurchaseOrderLine, node: XmlNode, isNew: boolean): void {
  const itemId = resolveOptionalRef(ctx, node, 'ItemRef', 'item', 'PurchaseOrder line');
  if (itemId) line.itemId = itemId;
  const desc = textOf(node, 'Desc');
  if (desc !== undefined) line.desc = desc;
  const quantity = optionalNumber(node, 'Quantity');
  if (quantity !== undefined) line.quantity = quantity;
  const rate = optionalNumber(node, 'Rate');
  if (rate !== undefined) line.rate = rate;
  const classId = resolveOptionalRef(ctx, node, 'ClassRef', 'class', 'PurchaseOrder line');
  if (classId) line.classId = classId;
  const customerId = resolveOptionalRef(ctx, node, 'CustomerRef', 'customer', 'PurchaseOrder line');
  if (customerId) line.customerId = customerId;
  const closed = parseBool(textOf(node, 'IsManuallyClosed'));
  if (closed !== undefined) line.isManuallyClosed = closed;
  if (isNew || textOf(node, 'Amount') !== undefined || quantity !== undefined || rate !== undefined) line.amount = lineAmount(node, line.quantity, line.rate);
}

function newLine(ctx: RequestContext, node: XmlNode): PurchaseOrderLine {
  const line: PurchaseOrderLine = { txnLineId: ctx.store.newTxnId(), amount: 0 };
  setLineFields(ctx, line, node, true);
  // A line that names an item and no description gets the item's purchase description, as on QuickBooks' form
  // (the real PurchaseOrderLineRet in test/fixtures/real carries the item's Desc).
  if (line.desc === undefined && line.itemId) {
    const desc = itemPurchaseDesc(ctx.store.list('item', line.itemId)?.extra);
    if (desc) line.desc = desc;
  }
  return line;
}

/** PurchaseOrderAddRq: lines get TxnLineIDs; RefNumber defaults to the next PO number. */
export function handlePurchaseOrderAdd(ctx: RequestContext, rq: XmlNode): XmlNode {
  requireWriteAccess(ctx);
  const add = childOf(rq, 'PurchaseOrderAdd') as XmlNode;
  const vendorId = resolveOptionalRef(ctx, add, 'VendorRef', 'vendor', 'PurchaseOrder');
  const classId = resolveOptionalRef(ctx, add, 'ClassRef', 'class', 'PurchaseOrder');
  const lines = childrenOf(add, 'PurchaseOrderLineAdd').map((l) => newLine(ctx, l));
  const po: PurchaseOrder = { ...newTxnBase(ctx, add, nextRefNumber(ctx.store.txnArray('PurchaseOrder'))), isManuallyClosed: false, lines };
  if (vendorId) po.vendorId = vendorId;
  if (classId) po.classId = classId;
  let extra = captureExtras(ctx, add, 'PurchaseOrderRet', HANDLED, undefined, 'PurchaseOrder');
  // QuickBooks fills the PO's dates (DueDate from its terms) and copies the vendor's address onto it.
  po.dueDate = optionalDate(add, 'DueDate') ?? termsDueDate(ctx, po.txnDate, storedRefId(extra, 'TermsRef'));
  po.expectedDate = optionalDate(add, 'ExpectedDate') ?? po.txnDate;
  const vendorAddress = vendorId ? ctx.store.list('vendor', vendorId)?.extra?.find((n) => n.name === 'VendorAddress') : undefined;
  if (vendorAddress) extra = withDefaults(extra, [structuredClone(vendorAddress)]);
  // Like a real PurchaseOrderRet (test/fixtures/real/purchase_order_query_rs.xml): the vendor's terms unless the PO names
  // its own (due by them), and the company's name and address as the ship-to.
  const vendorTerms = vendorId ? storedRefId(ctx.store.list('vendor', vendorId)?.extra, 'TermsRef') : undefined;
  extra = withDefaults(extra, [
    ...(vendorTerms && ctx.store.listEntry(vendorTerms) ? [{ name: 'TermsRef', children: [{ name: 'ListID', text: vendorTerms }] }] : []),
    describeCompanyShipTo(ctx.store.company),
  ]);
  if (optionalDate(add, 'DueDate') === undefined) po.dueDate = termsDueDate(ctx, po.txnDate, storedRefId(extra, 'TermsRef'));
  if (extra) po.extra = extra;
  settleTxnCurrency(ctx, po, vendorId, add);
  ctx.store.addTxn('PurchaseOrder', po);
  return buildResponse(rq, STATUS.ok(), [renderPurchaseOrderRet(ctx, po, FULL_RENDER)]);
}

/** PurchaseOrderModRq (commitment change orders arrive as new lines: TxnLineID -1). */
export function handlePurchaseOrderMod(ctx: RequestContext, rq: XmlNode): XmlNode {
  requireWriteAccess(ctx);
  const mod = childOf(rq, 'PurchaseOrderMod') as XmlNode;
  const po = findTxnForMod(ctx, 'PurchaseOrder', mod, 'PurchaseOrder') as PurchaseOrder;
  const vendorId = resolveOptionalRef(ctx, mod, 'VendorRef', 'vendor', 'PurchaseOrder');
  const classId = resolveOptionalRef(ctx, mod, 'ClassRef', 'class', 'PurchaseOrder');
  const lines = applyLineMods(
    po.lines,
    childrenOf(mod, 'PurchaseOrderLineMod'),
    (m) => newLine(ctx, m),
    (line, m) => setLineFields(ctx, line, m, false),
  );
  const extra = captureExtras(ctx, mod, 'PurchaseOrderRet', HANDLED, po.extra, 'PurchaseOrder');
  modTxnBase(ctx, mod, po);
  if (vendorId) po.vendorId = vendorId;
  if (classId) po.classId = classId;
  const due = optionalDate(mod, 'DueDate');
  if (due) po.dueDate = due;
  const expected = optionalDate(mod, 'ExpectedDate');
  if (expected) po.expectedDate = expected;
  const closed = parseBool(textOf(mod, 'IsManuallyClosed'));
  if (closed !== undefined) po.isManuallyClosed = closed;
  po.lines = lines;
  if (extra) po.extra = extra;
  ctx.store.touch(po);
  return buildResponse(rq, STATUS.ok(), [renderPurchaseOrderRet(ctx, po, FULL_RENDER)]);
}

export function handlePurchaseOrderQuery(ctx: RequestContext, rq: XmlNode): XmlNode {
  return queryTxns(ctx, rq, 'PurchaseOrder', (p, o) => renderPurchaseOrderRet(ctx, p, o), { entityIds: (p) => [p.vendorId] });
}

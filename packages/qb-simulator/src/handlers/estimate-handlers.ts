import type { Estimate, EstimateLine } from '../model/company-file.ts';
import { parseBool } from '../model/format-values.ts';
import { STATUS } from '../status/status-codes.ts';
import type { XmlNode } from '../xml/xml-node.ts';
import { childOf, childrenOf, textOf } from '../xml/xml-node.ts';
import { captureExtras } from './build-ret-parts.ts';
import { applyLineMods, lineAmount, optionalNumber } from './parse-txn-lines.ts';
import { queryTxns } from './query-txns.ts';
import { FULL_RENDER, renderEstimateRet } from './render-txn-rets.ts';
import type { RequestContext } from './request-context.ts';
import { settleTxnCurrency } from './txn-currency.ts';
import { buildResponse } from './request-context.ts';
import { resolveOptionalRef, resolveRef } from './resolve-ref.ts';
import { modTxnBase, newTxnBase, nextRefNumber, optionalDate } from './txn-header.ts';
import { findTxnForMod, requireWriteAccess } from './write-guards.ts';

const HANDLED = new Set([
  'TxnID',
  'EditSequence',
  'CustomerRef',
  'ClassRef',
  'TxnDate',
  'RefNumber',
  'IsActive',
  'DueDate',
  'Memo',
  'EstimateLineAdd',
  'EstimateLineMod',
  'EstimateLineGroupAdd',
  'EstimateLineGroupMod',
  'ExchangeRate',
  'CreateChangeOrder',
]);

function setLineFields(ctx: RequestContext, line: EstimateLine, node: XmlNode, isNew: boolean): void {
  const itemId = resolveOptionalRef(ctx, node, 'ItemRef', 'item', 'Estimate line');
  if (itemId) line.itemId = itemId;
  const desc = textOf(node, 'Desc');
  if (desc !== undefined) line.desc = desc;
  const quantity = optionalNumber(node, 'Quantity');
  if (quantity !== undefined) line.quantity = quantity;
  const rate = optionalNumber(node, 'Rate');
  if (rate !== undefined) line.rate = rate;
  const classId = resolveOptionalRef(ctx, node, 'ClassRef', 'class', 'Estimate line');
  if (classId) line.classId = classId;
  const markup = optionalNumber(node, 'MarkupRate');
  if (markup !== undefined) line.markupRate = markup;
  if (isNew || textOf(node, 'Amount') !== undefined || quantity !== undefined || rate !== undefined) line.amount = lineAmount(node, line.quantity, line.rate);
}

function newLine(ctx: RequestContext, node: XmlNode): EstimateLine {
  const line: EstimateLine = { txnLineId: ctx.store.newTxnId(), amount: 0 };
  setLineFields(ctx, line, node, true);
  return line;
}

/** EstimateAddRq (a Procore budget): CustomerRef is the job. */
export function handleEstimateAdd(ctx: RequestContext, rq: XmlNode): XmlNode {
  requireWriteAccess(ctx);
  const add = childOf(rq, 'EstimateAdd') as XmlNode;
  const customerId = resolveRef(ctx, childOf(add, 'CustomerRef') as XmlNode, 'customer', 'Estimate');
  const classId = resolveOptionalRef(ctx, add, 'ClassRef', 'class', 'Estimate');
  const lines = childrenOf(add, 'EstimateLineAdd').map((l) => newLine(ctx, l));
  const est: Estimate = {
    ...newTxnBase(ctx, add, nextRefNumber(ctx.store.txnArray('Estimate'))),
    customerId,
    isActive: parseBool(textOf(add, 'IsActive')) ?? true,
    lines,
  };
  if (classId) est.classId = classId;
  const due = optionalDate(add, 'DueDate');
  if (due) est.dueDate = due;
  const extra = captureExtras(ctx, add, 'EstimateRet', HANDLED, undefined, 'Estimate');
  if (extra) est.extra = extra;
  settleTxnCurrency(ctx, est, customerId, add);
  ctx.store.addTxn('Estimate', est);
  return buildResponse(rq, STATUS.ok(), [renderEstimateRet(ctx, est, FULL_RENDER)]);
}

/** EstimateModRq: same line Mod semantics as PurchaseOrderMod. */
export function handleEstimateMod(ctx: RequestContext, rq: XmlNode): XmlNode {
  requireWriteAccess(ctx);
  const mod = childOf(rq, 'EstimateMod') as XmlNode;
  const est = findTxnForMod(ctx, 'Estimate', mod, 'Estimate') as Estimate;
  const customerId = resolveOptionalRef(ctx, mod, 'CustomerRef', 'customer', 'Estimate');
  const classId = resolveOptionalRef(ctx, mod, 'ClassRef', 'class', 'Estimate');
  const lines = applyLineMods(
    est.lines,
    childrenOf(mod, 'EstimateLineMod'),
    (m) => newLine(ctx, m),
    (line, m) => setLineFields(ctx, line, m, false),
  );
  const extra = captureExtras(ctx, mod, 'EstimateRet', HANDLED, est.extra, 'Estimate');
  modTxnBase(ctx, mod, est);
  if (customerId) est.customerId = customerId;
  if (classId) est.classId = classId;
  const active = parseBool(textOf(mod, 'IsActive'));
  if (active !== undefined) est.isActive = active;
  const due = optionalDate(mod, 'DueDate');
  if (due) est.dueDate = due;
  est.lines = lines;
  if (extra) est.extra = extra;
  ctx.store.touch(est);
  return buildResponse(rq, STATUS.ok(), [renderEstimateRet(ctx, est, FULL_RENDER)]);
}

export function handleEstimateQuery(ctx: RequestContext, rq: XmlNode): XmlNode {
  return queryTxns(ctx, rq, 'Estimate', (e, o) => renderEstimateRet(ctx, e, o), { entityIds: (e) => [e.customerId] });
}

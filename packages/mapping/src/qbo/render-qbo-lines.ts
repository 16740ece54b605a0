// Transaction lines: the Desktop line (item, description, quantity, rate, class, amount, customer:job) re-spelled as
// a QBO line. Purchase side (PO, bill): DetailType ItemBasedExpenseLineDetail with ItemRef, Qty, UnitPrice,
// CustomerRef (the job: the cost lands on it), ClassRef. Sales side (invoice, estimate): SalesItemLineDetail
// with ItemRef, Qty, UnitPrice, ClassRef (Intuit PurchaseOrder / Bill / Invoice / Estimate references).
// Amount is required on every QBO line; the mappers always set it.
//
// A *Mod line with a TxnLineID names a line QuickBooks already has. qbXML keeps a line sent with only its TxnLineID
// unchanged; QBO has no such shorthand: even in a sparse update, a Line array replaces every line (packages/qbo
// qbo-entities.ts; Intuit's sparse-update notes — to confirm on a sandbox that a line sent as { Id } alone is not
// kept as it was), so a kept line is sent back as QBO last showed it, with
// its Id. A line the mapper re-prices (EstimateMod: TxnLineID + Amount) keeps its item, class and description
// and takes the new Amount, without Qty/UnitPrice, which would no longer multiply to it.
import type { ListRef } from '@connector/qbxml';
import { NEW_TXN_LINE_ID } from '@connector/qbxml';
import { assertKnownFields, missing, QboRenderError, resolveRef, toQboAmount, toQboDecimal, type QboRefs } from './qbo-rendering.ts';
import type { QboExpenseLine, QboRef, QboSalesLine } from './qbo-payload-types.ts';

/** The Desktop line fields the mappers set, on every transaction kind. */
interface DesktopLine {
  txnLineId?: string;
  itemRef?: ListRef;
  desc?: string;
  quantity?: string | number;
  rate?: string | number;
  classRef?: ListRef;
  amount?: string | number;
  customerRef?: ListRef;
}

const LINE_FIELDS = ['txnLineId', 'itemRef', 'desc', 'quantity', 'rate', 'classRef', 'amount', 'customerRef'];

function amountOf(line: DesktopLine, n: number): number {
  if (line.amount === undefined) throw new QboRenderError(`line ${n} has no amount; a QuickBooks Online line needs one`);
  return toQboAmount(line.amount);
}

/** `itemOfLinkedLine`: a bill line linked to a PO line names no item on Desktop; QBO gets the PO line's. */
export function renderExpenseLine(line: DesktopLine, n: number, refs: QboRefs, itemOfLinkedLine?: QboRef): QboExpenseLine {
  assertKnownFields(line, LINE_FIELDS);
  const item = line.itemRef ? resolveRef(refs, 'Item', line.itemRef, `Line ${n} ItemRef`) : itemOfLinkedLine;
  if (!item) throw new QboRenderError(`line ${n} has no item`);
  const detail: QboExpenseLine['ItemBasedExpenseLineDetail'] = { ItemRef: item };
  if (line.quantity !== undefined) detail.Qty = toQboDecimal(line.quantity);
  if (line.rate !== undefined) detail.UnitPrice = toQboDecimal(line.rate);
  if (line.customerRef) detail.CustomerRef = resolveRef(refs, 'Customer', line.customerRef, `Line ${n} CustomerRef`);
  if (line.classRef) detail.ClassRef = resolveRef(refs, 'Class', line.classRef, `Line ${n} ClassRef`);
  return {
    ...(line.desc === undefined ? {} : { Description: line.desc }),
    Amount: amountOf(line, n),
    DetailType: 'ItemBasedExpenseLineDetail',
    ItemBasedExpenseLineDetail: detail,
  };
}

export function renderSalesLine(line: DesktopLine, n: number, refs: QboRefs): QboSalesLine {
  assertKnownFields(
    line,
    LINE_FIELDS.filter((f) => f !== 'customerRef'),
  );
  if (!line.itemRef) throw new QboRenderError(`line ${n} has no item`);
  const detail: QboSalesLine['SalesItemLineDetail'] = { ItemRef: resolveRef(refs, 'Item', line.itemRef, `Line ${n} ItemRef`) };
  if (line.quantity !== undefined) detail.Qty = toQboDecimal(line.quantity);
  if (line.rate !== undefined) detail.UnitPrice = toQboDecimal(line.rate);
  if (line.classRef) detail.ClassRef = resolveRef(refs, 'Class', line.classRef, `Line ${n} ClassRef`);
  return {
    ...(line.desc === undefined ? {} : { Description: line.desc }),
    Amount: amountOf(line, n),
    DetailType: 'SalesItemLineDetail',
    SalesItemLineDetail: detail,
  };
}

/**
 * Every line of an update, in the Mod's order: new lines (TxnLineID -1) rendered; existing ones taken from the
 * transaction as QBO last showed it (Id kept), re-priced when the Mod gives an amount. A TxnLineID QBO does not
 * show is refused: sending the array without it would delete a line someone may have changed.
 */
export function mergeModLines<L extends QboExpenseLine | QboSalesLine>(
  modLines: readonly DesktopLine[],
  current: readonly L[],
  render: (line: DesktopLine, n: number) => L,
  what: string,
): L[] {
  const byId = new Map(current.filter((l) => l.Id !== undefined).map((l) => [l.Id!, l]));
  return modLines.map((line, i) => {
    const n = i + 1;
    if (line.txnLineId === undefined || line.txnLineId === NEW_TXN_LINE_ID) return render(line, n);
    const existing =
      byId.get(line.txnLineId) ??
      missing(
        'Line',
        `Line ${line.txnLineId} of ${what} is not on it in QuickBooks Online any more; sending the lines without it would change what someone entered there. Refresh the transaction from QuickBooks Online, then export again.`,
      );
    assertKnownFields(line, ['txnLineId', 'amount']);
    if (line.amount === undefined) return existing;
    return withAmount(existing, toQboAmount(line.amount));
  });
}

function withAmount<L extends QboExpenseLine | QboSalesLine>(line: L, amount: number): L {
  if (line.DetailType === 'ItemBasedExpenseLineDetail') {
    const { Qty: _q, UnitPrice: _u, ...detail } = line.ItemBasedExpenseLineDetail;
    return { ...line, Amount: amount, ItemBasedExpenseLineDetail: detail };
  }
  const { Qty: _q, UnitPrice: _u, ...detail } = (line as QboSalesLine).SalesItemLineDetail;
  return { ...line, Amount: amount, SalesItemLineDetail: detail };
}

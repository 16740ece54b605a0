import type { ExpenseLine, ItemLine } from '../model/company-file.ts';
import { parseAmount } from '../model/format-values.ts';
import { STATUS } from '../status/status-codes.ts';
import type { XmlNode } from '../xml/xml-node.ts';
import { textOf } from '../xml/xml-node.ts';
import type { RequestContext } from './request-context.ts';
import { StatusError } from './request-context.ts';
import { resolveOptionalRef } from './resolve-ref.ts';

export function optionalNumber(node: XmlNode, name: string): number | undefined {
  const t = textOf(node, name);
  return t === undefined || t === '' ? undefined : Number(t);
}

/** Amount when sent, else Quantity x Rate/Cost (QuickBooks computes the missing one). */
export function lineAmount(node: XmlNode, quantity: number | undefined, price: number | undefined): number {
  const amount = textOf(node, 'Amount');
  if (amount !== undefined && amount !== '') return parseAmount(amount);
  if (price !== undefined) return Math.round((quantity ?? 1) * price * 100);
  return 0;
}

/** ExpenseLineAdd (qbxml130.xsd): AccountRef, Amount, Memo, CustomerRef (job), ClassRef, BillableStatus. */
export function parseExpenseLine(ctx: RequestContext, node: XmlNode, where: string): ExpenseLine {
  const line: ExpenseLine = { txnLineId: ctx.store.newTxnId(), amount: parseAmount(textOf(node, 'Amount') ?? '0') };
  const accountId = resolveOptionalRef(ctx, node, 'AccountRef', 'account', where);
  if (accountId) line.accountId = accountId;
  const memo = textOf(node, 'Memo');
  if (memo !== undefined) line.memo = memo;
  const customerId = resolveOptionalRef(ctx, node, 'CustomerRef', 'customer', where);
  if (customerId) line.customerId = customerId;
  const classId = resolveOptionalRef(ctx, node, 'ClassRef', 'class', where);
  if (classId) line.classId = classId;
  const billable = textOf(node, 'BillableStatus');
  if (billable !== undefined) line.billableStatus = billable;
  return line;
}

/** ItemLineAdd: ItemRef, Desc, Quantity, Cost, Amount, CustomerRef, ClassRef, BillableStatus. */
export function parseItemLine(ctx: RequestContext, node: XmlNode, where: string): ItemLine {
  const quantity = optionalNumber(node, 'Quantity');
  const cost = optionalNumber(node, 'Cost');
  const line: ItemLine = { txnLineId: ctx.store.newTxnId(), amount: lineAmount(node, quantity, cost) };
  const itemId = resolveOptionalRef(ctx, node, 'ItemRef', 'item', where);
  if (itemId) line.itemId = itemId;
  const desc = textOf(node, 'Desc');
  if (desc !== undefined) line.desc = desc;
  if (quantity !== undefined) line.quantity = quantity;
  if (cost !== undefined) line.cost = cost;
  const customerId = resolveOptionalRef(ctx, node, 'CustomerRef', 'customer', where);
  if (customerId) line.customerId = customerId;
  const classId = resolveOptionalRef(ctx, node, 'ClassRef', 'class', where);
  if (classId) line.classId = classId;
  const billable = textOf(node, 'BillableStatus');
  if (billable !== undefined) line.billableStatus = billable;
  return line;
}

/**
 * Line Mod semantics (qbXML "Modifying line items"): when a Mod carries any line, the lines it
 * lists become the transaction's lines — TxnLineID -1 adds a line, an existing TxnLineID is
 * edited in place (only the fields sent change), and lines not listed are deleted. A Mod that
 * carries no line leaves the lines as they are. An unknown TxnLineID answers 3120.
 */
export function applyLineMods<L extends { txnLineId: string }>(
  existing: L[],
  mods: XmlNode[],
  create: (mod: XmlNode) => L,
  edit: (line: L, mod: XmlNode) => void,
): L[] {
  if (mods.length === 0) return existing;
  const byId = new Map(existing.map((l) => [l.txnLineId, l]));
  const out: L[] = [];
  for (const mod of mods) {
    const id = textOf(mod, 'TxnLineID') ?? '';
    if (id === '-1') {
      out.push(create(mod));
      continue;
    }
    const line = byId.get(id);
    if (!line) throw new StatusError(STATUS.notFound(id));
    edit(line, mod);
    out.push(line);
  }
  return out;
}

import { handleBillAdd } from '../handlers/bill-handlers.ts';
import type { RequestContext } from '../handlers/request-context.ts';
import { StatusError } from '../handlers/request-context.ts';
import type { Bill, Cents } from '../model/company-file.ts';
import { formatAmount, formatDecimal } from '../model/format-values.ts';
import type { XmlNode } from '../xml/xml-node.ts';
import { el } from '../xml/xml-node.ts';

/** An item line of a bill a person enters in QuickBooks. */
export interface NewBillItemLine {
  /** Item ListID; with `linkToTxn` it defaults to the PO line's item. */
  itemId?: string;
  /** Amount in cents; with `linkToTxn` and no amount, the PO line's (quantity × rate). */
  amountCents?: Cents;
  desc?: string;
  quantity?: number;
  /** Job ListID (CustomerRef); with `linkToTxn` it defaults to the PO line's job. */
  customerId?: string;
  classId?: string;
  /** Receive this PO line on the bill (ItemLineAdd/LinkToTxn: TxnID + TxnLineID). */
  linkToTxn?: { txnId: string; txnLineId: string };
}

export interface NewBillExpenseLine {
  accountId: string;
  amountCents: Cents;
  memo?: string;
  customerId?: string;
  classId?: string;
}

export interface NewBill {
  vendorId: string;
  /** YYYY-MM-DD; default today in the company's local time. */
  txnDate?: string;
  dueDate?: string;
  refNumber?: string;
  memo?: string;
  itemLines?: NewBillItemLine[];
  expenseLines?: NewBillExpenseLine[];
  /** Header LinkToTxnID: bring every open line of these POs onto the bill. */
  linkToPurchaseOrders?: string[];
}

const ref = (name: string, listId: string | undefined): XmlNode[] => (listId === undefined ? [] : [el(name, [el('ListID', listId)])]);
const leaf = (name: string, value: string | undefined): XmlNode[] => (value === undefined ? [] : [el(name, value)]);

/** The BillAdd element a QuickBooks user's entry amounts to, in qbxml130.xsd order. */
export function buildBillAdd(bill: NewBill): XmlNode {
  const expense = (bill.expenseLines ?? []).map((l) =>
    el('ExpenseLineAdd', [
      ...ref('AccountRef', l.accountId),
      el('Amount', formatAmount(l.amountCents)),
      ...leaf('Memo', l.memo),
      ...ref('CustomerRef', l.customerId),
      ...ref('ClassRef', l.classId),
    ]),
  );
  const items = (bill.itemLines ?? []).map((l) =>
    el('ItemLineAdd', [
      ...ref('ItemRef', l.itemId),
      ...(l.linkToTxn ? [el('LinkToTxn', [el('TxnID', l.linkToTxn.txnId), el('TxnLineID', l.linkToTxn.txnLineId)])] : []),
      ...leaf('Desc', l.desc),
      ...leaf('Quantity', l.quantity === undefined ? undefined : formatDecimal(l.quantity)),
      ...leaf('Amount', l.amountCents === undefined ? undefined : formatAmount(l.amountCents)),
      ...ref('CustomerRef', l.customerId),
      ...ref('ClassRef', l.classId),
    ]),
  );
  return el('BillAdd', [
    ...ref('VendorRef', bill.vendorId),
    ...leaf('TxnDate', bill.txnDate),
    ...leaf('DueDate', bill.dueDate),
    ...leaf('RefNumber', bill.refNumber),
    ...leaf('Memo', bill.memo),
    ...(bill.linkToPurchaseOrders ?? []).map((id) => el('LinkToTxnID', id)),
    ...expense,
    ...items,
  ]);
}

/**
 * Enters a bill as a person would in QuickBooks: the same rules as BillAddRq (references checked, PO lines
 * received, LinkedTxn both ways), without the app's restrictions (restricted user, records open elsewhere).
 * Throws on what QuickBooks would refuse; a 570 warning (PO already closed) saves the line unlinked, as QuickBooks does.
 */
export function addBillAsUser(ctx: RequestContext, bill: NewBill): Bill {
  const rq = el('BillAddRq', [buildBillAdd(bill)]);
  let rs: XmlNode;
  try {
    rs = handleBillAdd(ctx, rq);
  } catch (error) {
    if (error instanceof StatusError) throw new Error(`QuickBooks refused the bill: ${error.status.code} ${error.status.message}`, { cause: error });
    throw error;
  }
  const txnId = rs.children[0]?.children.find((c) => c.name === 'TxnID')?.text;
  const saved = txnId === undefined ? undefined : ctx.store.txn('Bill', txnId);
  if (!saved) throw new Error(`the bill was not saved (status ${rs.attrs.statusCode} ${rs.attrs.statusMessage})`);
  return saved;
}

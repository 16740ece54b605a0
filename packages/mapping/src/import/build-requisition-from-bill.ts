// Bills entered in QuickBooks against a PO that came from a Procore commitment become subcontractor
// invoices (requisitions) on that commitment (QuickBooks to Procore). This builds what the invoice should hold; the
// caller creates or updates it in Procore.
import type { CommitmentChangeOrder } from '@connector/procore';
import { changeOrderLineKeyOf } from '../group-change-order-lines.ts';
import { parseChangeOrderLineKey } from '../line-keys.ts';
import { readCents } from '../read-cents.ts';
import type { AttributedLine, AttributedTransaction } from './attribute-cost-transaction.ts';
import { formatDollars } from './format-dollars.ts';
import { hashContent } from './hash-content.ts';
import { splitCents } from './split-cents.ts';

export interface RequisitionItemFromBill {
  /** From a PO line key `commitment-line:<id>` (Procore item_type `contract_item`); null for change-order and unpaired lines. */
  commitmentLineItemId: number | null;
  /** Standard cost code of the line (item → class → account), or null. */
  costCodeId: number | null;
  amountCents: number;
  description: string;
  /** The project cost code: from a change-order key (the change order line's cost code), else the attributed one. */
  projectCostCodeId?: number | null;
  /** From a PO line key `change-order:<id>:…`, else null. */
  changeOrderId?: number | null;
  /** Change-order items: the change order line item billed (Procore item_type `change_order_item`, its `line_item_id`);
   * null for contract items, unpaired lines, and change-order lines whose change order is not known or not billable. */
  changeOrderLineItemId: number | null;
  /** Retainage withheld this period on this item, in cents (≥ 0): the bill's retainage lines spread over the items. */
  retainageCents: number;
}

export type RequisitionProblemCode =
  'BILL_LINE_NOT_ON_COMMITMENT' | 'CHANGE_ORDER_NOT_BILLABLE' | 'RETAINAGE_WITHOUT_WORK' | 'RETAINAGE_EXCEEDS_WORK' | 'RETAINAGE_RELEASED' | 'NEGATIVE_INVOICE';

/** Why Procore cannot take the invoice as built: the caller fails the bill with these (exception list) and sends nothing. */
export interface RequisitionProblem {
  code: RequisitionProblemCode;
  /** Completes "QuickBooks Bill QB-77 of 2026-05-31: …". */
  message: string;
}

export interface RequisitionFromBillContext {
  /** The settings' Invoice Retainage Item (ListID): bill lines on it are retainage withheld, not work. */
  retainageItemListId?: string | null;
  /** The Procore commitment change order (with its line_items) a `change-order:<id>:…` PO line key names, or null when unknown. */
  changeOrder?: (changeOrderId: number) => CommitmentChangeOrder | null;
}

export interface RequisitionFromBill {
  procoreProjectId: number;
  commitmentId: number;
  /** `qb:Bill:<TxnID>` */
  originId: string;
  /** The bill's EditSequence (origin_data). */
  originData: string;
  invoiceNumber: string | null;
  /** TxnDate, YYYY-MM-DD. */
  billingDate: string;
  items: RequisitionItemFromBill[];
  /** Sum of the items (work billed): negative subcontractor invoices do not sync (docs/integration-map.md#known-limits), the caller refuses them. */
  totalCents: number;
  /** Retainage withheld this period (cents, ≥ 0 when it can be sent): minus the sum of the bill's lines on the retainage item. */
  retainageCents: number;
  /** Empty when Procore can take the invoice; otherwise every reason it cannot, in words a person can act on. */
  problems: RequisitionProblem[];
  /** Fingerprint without originData: store it, update the invoice only when it changes. */
  contentHash: string;
}

const COMMITMENT_LINE = /^commitment-line:(\d+)$/;

/**
 * The invoice for a commitment_invoice bill; null for any other destination.
 *
 * Items: the bill's lines on the invoice's commitment (lines received against another commitment's PO, or
 * named against a PO that is not a commitment's, are left out). Keyed by the PO line's Procore key:
 * `commitment-line:<id>` → a contract item on that commitment line; `change-order:<co>:cost-code:<cc>:line:<l>`
 * → change order items (below); unpaired lines → cost code only, which Procore cannot bill
 * (BILL_LINE_NOT_ON_COMMITMENT). Lines on the same commitment line (or the same change-order PO line, or,
 * unpaired, the same cost codes) are summed into one item, descriptions joined. Lines of 0.00 are left out; a
 * voided bill (every line 0.00) gives no items and totalCents 0, which tells the caller to void or delete the
 * invoice.
 *
 * Change orders: Procore bills a change order as separate items, one per change order line item (item_type
 * `change_order_item`), not on the original SOV line. Our PO line sums the change order's line items of one
 * (cost code, commitment line) (groupChangeOrderLines), so the amount billed on it is split over those line
 * items pro rata by their amounts — the same percent complete on each — in whole cents, largest remainder
 * (splitCents). Parts of 0.00 are left out. An unknown or no longer approved change order, or one that no
 * longer has the PO line's line items, is CHANGE_ORDER_NOT_BILLABLE.
 *
 * Retainage: lines on the Invoice Retainage Item (`ctx.retainageItemListId`, what our invoice export writes
 * and what a QuickBooks user enters) are not work: minus their sum is retainage withheld this period, spread
 * over the items with a positive amount pro rata by amount (largest remainder). Retainage on a bill that
 * bills no work (RETAINAGE_WITHOUT_WORK), more than the work it bills (RETAINAGE_EXCEEDS_WORK), or a net
 * positive retainage line (a release, RETAINAGE_RELEASED) is refused.
 */
export function buildRequisitionFromBill(attributed: AttributedTransaction, ctx: RequisitionFromBillContext = {}): RequisitionFromBill | null {
  if (attributed.destination !== 'commitment_invoice' || attributed.commitment === null) return null;
  const { txn, commitment } = attributed;
  const retainageItem = ctx.retainageItemListId ?? null;
  const groups = new Map<string, { item: RequisitionItemFromBill; changeOrderKey: string | null; descriptions: string[] }>();
  let retainageLineCents = 0;
  let retainageItemName: string | null = null;
  for (const a of attributed.lines) {
    if (a.commitmentId !== commitment.commitmentId || a.line.amountCents === 0) continue;
    if (retainageItem !== null && a.line.itemListId === retainageItem) {
      retainageLineCents += a.line.amountCents;
      retainageItemName ??= a.line.itemFullName;
      continue;
    }
    const { item, changeOrderKey } = itemFor(a);
    const key =
      item.commitmentLineItemId !== null
        ? `line:${item.commitmentLineItemId}`
        : changeOrderKey !== null
          ? `co:${changeOrderKey}`
          : `codes:${item.costCodeId ?? 'none'}:${item.projectCostCodeId ?? 'none'}:${item.changeOrderId ?? 'none'}`;
    const group = groups.get(key) ?? groups.set(key, { item: { ...item, amountCents: 0 }, changeOrderKey, descriptions: [] }).get(key)!;
    group.item.amountCents += item.amountCents;
    if (item.description !== '' && !group.descriptions.includes(item.description)) group.descriptions.push(item.description);
  }

  const problems: RequisitionProblem[] = [];
  const list: RequisitionItemFromBill[] = [];
  const unpaired: RequisitionItemFromBill[] = [];
  for (const { item, changeOrderKey, descriptions } of groups.values()) {
    item.description = descriptions.join('; ');
    if (changeOrderKey === null) {
      if (item.commitmentLineItemId === null) unpaired.push(item);
      list.push(item);
      continue;
    }
    const split = splitChangeOrderLine(item, changeOrderKey, commitment.commitmentId, ctx);
    if ('problem' in split) {
      problems.push(split.problem);
      list.push(item);
    } else list.push(...split.items);
  }
  if (unpaired.length > 0) {
    problems.unshift({
      code: 'BILL_LINE_NOT_ON_COMMITMENT',
      message: `${unpaired.length} of its lines are not on a line of commitment ${commitment.commitmentId} (for example "${unpaired[0]!.description}"), so Procore cannot take it as an invoice. Receive it against the PO's own lines in QuickBooks, or enter it in Procore.`,
    });
  }

  let totalCents = 0;
  for (const item of list) totalCents += item.amountCents;
  const retainageCents = retainageLineCents === 0 ? 0 : -retainageLineCents;
  const retainageProblem = spreadRetainage(list, retainageCents, totalCents, retainageItemName ?? 'the Invoice Retainage Item', commitment.commitmentId);
  if (retainageProblem) problems.push(retainageProblem);
  // Negative subcontractor invoices do not sync (docs/integration-map.md#known-limits): a credit is entered in Procore, not pushed from QuickBooks.
  if (totalCents < 0) {
    problems.push({
      code: 'NEGATIVE_INVOICE',
      message: `It bills ${formatDollars(totalCents)} in total on commitment ${commitment.commitmentId}; Procore subcontractor invoices cannot be negative. Enter the credit on the commitment in Procore (for example as a change order).`,
    });
  }

  const content = {
    procoreProjectId: commitment.procoreProjectId,
    commitmentId: commitment.commitmentId,
    originId: `qb:Bill:${txn.txnId}`,
    invoiceNumber: txn.refNumber,
    billingDate: txn.txnDate,
    items: list,
    totalCents,
    retainageCents,
  };
  return { ...content, problems, originData: txn.editSequence, contentHash: hashContent(content) };
}

function itemFor(a: AttributedLine): { item: RequisitionItemFromBill; changeOrderKey: string | null } {
  const key = a.purchaseOrderLine?.procoreLineKey ?? null;
  const description = a.line.memo ?? a.line.itemFullName ?? a.line.accountFullName ?? '';
  const base = { costCodeId: a.standardCostCodeId, amountCents: a.line.amountCents, description, changeOrderLineItemId: null, retainageCents: 0 };
  const commitmentLine = key === null ? null : COMMITMENT_LINE.exec(key);
  if (commitmentLine)
    return {
      item: { ...base, commitmentLineItemId: Number(commitmentLine[1]), projectCostCodeId: a.projectCostCodeId, changeOrderId: null },
      changeOrderKey: null,
    };
  const changeOrderLine = parseChangeOrderLineKey(key);
  if (changeOrderLine) {
    return {
      item: { ...base, commitmentLineItemId: null, projectCostCodeId: changeOrderLine.costCodeId, changeOrderId: changeOrderLine.changeOrderId },
      changeOrderKey: key,
    };
  }
  return { item: { ...base, commitmentLineItemId: null, projectCostCodeId: a.projectCostCodeId, changeOrderId: null }, changeOrderKey: null };
}

/** The change order items one change-order PO line's billed amount becomes, or why it cannot. */
function splitChangeOrderLine(
  item: RequisitionItemFromBill,
  changeOrderKey: string,
  commitmentId: number,
  ctx: RequisitionFromBillContext,
): { items: RequisitionItemFromBill[] } | { problem: RequisitionProblem } {
  const changeOrderId = item.changeOrderId!;
  const refuse = (why: string) => ({
    problem: {
      code: 'CHANGE_ORDER_NOT_BILLABLE' as const,
      message: `Its line "${item.description}" (${formatDollars(item.amountCents)}) was received against a purchase order line of ${why}`,
    },
  });
  const changeOrder = ctx.changeOrder?.(changeOrderId) ?? null;
  if (changeOrder === null)
    return refuse(
      `Procore change order ${changeOrderId}, which the connector does not know (deleted in Procore, or not read yet); refresh from Procore and try again, or enter the invoice in Procore.`,
    );
  const label = `change order ${changeOrder.number ? `#${changeOrder.number}` : changeOrderId}`;
  if (changeOrder.contract_id != null && changeOrder.contract_id !== commitmentId)
    return refuse(`${label}, which is on another commitment in Procore; enter the invoice in Procore.`);
  if (changeOrder.status !== 'approved')
    return refuse(
      `${label}, which is ${changeOrder.status ?? 'not approved'} in Procore: an invoice bills only approved change orders. Approve it in Procore, or receive the bill against other lines.`,
    );
  const lineItems: Array<{ id: number; cents: number }> = [];
  for (const line of changeOrder.line_items ?? []) {
    if (changeOrderLineKeyOf(changeOrderId, line) !== changeOrderKey) continue;
    const cents = readCents(line.amount, `Line item ${line.id} of ${label}`, 0);
    if (!cents.ok) return refuse(`${label}. ${cents.refusal.message}`);
    lineItems.push({ id: line.id, cents: cents.cents });
  }
  if (lineItems.reduce((sum, l) => sum + l.cents, 0) === 0) {
    return refuse(
      `${label}, which no longer has the line items that purchase order line came from (cost code ${parseChangeOrderLineKey(changeOrderKey)!.costCodeId}); export the change order again, or enter the invoice in Procore.`,
    );
  }
  const shares = splitCents(
    item.amountCents,
    lineItems.map((l) => l.cents),
  );
  return {
    items: lineItems.flatMap((l, i) => (shares[i] === 0 ? [] : [{ ...item, changeOrderLineItemId: l.id, amountCents: shares[i]! }])),
  };
}

/** Sets each item's retainageCents (pro rata over the positive items), or says why the retainage cannot go to Procore. */
function spreadRetainage(
  items: RequisitionItemFromBill[],
  retainageCents: number,
  totalCents: number,
  itemName: string,
  commitmentId: number,
): RequisitionProblem | null {
  if (retainageCents === 0) return null;
  if (retainageCents < 0) {
    return {
      code: 'RETAINAGE_RELEASED',
      message: `Its lines on ${itemName} add up to +${formatDollars(-retainageCents)}, which releases retainage rather than withholding it; the connector records only retainage withheld. Enter the release in Procore, or make the retainage line negative in QuickBooks.`,
    };
  }
  const billable = items.filter((i) => i.amountCents > 0);
  if (billable.length === 0) {
    return {
      code: 'RETAINAGE_WITHOUT_WORK',
      message: `It withholds ${formatDollars(retainageCents)} of retainage (its lines on ${itemName}) but bills no work on commitment ${commitmentId}, so the retainage has no invoice item to be held on. Add the lines it is withheld from, or enter it in Procore.`,
    };
  }
  if (retainageCents > totalCents) {
    return {
      code: 'RETAINAGE_EXCEEDS_WORK',
      message: `It withholds ${formatDollars(retainageCents)} of retainage (its lines on ${itemName}), more than the ${formatDollars(totalCents)} of work it bills on commitment ${commitmentId}. Correct the retainage line in QuickBooks.`,
    };
  }
  const shares = splitCents(
    retainageCents,
    billable.map((i) => i.amountCents),
  );
  billable.forEach((item, i) => (item.retainageCents = shares[i]!));
  return null;
}

// Bills entered in QuickBooks against a PO that came from a Procore commitment become subcontractor
// invoices (requisitions) on that commitment (issue 6). This builds what the invoice should hold; the
// caller creates or updates it in Procore.
import type { AttributedLine, AttributedTransaction } from './attribute-cost-transaction.ts';
import { hashContent } from './hash-content.ts';

export interface RequisitionItemFromBill {
  /** From a PO line key `commitment-line:<id>`; null for change-order lines and unpaired lines. */
  commitmentLineItemId: number | null;
  /** Standard cost code of the line (item → class → account), or null. */
  costCodeId: number | null;
  amountCents: number;
  description: string;
  /** The project cost code: from a change-order key (the change order line's cost code), else the attributed one. */
  projectCostCodeId?: number | null;
  /** From a PO line key `change-order:<id>:…`, else null. */
  changeOrderId?: number | null;
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
  /** Sum of the items: negative subcontractor invoices do not sync (DESIGN.md §2), the caller refuses them. */
  totalCents: number;
  /** Fingerprint without originData: store it, update the invoice only when it changes. */
  contentHash: string;
}

const COMMITMENT_LINE = /^commitment-line:(\d+)$/;
const CHANGE_ORDER_LINE = /^change-order:(\d+):cost-code:(\d+):line:(?:\d+|none)$/;

/**
 * The invoice for a commitment_invoice bill; null for any other destination.
 *
 * Items: the bill's lines on the invoice's commitment (lines received against another commitment's PO, or
 * named against a PO that is not a commitment's, are left out). Keyed by the PO line's Procore key:
 * `commitment-line:<id>` → commitmentLineItemId; `change-order:…` → no commitment line (a change order's SOV
 * line is not the original line), its change order and project cost code; unpaired lines → cost code only.
 * Lines that land on the same commitment line (or, without one, the same cost codes and change order) are
 * summed into one item, descriptions joined. Lines of 0.00 are left out; a voided bill (every line 0.00)
 * gives no items and totalCents 0, which tells the caller to void or delete the invoice.
 */
export function buildRequisitionFromBill(attributed: AttributedTransaction): RequisitionFromBill | null {
  if (attributed.destination !== 'commitment_invoice' || attributed.commitment === null) return null;
  const { txn, commitment } = attributed;
  const items = new Map<string, RequisitionItemFromBill>();
  const descriptions = new Map<string, string[]>();
  for (const a of attributed.lines) {
    if (a.commitmentId !== commitment.commitmentId || a.line.amountCents === 0) continue;
    const item = itemFor(a);
    const key =
      item.commitmentLineItemId !== null
        ? `line:${item.commitmentLineItemId}`
        : `codes:${item.costCodeId ?? 'none'}:${item.projectCostCodeId ?? 'none'}:${item.changeOrderId ?? 'none'}`;
    const existing = items.get(key);
    const seen = descriptions.get(key) ?? [];
    if (item.description !== '' && !seen.includes(item.description)) seen.push(item.description);
    descriptions.set(key, seen);
    if (existing === undefined) items.set(key, item);
    else existing.amountCents += item.amountCents;
  }
  for (const [key, item] of items) item.description = (descriptions.get(key) ?? []).join('; ');
  const list = [...items.values()];
  let totalCents = 0;
  for (const item of list) totalCents += item.amountCents;
  const content = {
    procoreProjectId: commitment.procoreProjectId,
    commitmentId: commitment.commitmentId,
    originId: `qb:Bill:${txn.txnId}`,
    invoiceNumber: txn.refNumber,
    billingDate: txn.txnDate,
    items: list,
    totalCents,
  };
  return { ...content, originData: txn.editSequence, contentHash: hashContent(content) };
}

function itemFor(a: AttributedLine): RequisitionItemFromBill {
  const key = a.purchaseOrderLine?.procoreLineKey ?? null;
  const description = a.line.memo ?? a.line.itemFullName ?? a.line.accountFullName ?? '';
  const base = { costCodeId: a.standardCostCodeId, amountCents: a.line.amountCents, description };
  const commitmentLine = key === null ? null : COMMITMENT_LINE.exec(key);
  if (commitmentLine) return { ...base, commitmentLineItemId: Number(commitmentLine[1]), projectCostCodeId: a.projectCostCodeId, changeOrderId: null };
  const changeOrderLine = key === null ? null : CHANGE_ORDER_LINE.exec(key);
  if (changeOrderLine) return { ...base, commitmentLineItemId: null, projectCostCodeId: Number(changeOrderLine[2]), changeOrderId: Number(changeOrderLine[1]) };
  return { ...base, commitmentLineItemId: null, projectCostCodeId: a.projectCostCodeId, changeOrderId: null };
}

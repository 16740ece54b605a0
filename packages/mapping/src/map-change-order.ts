// Approved commitment change order → new lines appended to the commitment's original QuickBooks PO
// (docs/integration-map.md#change-orders: CCOs → new lines on the original PO, PurchaseOrderMod), never a new PO. The Mod carries
// the PO's TxnID + EditSequence, every existing line by TxnLineID alone (kept as it is; a Mod with lines
// deletes the lines it leaves out), and the new lines with TxnLineID -1 (NEW_TXN_LINE_ID).
import type { PurchaseOrderLineMod, PurchaseOrderModRequest } from '@connector/qbxml';
import { FIELD_LIMITS, NEW_TXN_LINE_ID } from '@connector/qbxml';
import { PreviewBuilder } from './build-preview.ts';
import { capitalize } from './capitalize.ts';
import { classForCostCode } from './class-for-cost-code.ts';
import { cleanText, truncateText } from './clean-text.ts';
import { describeChangeOrder } from './describe-record.ts';
import type { ChangeOrderExport } from './export-records.ts';
import { describeCents, formatCents } from './format-cents.ts';
import { groupChangeOrderLines } from './group-change-order-lines.ts';
import { refuse, refuseUnknownLines, succeed } from './make-result.ts';
import type { MappingContext, MappingResult } from './mapping-types.ts';
import { planDependencies, refuseMissing } from './plan-dependencies.ts';
import { sumCents } from './read-cents.ts';

export function mapChangeOrder(input: ChangeOrderExport, ctx: MappingContext): MappingResult<PurchaseOrderModRequest> {
  const { changeOrder } = input;
  const what = describeChangeOrder(changeOrder);

  // Only an approved change order changes what is committed (Procore statuses: draft, pending, approved,
  // rejected, void, …).
  const status = cleanText(changeOrder.status).toLowerCase();
  if (status !== 'approved') {
    return refuse(
      'NOT_APPROVED',
      `${capitalize(what)} is ${status === '' ? 'without a status' : `"${status}"`}; only approved commitment change orders are added to the QuickBooks purchase order. Approve it in Procore and export again.`,
    );
  }
  if (changeOrder.contract_id == null) {
    return refuse('INCOMPLETE_RECORD', `${capitalize(what)} is not attached to a commitment in Procore, so there is no purchase order to add it to.`);
  }

  const grouped = groupChangeOrderLines(changeOrder, what);
  if (!grouped.ok) return grouped;

  const missing = planDependencies({ type: 'change_order', ...input }, ctx.links);
  if (missing.length > 0) return refuseMissing(what, missing);
  const po = ctx.links.purchaseOrder(changeOrder.contract_id)!;
  const job = ctx.links.job(input.projectId)!;
  const poName = po.refNumber ?? po.txnId;
  if (po.lines.length === 0) return refuseUnknownLines(`purchase order ${poName}`);

  const onPo = new Set(po.lines.map((l) => l.procoreLineKey).filter((k): k is string => k !== null));
  const added = grouped.groups.filter((g) => !onPo.has(g.key));
  if (added.length === 0) {
    if (grouped.groups.length > 0) {
      return refuse('ALREADY_EXPORTED', `${capitalize(what)} is already on QuickBooks purchase order ${poName}; nothing to add.`);
    }
    return refuse(
      'NO_CHANGES',
      grouped.zeroGroups === 0
        ? `${capitalize(what)} has no lines with an amount, so it adds nothing to purchase order ${poName}.`
        : `${capitalize(what)} adds nothing to purchase order ${poName}: its changes add up to zero for every cost code and commitment line.`,
    );
  }
  const total = sumCents(
    added.map((g) => g.cents),
    capitalize(what),
  );
  if (!total.ok) return total;

  const number = cleanText(changeOrder.number);
  const prefix = number === '' ? 'Change order' : `Change order #${number}`;
  const preview = new PreviewBuilder().add('Purchase order', poName).add('Lines kept unchanged', String(po.lines.length));
  const lines: PurchaseOrderLineMod[] = po.lines.map((l) => ({ txnLineId: l.txnLineId }));
  for (const group of added) {
    const item = ctx.links.item(group.costCodeId)!;
    const classRef = classForCostCode(ctx.settings, group.costCodeId);
    const desc = truncateText(group.descriptions.length === 0 ? prefix : `${prefix}: ${group.descriptions.join('; ')}`, FIELD_LIMITS.lineDesc);
    lines.push({
      txnLineId: NEW_TXN_LINE_ID,
      itemRef: { listId: item.listId },
      desc,
      ...(classRef ? { classRef: { listId: classRef.listId } } : {}),
      amount: formatCents(group.cents),
      customerRef: { listId: job.listId },
    });
    const n = lines.length;
    preview
      .add(`Line ${n} item`, item.fullName, 'line_items[].cost_code')
      .add(`Line ${n} description`, desc, 'number + line_items[].description')
      .add(`Line ${n} amount`, describeCents(group.cents), 'sum of line_items[].amount')
      .add(`Line ${n} customer:job`, job.fullName, 'project')
      .add(`Line ${n} class`, classRef?.fullName, 'setting: class by cost code');
  }
  preview.add('Change order total', describeCents(total.cents), 'line_items[].amount');

  return succeed<PurchaseOrderModRequest>({ type: 'PurchaseOrderMod', txnId: po.txnId, editSequence: po.editSequence, lines }, preview.build(), {
    lineKeys: [...po.lines.map((l) => l.procoreLineKey), ...added.map((g) => g.key)],
  });
}

// An approved prime contract change order (PCCO) → new lines on the prime contract's QuickBooks estimate (issue 21), as a
// commitment change order adds lines to its purchase order (map-change-order.ts): an EstimateMod carrying the estimate's
// TxnID + EditSequence, every existing line by TxnLineID alone (a Mod with lines deletes the lines it leaves out:
// qbxml130.xsd EstimateMod, docs/qbxml.md), and the change order's lines with TxnLineID -1. Each line says
// "PCCO #<n>: <title>" so the estimate reads as Procore's revised contract value, change by change.
import { primeChangeOrderLineAmount, type PrimeContractChangeOrder } from '@connector/procore';
import type { EstimateLineMod, EstimateModRequest } from '@connector/qbxml';
import { FIELD_LIMITS, NEW_TXN_LINE_ID } from '@connector/qbxml';
import { PreviewBuilder } from './build-preview.ts';
import { capitalize } from './capitalize.ts';
import { checkProcoreApproval, procoreStatusLabel } from './check-procore-approval.ts';
import { cleanText, truncateText } from './clean-text.ts';
import { describeCents, formatCents } from './format-cents.ts';
import { refuse, refuseUnknownLines, succeed } from './make-result.ts';
import type { Dependency, MappingResult, QbRef } from './mapping-types.ts';
import { primeChangeOrderLineKey, primeContractLineKey, type PrimeContractContext } from './map-prime-contract.ts';
import { refuseMissing } from './plan-dependencies.ts';
import { readCents, sumCents } from './read-cents.ts';

/** "prime contract change order #3 (Added lobby finishes)". */
export function describePrimeChangeOrder(co: Pick<PrimeContractChangeOrder, 'id' | 'number' | 'title'>): string {
  const number = cleanText(co.number);
  const title = cleanText(co.title);
  return `prime contract change order ${number === '' ? String(co.id) : `#${number}`}${title === '' ? '' : ` (${title})`}`;
}

/** "PCCO #3: Added lobby finishes": the line description's start. */
export function primeChangeOrderLabel(co: Pick<PrimeContractChangeOrder, 'id' | 'number' | 'title'>): string {
  const number = cleanText(co.number);
  const title = cleanText(co.title);
  return `PCCO ${number === '' ? String(co.id) : `#${number}`}${title === '' ? '' : `: ${title}`}`;
}

export function mapPrimeChangeOrder(
  input: { projectId: number; changeOrder: PrimeContractChangeOrder },
  ctx: PrimeContractContext,
): MappingResult<EstimateModRequest> {
  const co = input.changeOrder;
  const what = describePrimeChangeOrder(co);
  const notApproved = checkProcoreApproval('prime_change_order', co.status);
  if (notApproved) {
    return refuse(
      'NOT_APPROVED',
      `${capitalize(what)} is ${co.status ? `"${procoreStatusLabel(co.status)}"` : 'without a status'} in Procore; only approved prime contract change orders are added to the contract value in QuickBooks. Approve it in Procore and export again.`,
    );
  }
  if (co.contract_id == null) {
    return refuse('INCOMPLETE_RECORD', `${capitalize(what)} is not attached to a prime contract in Procore, so there is no contract value to add it to.`);
  }

  const lines: Array<{ id: number; costCodeId: number | null; primeLineId: number | null; cents: number; description: string }> = [];
  for (const [index, line] of (co.line_items ?? []).entries()) {
    const description = cleanText(line.description);
    const label = `${description === '' ? `line ${index + 1}` : `line ${index + 1} "${description}"`} of ${what}`;
    const read = readCents(primeChangeOrderLineAmount(line), capitalize(label), 'refuse');
    if (!read.ok) return read;
    if (read.cents === 0) continue;
    lines.push({ id: line.id, costCodeId: line.cost_code?.id ?? null, primeLineId: line.prime_line_item_id ?? null, cents: read.cents, description });
  }
  const total = sumCents(
    lines.map((l) => l.cents),
    capitalize(what),
  );
  if (!total.ok) return total;

  // The estimate first: while the prime contract is not in QuickBooks (waiting for a person, say) nothing else is asked for.
  const estimate = ctx.estimate;
  if (!estimate) {
    return refuseMissing(what, [
      { kind: 'prime_contract', procoreId: co.contract_id, label: `the contract value estimate of Procore prime contract ${co.contract_id}` },
    ]);
  }
  const estimateName = estimate.refNumber ?? estimate.txnId;
  if (estimate.lines.length === 0) return refuseUnknownLines(`estimate ${estimateName}`);

  const onEstimate = new Set(estimate.lines.map((l) => l.procoreLineKey).filter((k): k is string => k !== null));
  const added = lines.filter((l) => !onEstimate.has(primeChangeOrderLineKey(co.id, l.id)));
  if (added.length === 0) {
    if (lines.length > 0) return refuse('ALREADY_EXPORTED', `${capitalize(what)} is already on QuickBooks estimate ${estimateName}; nothing to add.`);
    return refuse('NO_CHANGES', `${capitalize(what)} has no lines with an amount, so it adds nothing to the contract value (estimate ${estimateName}).`);
  }

  // Items: the cost code's (or the one contract item); a line without a cost code on a schedule-of-values line takes that
  // line's item as the estimate holds it.
  const refs: QbRef[] = [];
  const missing = new Map<number, Dependency>();
  for (const line of added) {
    if (ctx.lineItem.mode === 'contract') {
      refs.push(ctx.lineItem.item);
      continue;
    }
    if (line.costCodeId === null) {
      const sov = line.primeLineId === null ? undefined : estimate.lines.find((l) => l.procoreLineKey === primeContractLineKey(line.primeLineId!));
      if (sov?.itemListId) {
        refs.push({ listId: sov.itemListId, fullName: sov.itemName ?? sov.itemListId });
        continue;
      }
      return refuse(
        'INCOMPLETE_RECORD',
        `Line "${line.description || line.id}" of ${what} (${describeCents(line.cents)}) has no cost code, so it has no QuickBooks item; assign a cost code in Procore, or use one item per contract (Settings, owner invoices), and export again.`,
        { field: 'ItemRef' },
      );
    }
    const item = ctx.itemForCostCode(line.costCodeId);
    if (item) refs.push(item);
    else missing.set(line.costCodeId, { kind: 'item', procoreId: line.costCodeId, label: `the item of cost code ${line.costCodeId}` });
  }
  if (missing.size > 0) return refuseMissing(what, [...missing.values()]);

  const label = primeChangeOrderLabel(co);
  const preview = new PreviewBuilder().add('Estimate', estimateName).add('Lines kept unchanged', String(estimate.lines.length));
  const modLines: EstimateLineMod[] = estimate.lines.map((l) => ({ txnLineId: l.txnLineId }));
  added.forEach((line, index) => {
    const item = refs[index]!;
    const desc = truncateText(line.description === '' ? label : `${label} — ${line.description}`, FIELD_LIMITS.lineDesc);
    modLines.push({ txnLineId: NEW_TXN_LINE_ID, itemRef: { listId: item.listId }, desc, amount: formatCents(line.cents) });
    const n = modLines.length;
    preview
      .add(`Line ${n} item`, item.fullName, ctx.lineItem.mode === 'cost_code' ? 'line_items[].cost_code' : 'setting: one item per contract')
      .add(`Line ${n} description`, desc, 'number + title + line_items[].description')
      .add(`Line ${n} amount`, describeCents(line.cents), 'line_items[].amount');
  });
  const addedCents = added.reduce((sum, l) => sum + l.cents, 0);
  preview.add('Change order total', describeCents(addedCents), 'line_items[].amount');
  // The contract value after it, when every line's amount on the estimate is known (links written since lines carry it).
  if (estimate.lines.every((l) => l.amountCents !== undefined)) {
    const before = estimate.lines.reduce((sum, l) => sum + (l.amountCents ?? 0), 0);
    preview.add('Contract value after', describeCents(before + addedCents), 'estimate + this change order');
  }
  return succeed<EstimateModRequest>({ type: 'EstimateMod', txnId: estimate.txnId, editSequence: estimate.editSequence, lines: modLines }, preview.build(), {
    lineKeys: [...estimate.lines.map((l) => l.procoreLineKey), ...added.map((l) => primeChangeOrderLineKey(co.id, l.id))],
  });
}

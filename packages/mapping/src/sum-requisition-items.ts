// The money of a subcontractor invoice (requisition), in integer cents. Per schedule-of-values line:
// billed = work completed this period + materials stored (issue: "amount = work completed this period +
// materials stored this period"; Procore's column is materials_presently_stored). Retainage held this
// period = work retainage retained this period + materials retainage retained − work retainage released
// this period; it is booked as ONE line on the Invoice Retainage Item (docs/integration-map.md#subcontractor-invoices-and-bills).
import type { RequisitionItem } from '@connector/procore';
import { capitalize } from './capitalize.ts';
import { cleanText } from './clean-text.ts';
import { describeCents } from './format-cents.ts';
import { refuse } from './make-result.ts';
import type { MappingFailure } from './mapping-types.ts';
import { readCents, sumCents } from './read-cents.ts';

export interface InvoiceLine {
  costCodeId: number;
  /** The commitment line billed against (RequisitionItem.line_item_id). */
  commitmentLineItemId: number | null;
  cents: number;
  descriptions: string[];
}

export interface InvoiceSums {
  ok: true;
  /** One per (cost code, commitment line), non-zero only, in the order they first appear. */
  lines: InvoiceLine[];
  grossCents: number;
  retainedCents: number;
  releasedCents: number;
  /** retained − released: what the bill holds back (negative when more is released than retained). */
  retainageCents: number;
  /** gross − retainage: what the bill asks QuickBooks to pay. */
  netCents: number;
}

export function sumRequisitionItems(items: readonly RequisitionItem[], what: string): InvoiceSums | MappingFailure {
  const byKey = new Map<string, InvoiceLine>();
  const gross: number[] = [];
  const retained: number[] = [];
  const released: number[] = [];
  for (const [index, item] of items.entries()) {
    const description = cleanText(item.description_of_work);
    const label = `${description === '' ? `line ${index + 1}` : `line ${index + 1} "${description}"`} of ${what}`;
    // Empty columns are no money in them (Procore leaves untouched G703 columns empty).
    const read = (value: string | null | undefined, column: string) => readCents(value, `The ${column} of ${label}`, 0);
    const work = read(item.work_completed_this_period, 'work completed this period');
    if (!work.ok) return work;
    const materials = read(item.materials_presently_stored, 'materials stored');
    if (!materials.ok) return materials;
    const workRetained = read(item.work_completed_retainage_retained_this_period, 'work retainage retained this period');
    if (!workRetained.ok) return workRetained;
    const materialsRetained = read(item.materials_stored_retainage_currently_retained, 'materials retainage retained');
    if (!materialsRetained.ok) return materialsRetained;
    const workReleased = read(item.work_completed_retainage_released_this_period, 'retainage released this period');
    if (!workReleased.ok) return workReleased;

    retained.push(workRetained.cents, materialsRetained.cents);
    released.push(workReleased.cents);
    const billed = sumCents([work.cents, materials.cents], capitalize(label));
    if (!billed.ok) return billed;
    gross.push(billed.cents);
    if (billed.cents === 0) continue;
    const costCodeId = item.cost_code_id ?? null;
    if (costCodeId === null) {
      return refuse(
        'INCOMPLETE_RECORD',
        `${capitalize(label)} bills ${describeCents(billed.cents)} but has no cost code, so it has no QuickBooks item; assign a cost code in Procore and export again.`,
        { field: 'ItemRef' },
      );
    }
    // Only a contract item bills a commitment (SOV) line; a change order item's line_item_id is the change order
    // line item (developers.procore.com, Requisitions: item_type), so it is not paired with a PO line by that id.
    const contractItem = item.item_type === undefined || item.item_type === null || item.item_type === 'contract_item';
    const commitmentLineItemId = contractItem ? (item.line_item_id ?? null) : null;
    const key = `${costCodeId}:${commitmentLineItemId ?? 'none'}`;
    const line = byKey.get(key);
    if (line) {
      const total = sumCents([line.cents, billed.cents], capitalize(label));
      if (!total.ok) return total;
      line.cents = total.cents;
      if (description !== '' && !line.descriptions.includes(description)) line.descriptions.push(description);
    } else {
      byKey.set(key, { costCodeId, commitmentLineItemId, cents: billed.cents, descriptions: description === '' ? [] : [description] });
    }
  }
  const grossCents = sumCents(gross, capitalize(what));
  if (!grossCents.ok) return grossCents;
  const retainedCents = sumCents(retained, `The retainage of ${what}`);
  if (!retainedCents.ok) return retainedCents;
  const releasedCents = sumCents(released, `The retainage released by ${what}`);
  if (!releasedCents.ok) return releasedCents;
  const retainageCents = retainedCents.cents - releasedCents.cents;
  return {
    ok: true,
    lines: [...byKey.values()].filter((l) => l.cents !== 0),
    grossCents: grossCents.cents,
    retainedCents: retainedCents.cents,
    releasedCents: releasedCents.cents,
    retainageCents,
    netCents: grossCents.cents - retainageCents,
  };
}

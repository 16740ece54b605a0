// A commitment change order adds lines to the original PO: one line per (cost code, commitment line),
// repeated edits of one line within the change order summed into one amount, and a sum of zero adds no
// line (issue: "repeated edits of one line within a CCO summed into one value").
import type { CommitmentChangeOrder, CostCodeRef } from '@connector/procore';
import { capitalize } from './capitalize.ts';
import { cleanText } from './clean-text.ts';
import type { ChangeOrderLineItem } from './export-records.ts';
import { describeCents } from './format-cents.ts';
import { changeOrderLineKey } from './line-keys.ts';
import { refuse } from './make-result.ts';
import type { MappingFailure } from './mapping-types.ts';
import { readCents, sumCents } from './read-cents.ts';

export interface ChangeOrderGroup {
  key: string;
  costCodeId: number;
  costCode: CostCodeRef | null;
  commitmentLineItemId: number | null;
  cents: number;
  /** Distinct line descriptions, in order. */
  descriptions: string[];
}

export type ChangeOrderGroups = { ok: true; groups: ChangeOrderGroup[]; zeroGroups: number } | MappingFailure;

/**
 * The PO line key a change order line item lands on (one PO line per cost code and commitment line), or null
 * when it has no cost code. The export groups by it; Update Job Costs splits a bill line received against
 * that PO line back over the line items that share it.
 */
export function changeOrderLineKeyOf(changeOrderId: number, line: ChangeOrderLineItem): string | null {
  const costCodeId = line.cost_code_id ?? line.cost_code?.id ?? null;
  return costCodeId === null ? null : changeOrderLineKey(changeOrderId, costCodeId, line.commitment_line_item_id ?? null);
}

/** Groups in the order they first appear; `groups` holds only non-zero sums, `zeroGroups` counts the others. */
export function groupChangeOrderLines(changeOrder: CommitmentChangeOrder, what: string): ChangeOrderGroups {
  const byKey = new Map<string, ChangeOrderGroup>();
  const lines = (changeOrder.line_items ?? []) as readonly ChangeOrderLineItem[];
  for (const [index, line] of lines.entries()) {
    const description = cleanText(line.description);
    const lineLabel = description === '' ? `line ${index + 1}` : `line ${index + 1} "${description}"`;
    const cents = readCents(line.amount, `${capitalize(lineLabel)} of ${what}`, 'refuse');
    if (!cents.ok) return cents;
    const costCodeId = line.cost_code_id ?? line.cost_code?.id ?? null;
    if (costCodeId === null) {
      if (cents.cents === 0) continue;
      return refuse(
        'INCOMPLETE_RECORD',
        `${capitalize(lineLabel)} of ${what} changes the contract by ${describeCents(cents.cents)} but has no cost code, so it has no QuickBooks item; assign a cost code in Procore and export again.`,
        { field: 'ItemRef' },
      );
    }
    const commitmentLineItemId = line.commitment_line_item_id ?? null;
    const key = changeOrderLineKeyOf(changeOrder.id, line)!;
    const group = byKey.get(key);
    if (group) {
      const total = sumCents([group.cents, cents.cents], `${capitalize(what)} on ${lineLabel}`);
      if (!total.ok) return total;
      group.cents = total.cents;
      if (description !== '' && !group.descriptions.includes(description)) group.descriptions.push(description);
    } else {
      byKey.set(key, {
        key,
        costCodeId,
        costCode: line.cost_code ?? null,
        commitmentLineItemId,
        cents: cents.cents,
        descriptions: description === '' ? [] : [description],
      });
    }
  }
  const all = [...byKey.values()];
  const groups = all.filter((g) => g.cents !== 0);
  return { ok: true, groups, zeroGroups: all.length - groups.length };
}

import { percentOf, roundMoney, sumMoney } from './money.ts';
import type { ChangeOrderLineItem, CommitmentLineItem, Requisition, RequisitionItem } from './records.ts';

export interface BuildRequisitionItemsInput {
  /** The commitment's schedule of values. */
  lines: readonly CommitmentLineItem[];
  /** Earlier requisitions on the same commitment (their items give "from previous application"). */
  previous: readonly Requisition[];
  /** Work completed this period on a line, before capping at what is left of its scheduled value. */
  workThisPeriod: (line: CommitmentLineItem) => number;
  retainagePercent: number;
  nextId: () => number;
  /** Whether this period's work stops at what is left of the line (default true, as the seeded and `sim.edit`
   * invoices do). Procore's default "Allow Over Billing" is on (support.procore.com, "Allow or Prevent
   * Overbilling on a Subcontractor Invoice"), so invoices created through the API keep what was sent. */
  capAtBalance?: boolean;
  /** Retainage withheld this period when the request names it; otherwise work × retainage %. */
  retainageThisPeriod?: (line: CommitmentLineItem) => number | undefined;
  /** Materials presently stored this period (default 0). */
  materialsStored?: (line: CommitmentLineItem) => number;
}

/**
 * One requisition item per SOV line, as Procore's subcontractor invoice (AIA G703 continuation sheet):
 * previous work and retainage carried from earlier invoices, this period's work capped at the balance,
 * retainage withheld this period = work this period × retainage % (rounded to the cent).
 */
export function buildRequisitionItems(input: BuildRequisitionItemsInput): RequisitionItem[] {
  return input.lines.map((line) => {
    const earlier = input.previous.flatMap((r) => r.items.filter((it) => (it.item_type ?? 'contract_item') === 'contract_item' && it.line_item_id === line.id));
    const previousWork = sumMoney(earlier.map((it) => it.work_completed_this_period));
    const previousRetainage = sumMoney(earlier.map((it) => it.work_completed_retainage_retained_this_period));
    const balance = roundMoney(line.amount - previousWork);
    const wanted = roundMoney(input.workThisPeriod(line));
    const cap = input.capAtBalance ?? true;
    const work = cap && line.amount >= 0 ? Math.max(0, Math.min(wanted, balance)) : wanted;
    return {
      id: input.nextId(),
      line_item_id: line.id,
      cost_code_id: line.cost_code_id,
      description_of_work: line.description,
      scheduled_value: line.amount,
      work_completed_from_previous_application: previousWork,
      work_completed_this_period: work,
      materials_presently_stored: roundMoney(input.materialsStored?.(line) ?? 0),
      work_completed_retainage_percent_this_period: input.retainagePercent,
      work_completed_retainage_from_previous_application: previousRetainage,
      work_completed_retainage_retained_this_period: roundMoney(input.retainageThisPeriod?.(line) ?? percentOf(work, input.retainagePercent)),
    };
  });
}

export interface BuildChangeOrderItemsInput {
  /** The approved change order line items the request names, in the order they are to appear. */
  lines: readonly ChangeOrderLineItem[];
  previous: readonly Requisition[];
  workThisPeriod: (line: ChangeOrderLineItem) => number;
  retainagePercent: number;
  nextId: () => number;
  /** Retainage withheld this period when the request names it; otherwise work × retainage %. */
  retainageThisPeriod?: (line: ChangeOrderLineItem) => number | undefined;
  materialsStored?: (line: ChangeOrderLineItem) => number;
}

/**
 * Change order items (item_type change_order_item): Procore bills an approved commitment change order on its own
 * line items, not on the SOV line it edits. Scheduled value = the line item's amount; previous work and retainage
 * from earlier invoices' items on the same line item; no cap at the balance (API-created, like contract items).
 */
export function buildChangeOrderItems(input: BuildChangeOrderItemsInput): RequisitionItem[] {
  return input.lines.map((line) => {
    const earlier = input.previous.flatMap((r) => r.items.filter((it) => it.item_type === 'change_order_item' && it.line_item_id === line.id));
    const work = roundMoney(input.workThisPeriod(line));
    return {
      id: input.nextId(),
      item_type: 'change_order_item',
      line_item_id: line.id,
      commitment_line_item_id: line.commitment_line_item_id,
      cost_code_id: line.cost_code_id,
      description_of_work: line.description,
      scheduled_value: line.amount,
      work_completed_from_previous_application: sumMoney(earlier.map((it) => it.work_completed_this_period)),
      work_completed_this_period: work,
      materials_presently_stored: roundMoney(input.materialsStored?.(line) ?? 0),
      work_completed_retainage_percent_this_period: input.retainagePercent,
      work_completed_retainage_from_previous_application: sumMoney(earlier.map((it) => it.work_completed_retainage_retained_this_period)),
      work_completed_retainage_retained_this_period: roundMoney(input.retainageThisPeriod?.(line) ?? percentOf(work, input.retainagePercent)),
    };
  });
}

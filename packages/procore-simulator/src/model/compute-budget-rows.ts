import { sumMoney } from './money.ts';
import type { ProcoreStore } from './procore-store.ts';
import type { BudgetLineItem, Project } from './records.ts';

export interface BudgetRow {
  line: BudgetLineItem;
  original_budget_amount: number;
  approved_cos: number;
  revised_budget: number;
  committed_costs: number;
  pending_cost_changes: number;
  direct_costs: number;
  job_to_date_costs: number;
}

/**
 * The budget's source columns per budget line item (Procore: Budget → Detail tab). Amounts on a cost code go
 * to the first budget line of that cost code:
 * - direct_costs: lines of direct costs that are not draft;
 * - committed_costs: SOV lines of approved commitments plus approved commitment change order lines;
 * - pending_cost_changes: lines of pending commitment change orders;
 * - job_to_date_costs: direct costs plus work billed on approved requisitions — SOV (contract) items and change order
 *   items alike, on the cost code of the line they bill (what the ERP job-cost report shows).
 */
export function computeBudgetRows(store: ProcoreStore, project: Project): BudgetRow[] {
  const add = (map: Map<number, number[]>, costCodeId: number, amount: number) => {
    const list = map.get(costCodeId);
    if (list) list.push(amount);
    else map.set(costCodeId, [amount]);
  };
  const direct = new Map<number, number[]>();
  for (const dc of store.directCosts.list(project.id)) {
    if (dc.status === 'draft') continue;
    for (const li of dc.line_items) add(direct, li.cost_code_id, li.amount);
  }
  const committed = new Map<number, number[]>();
  const approvedCommitments = new Set<number>();
  for (const c of store.commitments.list(project.id)) {
    if (c.status !== 'Approved' && c.status !== 'Complete') continue;
    approvedCommitments.add(c.id);
    for (const li of store.commitmentLineItems.list(c.id)) add(committed, li.cost_code_id, li.amount);
  }
  const pending = new Map<number, number[]>();
  for (const co of store.changeOrders.list(project.id)) {
    if (!approvedCommitments.has(co.contract_id)) continue;
    const target = co.status === 'approved' ? committed : co.status === 'pending' ? pending : null;
    if (target) for (const li of co.line_items) add(target, li.cost_code_id, li.amount);
  }
  const billed = new Map<number, number[]>();
  for (const r of store.requisitions.list(project.id)) {
    if (r.status !== 'approved' && r.status !== 'approved_as_noted') continue;
    for (const it of r.items) add(billed, it.cost_code_id, it.work_completed_this_period + it.materials_presently_stored);
  }
  const seen = new Set<number>();
  return store.budgetLineItems.list(project.id).map((line) => {
    const first = !seen.has(line.cost_code_id);
    seen.add(line.cost_code_id);
    const of = (map: Map<number, number[]>) => (first ? sumMoney(map.get(line.cost_code_id) ?? []) : 0);
    const directCosts = of(direct);
    return {
      line,
      original_budget_amount: line.original_budget_amount,
      approved_cos: 0,
      revised_budget: line.original_budget_amount,
      committed_costs: of(committed),
      pending_cost_changes: of(pending),
      direct_costs: directCosts,
      job_to_date_costs: sumMoney([directCosts, of(billed)]),
    };
  });
}

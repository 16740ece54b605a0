import { sumMoney } from './money.ts';
import type { ProcoreStore } from './procore-store.ts';
import type { Commitment } from './records.ts';

export interface CommitmentTotals {
  grand_total: number;
  approved_change_orders: number;
  pending_change_orders: number;
  draft_change_orders_amount: number;
  revised_contract: number;
  pending_revised_contract: number;
  total_requisitions_amount: number;
  total_payments: number;
  remaining_balance_outstanding: number;
  percentage_paid: number;
}

/** The money summary Procore shows on a commitment (RestV10WorkOrderContractsIdGet response fields). */
export function computeCommitmentTotals(store: ProcoreStore, c: Commitment): CommitmentTotals {
  const grand = sumMoney(store.commitmentLineItems.list(c.id).map((l) => l.amount));
  const cos = store.changeOrders.list(c.project_id).filter((co) => co.contract_id === c.id);
  const coTotal = (status: string) => sumMoney(cos.filter((co) => co.status === status).flatMap((co) => co.line_items.map((l) => l.amount)));
  const approved = coTotal('approved');
  const pending = coTotal('pending');
  const revised = sumMoney([grand, approved]);
  const requisitions = store.requisitions
    .list(c.project_id)
    .filter((r) => r.commitment_id === c.id && (r.status === 'approved' || r.status === 'approved_as_noted'));
  // Every item of an approved invoice: SOV (contract) items and approved change order items.
  const billed = sumMoney(requisitions.flatMap((r) => r.items.map((i) => i.work_completed_this_period + i.materials_presently_stored)));
  const paid = sumMoney(
    store.contractPayments
      .list(c.project_id)
      .filter((p) => p.contract_id === c.id)
      .map((p) => p.amount),
  );
  return {
    grand_total: grand,
    approved_change_orders: approved,
    pending_change_orders: pending,
    draft_change_orders_amount: coTotal('draft'),
    revised_contract: revised,
    pending_revised_contract: sumMoney([revised, pending]),
    total_requisitions_amount: billed,
    total_payments: paid,
    remaining_balance_outstanding: sumMoney([revised, -paid]),
    percentage_paid: revised === 0 ? 0 : Math.round((paid / revised) * 10000) / 100,
  };
}

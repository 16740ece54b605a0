import { sumMoney } from './money.ts';
import type { Requisition } from './records.ts';

export interface RequisitionSummary {
  original_contract_sum: number;
  net_change_by_change_orders: number;
  contract_sum_to_date: number;
  total_completed_and_stored_to_date: number;
  completed_work_retainage_percent: number;
  completed_work_retainage_amount: number;
  total_retainage: number;
  total_earned_less_retainage: number;
  less_previous_certificates_for_payment: number;
  current_payment_due: number;
  balance_to_finish_including_retainage: number;
}

/**
 * The AIA G702-style summary Procore shows on a subcontractor invoice, derived from its items.
 * current_payment_due = work this period − retainage withheld this period.
 */
export function summarizeRequisition(requisition: Requisition, originalContractSum: number, approvedChangeOrders: number): RequisitionSummary {
  const items = requisition.items;
  const thisPeriod = sumMoney(items.map((i) => i.work_completed_this_period + i.materials_presently_stored));
  const retainedThisPeriod = sumMoney(items.map((i) => i.work_completed_retainage_retained_this_period));
  const completedToDate = sumMoney(items.map((i) => i.work_completed_from_previous_application + i.work_completed_this_period + i.materials_presently_stored));
  const retainageToDate = sumMoney(items.map((i) => i.work_completed_retainage_from_previous_application + i.work_completed_retainage_retained_this_period));
  const contractSumToDate = sumMoney([originalContractSum, approvedChangeOrders]);
  const earnedLessRetainage = sumMoney([completedToDate, -retainageToDate]);
  const currentPaymentDue = sumMoney([thisPeriod, -retainedThisPeriod]);
  return {
    original_contract_sum: originalContractSum,
    net_change_by_change_orders: approvedChangeOrders,
    contract_sum_to_date: contractSumToDate,
    total_completed_and_stored_to_date: completedToDate,
    completed_work_retainage_percent: requisition.retainage_percent,
    completed_work_retainage_amount: retainageToDate,
    total_retainage: retainageToDate,
    total_earned_less_retainage: earnedLessRetainage,
    less_previous_certificates_for_payment: sumMoney([earnedLessRetainage, -currentPaymentDue]),
    current_payment_due: currentPaymentDue,
    balance_to_finish_including_retainage: sumMoney([contractSumToDate, -earnedLessRetainage]),
  };
}

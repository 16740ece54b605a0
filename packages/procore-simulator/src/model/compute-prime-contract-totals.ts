// The money summary Show Prime Contract answers (RestV10PrimeContractIdGet: grand_total, approved_change_orders,
// revised_contract_amount "Grand total, plus approved change orders", pending_change_orders_amount,
// draft_change_orders_amount, owner_invoices_amount, total_payments, outstanding_balance "Revised contract amount
// minus total payments", percentage_paid). Which change order statuses count where: Procore support FAQ "What are
// the default statuses for a Prime Contract Change Order (PCCO) in Procore?" — Approved → "Approved Changes";
// Pending - In Review / Revised / Pricing / Not Pricing / Proceeding / Not Proceeding → "Pending Changes"; Draft,
// No Charge, Rejected, Void → neither (draft has a summary field of its own). pending_billable is in the API's status
// enum but not in that table: its name puts it with the pending ones.

import { sumMoney, toCents } from './money.ts';
import type { PrimeChangeOrder, PrimeChangeOrderStatus, PrimeContract } from './records.ts';
import type { ProcoreStore } from './procore-store.ts';
import { summarizePaymentApplication } from './summarize-payment-application.ts';

export interface PrimeContractTotals {
  grand_total: number;
  /** Sum of the contract's approved change orders. */
  approved_change_orders: number;
  pending_change_orders_amount: number;
  draft_change_orders_amount: number;
  /** grand_total + approved_change_orders. */
  revised_contract_amount: number;
  /** Approved owner invoices: completed and stored, before retainage. */
  owner_invoices_amount: number;
  total_payments: number;
  /** revised_contract_amount − total_payments. */
  outstanding_balance: number;
  percentage_paid: number;
}

const PENDING_STATUSES: ReadonlySet<PrimeChangeOrderStatus> = new Set([
  'pending',
  'revised',
  'pricing',
  'not_pricing',
  'proceeding',
  'not_proceeding',
  'pending_billable',
]);

/** A change order's grand total: its lines (the simulator has no markup). */
export function primeChangeOrderTotal(co: PrimeChangeOrder): number {
  return sumMoney(co.line_items.map((l) => l.amount));
}

export function computePrimeContractTotals(store: ProcoreStore, contract: PrimeContract): PrimeContractTotals {
  const grandTotal = sumMoney(contract.line_items.map((l) => l.amount));
  const changeOrders = store.primeChangeOrders.list(contract.project_id).filter((co) => co.contract_id === contract.id);
  const sumWhere = (wanted: (s: PrimeChangeOrderStatus) => boolean) => sumMoney(changeOrders.filter((co) => wanted(co.status)).map(primeChangeOrderTotal));
  const approved = sumWhere((s) => s === 'approved');
  const revised = sumMoney([grandTotal, approved]);
  const approvedInvoices = store.paymentApplications.list(contract.project_id).filter((a) => a.contract_id === contract.id && a.status === 'approved');
  const ownerInvoices = sumMoney(approvedInvoices.map((a) => summarizePaymentApplication(store, a).completed_and_stored_this_period));
  const payments = sumMoney(
    store.primeContractPayments
      .list(contract.project_id)
      .filter((p) => p.contract_id === contract.id)
      .map((p) => p.amount),
  );
  return {
    grand_total: grandTotal,
    approved_change_orders: approved,
    pending_change_orders_amount: sumWhere((s) => PENDING_STATUSES.has(s)),
    draft_change_orders_amount: sumWhere((s) => s === 'draft'),
    revised_contract_amount: revised,
    owner_invoices_amount: ownerInvoices,
    total_payments: payments,
    outstanding_balance: sumMoney([revised, -payments]),
    percentage_paid: toCents(revised) === 0 ? 0 : (toCents(payments) / toCents(revised)) * 100,
  };
}

// The money summary Show Prime Contract answers (RestV10PrimeContractIdGet: grand_total, approved_change_orders,
// revised_contract_amount "Grand total, plus approved change orders", owner_invoices_amount, total_payments,
// outstanding_balance "Revised contract amount minus total payments", percentage_paid). The simulator has no prime
// contract change orders: approved_change_orders is 0 and the revised amount is the grand total.

import { sumMoney, toCents } from './money.ts';
import type { PrimeContract } from './records.ts';
import type { ProcoreStore } from './procore-store.ts';
import { summarizePaymentApplication } from './summarize-payment-application.ts';

export interface PrimeContractTotals {
  grand_total: number;
  approved_change_orders: number;
  revised_contract_amount: number;
  /** Approved owner invoices: completed and stored, before retainage. */
  owner_invoices_amount: number;
  total_payments: number;
  outstanding_balance: number;
  percentage_paid: number;
}

export function computePrimeContractTotals(store: ProcoreStore, contract: PrimeContract): PrimeContractTotals {
  const grandTotal = sumMoney(contract.line_items.map((l) => l.amount));
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
    approved_change_orders: 0,
    revised_contract_amount: grandTotal,
    owner_invoices_amount: ownerInvoices,
    total_payments: payments,
    outstanding_balance: sumMoney([grandTotal, -payments]),
    percentage_paid: toCents(grandTotal) === 0 ? 0 : (toCents(payments) / toCents(grandTotal)) * 100,
  };
}

// Prime contracts (API-CONTRACT.md "Prime contracts"): List GET /rest/v1.0/prime_contracts?project_id= and Show
// GET /rest/v1.0/prime_contract/{id}?project_id= (singular in Procore's v1.0 path), with line_items and
// payments_received on Show only.

import { ok } from '../http/api-result.ts';
import { notFound } from '../http/api-error.ts';
import type { ApiContext, ApiRoute } from '../api/api-context.ts';
import { listRecords } from '../api/list-records.ts';
import { pathId, resolveProject } from '../api/resolve-scope.ts';
import { computePrimeContractTotals } from '../model/compute-prime-contract-totals.ts';
import { formatMoney } from '../model/money.ts';
import type { ProcoreStore } from '../model/procore-store.ts';
import type { PrimeContract, PrimeContractLineItem } from '../model/records.ts';
import { renderPrimeContractPayment } from './handle-prime-contract-payments.ts';
import { costCodeRef, lineItemTypeRef, vendorRef } from './render-references.ts';

function renderLineItem(store: ProcoreStore, l: PrimeContractLineItem): Record<string, unknown> {
  return {
    id: l.id,
    position: l.position,
    description: l.description,
    amount: formatMoney(l.amount),
    total_amount: formatMoney(l.amount),
    extended_amount: formatMoney(l.amount),
    extended_type: 'manual',
    cost_code: costCodeRef(store, l.cost_code_id),
    line_item_type: lineItemTypeRef(store, l.line_item_type_id),
    origin_id: l.origin_id,
    origin_data: l.origin_data,
    created_at: l.created_at,
    updated_at: l.updated_at,
  };
}

/** The owner: a directory vendor, or the seeded owner outside the directory (records.ts PrimeContractOwner). */
function ownerRef(store: ProcoreStore, c: PrimeContract): Record<string, unknown> | null {
  if (c.vendor_id !== null) return vendorRef(store, c.vendor_id);
  return c.owner ? { id: c.owner.id, company: c.owner.name, name: c.owner.name, origin_id: null, origin_data: null } : null;
}

export function renderPrimeContract(store: ProcoreStore, c: PrimeContract, show: boolean): Record<string, unknown> {
  const common: Record<string, unknown> = {
    id: c.id,
    project_id: c.project_id,
    number: c.number,
    title: c.title,
    description: c.description,
    status: c.status,
    executed: c.executed,
    accounting_method: 'amount',
    private: false,
    vendor: ownerRef(store, c),
    retainage_percent: formatMoney(c.retainage_percent),
    contract_date: c.contract_date,
    execution_date: c.execution_date,
    approval_letter_date: c.approval_letter_date,
    signed_contract_received_date: c.signed_contract_received_date,
    origin_id: c.origin_id,
    origin_data: c.origin_data,
    created_at: c.created_at,
    updated_at: c.updated_at,
  };
  const totals = computePrimeContractTotals(store, c);
  if (!show) return { ...common, grand_total: formatMoney(totals.grand_total) };
  return {
    ...common,
    grand_total: formatMoney(totals.grand_total),
    line_items_total: formatMoney(totals.grand_total),
    approved_change_orders: formatMoney(totals.approved_change_orders),
    revised_contract_amount: formatMoney(totals.revised_contract_amount),
    pending_change_orders_amount: formatMoney(totals.pending_change_orders_amount),
    draft_change_orders_amount: formatMoney(totals.draft_change_orders_amount),
    owner_invoices_amount: formatMoney(totals.owner_invoices_amount),
    total_payments: formatMoney(totals.total_payments),
    outstanding_balance: formatMoney(totals.outstanding_balance),
    percentage_paid: totals.percentage_paid.toFixed(2),
    allow_payment_applications: true,
    allow_payments: true,
    line_items: c.line_items.map((l) => renderLineItem(store, l)),
    payments_received: store.primeContractPayments
      .list(c.project_id)
      .filter((p) => p.contract_id === c.id)
      .map(renderPrimeContractPayment),
  };
}

/** The prime contract named by `id` in the request's project, or 404. */
export function findPrimeContract(ctx: ApiContext, id: number): PrimeContract {
  const project = resolveProject(ctx);
  const contract = ctx.store.primeContracts.get(id);
  if (contract === undefined || contract.project_id !== project.id) throw notFound();
  return contract;
}

export const primeContractRoutes: ApiRoute[] = [
  {
    method: 'GET',
    template: '/rest/v1.0/prime_contracts',
    handler: (ctx) => {
      const project = resolveProject(ctx);
      return listRecords(ctx, ctx.store.primeContracts.list(project.id), (c) => renderPrimeContract(ctx.store, c, false));
    },
  },
  {
    method: 'GET',
    template: '/rest/v1.0/prime_contract/{id}',
    handler: (ctx) => ok(renderPrimeContract(ctx.store, findPrimeContract(ctx, pathId(ctx, 'id')), true)),
  },
];

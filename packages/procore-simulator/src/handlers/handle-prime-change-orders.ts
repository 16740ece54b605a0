// Prime contract change orders (API-CONTRACT.md "Prime contract change orders"): Show All Prime Change Orders
// GET /rest/v1.0/projects/{project_id}/prime_change_orders (filters[contract_id], filters[status], filters[executed],
// plus the common filters[id] / filters[updated_at]) and Show Prime Change Order GET …/{id}. Procore documents no
// answer schema for these: the fields are the change order package schema's (the client's file header says which).
// Line values go out as amount (v2.0), total_amount and extended_amount (v1.0 change order schema).

import { badRequest } from '../http/api-error.ts';
import { ok } from '../http/api-result.ts';
import { parseIdList, parseStringList } from '../http/parse-list-filters.ts';
import type { ApiRoute } from '../api/api-context.ts';
import { listRecords } from '../api/list-records.ts';
import { inProject, pathId, resolveProject } from '../api/resolve-scope.ts';
import { primeChangeOrderTotal } from '../model/compute-prime-contract-totals.ts';
import { formatMoney } from '../model/money.ts';
import type { ProcoreStore } from '../model/procore-store.ts';
import type { PrimeChangeOrder } from '../model/records.ts';
import { costCodeRef, lineItemTypeRef } from './render-references.ts';

export function renderPrimeChangeOrder(store: ProcoreStore, co: PrimeChangeOrder): Record<string, unknown> {
  const contract = store.primeContracts.get(co.contract_id);
  return {
    id: co.id,
    type: 'PrimeContractChangeOrder',
    project_id: co.project_id,
    contract_id: co.contract_id,
    contract: contract ? { id: contract.id, number: contract.number, title: contract.title } : null,
    number: co.number,
    title: co.title,
    description: co.description,
    status: co.status,
    executed: co.executed,
    private: false,
    revision: co.revision,
    grand_total: formatMoney(primeChangeOrderTotal(co)),
    due_date: co.due_date,
    invoiced_date: co.invoiced_date,
    paid_date: co.paid_date,
    signed_change_order_received_date: co.signed_change_order_received_date,
    reviewed_at: co.reviewed_at,
    schedule_impact_amount: null,
    line_items: co.line_items.map((l) => ({
      id: l.id,
      position: l.position,
      description: l.description,
      amount: formatMoney(l.amount),
      total_amount: formatMoney(l.amount),
      extended_amount: formatMoney(l.amount),
      quantity: null,
      uom: null,
      unit_cost: null,
      cost_code: costCodeRef(store, l.cost_code_id),
      line_item_type: lineItemTypeRef(store, l.line_item_type_id),
      prime_line_item_id: l.prime_contract_line_item_id,
      created_at: l.created_at,
      updated_at: l.updated_at,
    })),
    origin_id: co.origin_id,
    origin_data: co.origin_data,
    created_at: co.created_at,
    updated_at: co.updated_at,
  };
}

/** filters[executed]=true|false (a boolean filter in Procore's list). */
function parseExecuted(query: URLSearchParams): boolean | null {
  const value = query.get('filters[executed]');
  if (value === null || value === '') return null;
  if (value !== 'true' && value !== 'false') throw badRequest('Invalid filters[executed]');
  return value === 'true';
}

export const primeChangeOrderRoutes: ApiRoute[] = [
  {
    method: 'GET',
    template: '/rest/v1.0/projects/{project_id}/prime_change_orders',
    handler: (ctx) => {
      const project = resolveProject(ctx, ctx.params['project_id']);
      const statuses = parseStringList(ctx.query, 'status');
      const contracts = parseIdList(ctx.query, 'contract_id');
      const executed = parseExecuted(ctx.query);
      return listRecords(
        ctx,
        ctx.store.primeChangeOrders.list(project.id),
        (co) => renderPrimeChangeOrder(ctx.store, co),
        (co) =>
          (statuses === null || statuses.has(co.status)) &&
          (contracts === null || contracts.has(co.contract_id)) &&
          (executed === null || co.executed === executed),
      );
    },
  },
  {
    method: 'GET',
    template: '/rest/v1.0/projects/{project_id}/prime_change_orders/{id}',
    handler: (ctx) => {
      const project = resolveProject(ctx, ctx.params['project_id']);
      return ok(renderPrimeChangeOrder(ctx.store, inProject(ctx.store.primeChangeOrders.get(pathId(ctx, 'id')), project.id)));
    },
  },
];

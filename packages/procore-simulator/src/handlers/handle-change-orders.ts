import { ok } from '../http/api-result.ts';
import { parseIdList, parseStringList } from '../http/parse-list-filters.ts';
import type { ApiRoute } from '../api/api-context.ts';
import { listRecords } from '../api/list-records.ts';
import { inProject, pathId, resolveProject } from '../api/resolve-scope.ts';
import { formatMoney, sumMoney } from '../model/money.ts';
import type { ProcoreStore } from '../model/procore-store.ts';
import type { CommitmentChangeOrder } from '../model/records.ts';
import { costCodeRef, lineItemTypeRef } from './render-references.ts';

export function renderChangeOrder(store: ProcoreStore, co: CommitmentChangeOrder): Record<string, unknown> {
  const contract = store.commitments.get(co.contract_id);
  return {
    id: co.id,
    number: co.number,
    title: co.title,
    description: co.description,
    status: co.status,
    executed: co.executed,
    due_date: co.due_date,
    approved_date: co.approved_date,
    contract_id: co.contract_id,
    contract: contract ? { id: contract.id, number: contract.number, title: contract.title, type: contract.type } : null,
    project_id: co.project_id,
    grand_total: formatMoney(sumMoney(co.line_items.map((l) => l.amount))),
    line_items: co.line_items.map((l) => ({
      id: l.id,
      description: l.description,
      amount: formatMoney(l.amount),
      cost_code_id: l.cost_code_id,
      cost_code: costCodeRef(store, l.cost_code_id),
      line_item_type_id: l.line_item_type_id,
      line_item_type: lineItemTypeRef(store, l.line_item_type_id),
      commitment_line_item_id: l.commitment_line_item_id,
      created_at: l.created_at,
      updated_at: l.updated_at,
    })),
    origin_id: co.origin_id,
    origin_data: co.origin_data,
    created_at: co.created_at,
    updated_at: co.updated_at,
  };
}

export const changeOrderRoutes: ApiRoute[] = [
  {
    method: 'GET',
    template: '/rest/v1.0/projects/{project_id}/commitment_change_orders',
    handler: (ctx) => {
      const project = resolveProject(ctx, ctx.params['project_id']);
      const statuses = parseStringList(ctx.query, 'status');
      const contracts = parseIdList(ctx.query, 'contract_id');
      return listRecords(
        ctx,
        ctx.store.changeOrders.list(project.id),
        (co) => renderChangeOrder(ctx.store, co),
        (co) => (statuses === null || statuses.has(co.status)) && (contracts === null || contracts.has(co.contract_id)),
      );
    },
  },
  {
    method: 'GET',
    template: '/rest/v1.0/projects/{project_id}/commitment_change_orders/{id}',
    handler: (ctx) => {
      const project = resolveProject(ctx, ctx.params['project_id']);
      return ok(renderChangeOrder(ctx.store, inProject(ctx.store.changeOrders.get(pathId(ctx, 'id')), project.id)));
    },
  },
];

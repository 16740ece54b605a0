import { created, ok } from '../http/api-result.ts';
import { notFound, unprocessable } from '../http/api-error.ts';
import { paginate } from '../http/paginate.ts';
import type { ApiRoute } from '../api/api-context.ts';
import { ItemReader } from '../api/item-reader.ts';
import { listRecords } from '../api/list-records.ts';
import { pathId, resolveProject } from '../api/resolve-scope.ts';
import { readOrigin } from '../api/run-sync.ts';
import { computeBudgetRows } from '../model/compute-budget-rows.ts';
import { formatMoney } from '../model/money.ts';
import type { ProcoreStore } from '../model/procore-store.ts';
import type { BudgetLineItem } from '../model/records.ts';
import { costCodeRef, lineItemTypeRef } from './render-references.ts';

export function renderBudgetLineItem(store: ProcoreStore, b: BudgetLineItem): Record<string, unknown> {
  const cc = store.costCodes.get(b.cost_code_id);
  const division = cc?.parent_id ? store.costCodes.get(cc.parent_id) : undefined;
  return {
    id: b.id,
    project_id: b.project_id,
    cost_code_id: b.cost_code_id,
    cost_code: costCodeRef(store, b.cost_code_id),
    division: division ? { id: division.id, name: division.name, full_code: division.full_code } : null,
    line_item_type_id: b.line_item_type_id,
    line_item_type: lineItemTypeRef(store, b.line_item_type_id),
    description: b.description,
    original_budget_amount: formatMoney(b.original_budget_amount),
    uom: b.uom,
    quantity: b.quantity === null ? null : String(b.quantity),
    unit_cost: b.unit_cost === null ? null : formatMoney(b.unit_cost),
    origin_id: b.origin_id,
    origin_data: b.origin_data,
    created_at: b.created_at,
    updated_at: b.updated_at,
  };
}

export const budgetRoutes: ApiRoute[] = [
  {
    method: 'GET',
    template: '/rest/v1.0/budget_views',
    handler: (ctx) => {
      const project = resolveProject(ctx);
      const views = ctx.store.budgetViews.list(project.company_id);
      const page = paginate(views, { url: ctx.url, maxPerPage: ctx.config.maxPerPage });
      return ok(
        page.items.map((v) => ({ id: v.id, name: v.name, description: v.description })),
        page.headers,
      );
    },
  },
  {
    method: 'GET',
    template: '/rest/v1.0/budget_views/{budget_view_id}/detail_rows',
    handler: (ctx) => {
      const project = resolveProject(ctx);
      const view = ctx.store.budgetViews.get(pathId(ctx, 'budget_view_id'));
      if (view === undefined || view.company_id !== project.company_id) throw notFound();
      const company = ctx.store.companies.get(project.company_id);
      const rows = computeBudgetRows(ctx.store, project);
      const page = paginate(rows, { url: ctx.url, maxPerPage: ctx.config.maxPerPage });
      return ok(
        page.items.map((row) => {
          const cc = ctx.store.costCodes.get(row.line.cost_code_id);
          const division = cc?.parent_id ? ctx.store.costCodes.get(cc.parent_id) : undefined;
          const type = ctx.store.lineItemTypes.get(row.line.line_item_type_id);
          return {
            id: row.line.id,
            budget_line_item_id: row.line.id,
            company_id: project.company_id,
            company: company?.name ?? null,
            project_id: project.id,
            project: project.name,
            biller_id: project.id,
            biller: project.name,
            biller_type: 'Project',
            root_cost_code_id: division?.id ?? cc?.id ?? null,
            root_cost_code: division ? `${division.full_code} - ${division.name}` : null,
            cost_code_id: row.line.cost_code_id,
            cost_code: cc ? `${cc.full_code} - ${cc.name}` : null,
            cost_code_origin_id: cc?.origin_id ?? null,
            category_id: row.line.line_item_type_id,
            category: type?.name ?? null,
            original_budget_amount: formatMoney(row.original_budget_amount),
            budget_modifications: formatMoney(0),
            approved_cos: formatMoney(row.approved_cos),
            revised_budget: formatMoney(row.revised_budget),
            committed_costs: formatMoney(row.committed_costs),
            pending_cost_changes: formatMoney(row.pending_cost_changes),
            direct_costs: formatMoney(row.direct_costs),
            job_to_date_costs: formatMoney(row.job_to_date_costs),
            projected_costs: formatMoney(row.committed_costs + row.pending_cost_changes + row.direct_costs),
            unbudgeted_reason: null,
          };
        }),
        page.headers,
      );
    },
  },
  {
    method: 'GET',
    template: '/rest/v1.0/budget_line_items',
    handler: (ctx) => {
      const project = resolveProject(ctx);
      return listRecords(ctx, ctx.store.budgetLineItems.list(project.id), (b) => renderBudgetLineItem(ctx.store, b));
    },
  },
  {
    method: 'POST',
    template: '/rest/v1.0/budget_line_items',
    handler: (ctx) => {
      const project = resolveProject(ctx);
      const raw = ctx.body['budget_line_item'];
      const item = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
      const r = new ItemReader(item);
      if (project.budget_locked) r.error('base', 'The budget is locked; unlock it to add line items');
      const costCodeId = r.int('cost_code_id', true);
      const cc = typeof costCodeId === 'number' ? ctx.store.costCodes.get(costCodeId) : undefined;
      if (typeof costCodeId === 'number' && (cc === undefined || cc.project_id !== project.id)) r.error('cost_code_id', 'is invalid');
      const typeRaw = r.int('line_item_type_id');
      const types = ctx.store.lineItemTypes.list(project.company_id);
      const type = typeof typeRaw === 'number' ? ctx.store.lineItemTypes.get(typeRaw) : (types.find((t) => t.code === 'O') ?? types[0]);
      if (type === undefined || type.company_id !== project.company_id) r.error('line_item_type_id', 'is invalid');
      const amount = r.money('original_budget_amount') ?? 0;
      const description = r.string('description');
      const quantity = r.money('quantity');
      const unitCost = r.money('unit_cost');
      const uom = r.string('uom', { max: 20 });
      const origin = readOrigin(r);
      if (ctx.store.budgetLineItems.originTaken(project.company_id, origin.origin_id)) r.error('origin_id', 'has already been taken');
      if (cc && type && ctx.store.budgetLineItems.list(project.id).some((b) => b.cost_code_id === cc.id && b.line_item_type_id === type.id)) {
        r.error('base', 'A budget line item already exists for this cost code and category');
      }
      if (!r.ok || cc === undefined || type === undefined) throw unprocessable(r.errors);
      const line = ctx.store.create(
        ctx.store.budgetLineItems,
        'budgetLineItem',
        {
          company_id: project.company_id,
          project_id: project.id,
          cost_code_id: cc.id,
          line_item_type_id: type.id,
          original_budget_amount: amount,
          description: description ?? null,
          uom: uom ?? null,
          quantity: quantity ?? null,
          unit_cost: unitCost ?? null,
          origin_id: origin.origin_id ?? null,
          origin_data: origin.origin_data ?? null,
        },
        ctx.actor,
      );
      return created(renderBudgetLineItem(ctx.store, line));
    },
  },
];

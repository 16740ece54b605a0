import { ok } from '../http/api-result.ts';
import { notFound } from '../http/api-error.ts';
import { parseIdList, parseStringList } from '../http/parse-list-filters.ts';
import type { ApiContext, ApiRoute } from '../api/api-context.ts';
import { listRecords } from '../api/list-records.ts';
import { pathId, resolveProject } from '../api/resolve-scope.ts';
import { computeCommitmentTotals } from '../model/compute-commitment-totals.ts';
import { formatMoney } from '../model/money.ts';
import type { ProcoreStore } from '../model/procore-store.ts';
import type { Commitment, CommitmentLineItem, CommitmentType } from '../model/records.ts';
import { costCodeRef, lineItemTypeRef, vendorRef } from './render-references.ts';

export function renderCommitmentLineItem(store: ProcoreStore, l: CommitmentLineItem): Record<string, unknown> {
  return {
    id: l.id,
    position: l.position,
    description: l.description,
    amount: formatMoney(l.amount),
    total_amount: formatMoney(l.amount),
    extended_amount: formatMoney(l.amount),
    quantity: String(l.quantity),
    unit_cost: formatMoney(l.unit_cost),
    uom: l.uom,
    extended_type: 'manual',
    cost_code_id: l.cost_code_id,
    cost_code: costCodeRef(store, l.cost_code_id),
    line_item_type_id: l.line_item_type_id,
    line_item_type: lineItemTypeRef(store, l.line_item_type_id),
    holder: { id: l.commitment_id, holder_type: store.commitments.get(l.commitment_id)?.type ?? null },
    origin_id: l.origin_id,
    origin_data: l.origin_data,
    created_at: l.created_at,
    updated_at: l.updated_at,
  };
}

export function renderCommitment(store: ProcoreStore, c: Commitment, withLineItems: boolean): Record<string, unknown> {
  const totals = computeCommitmentTotals(store, c);
  const project = store.projects.get(c.project_id);
  const common: Record<string, unknown> = {
    id: c.id,
    number: c.number,
    title: c.title,
    description: c.description,
    status: c.status,
    executed: c.executed,
    accounting_method: 'amount',
    private: false,
    vendor: vendorRef(store, c.vendor_id),
    vendor_id: c.vendor_id,
    project: project ? { id: project.id, name: project.name } : null,
    project_id: c.project_id,
    retainage_percent: formatMoney(c.retainage_percent),
    contract_date: c.contract_date,
    signed_contract_received_date: c.signed_contract_received_date,
    payment_terms: c.payment_terms,
    requisitions_are_enabled: c.requisitions_are_enabled,
    erp_locked: c.erp_locked,
    grand_total: formatMoney(totals.grand_total),
    approved_change_orders: formatMoney(totals.approved_change_orders),
    pending_change_orders: formatMoney(totals.pending_change_orders),
    draft_change_orders_amount: formatMoney(totals.draft_change_orders_amount),
    revised_contract: formatMoney(totals.revised_contract),
    pending_revised_contract: formatMoney(totals.pending_revised_contract),
    total_requisitions_amount: formatMoney(totals.total_requisitions_amount),
    total_payments: formatMoney(totals.total_payments),
    remaining_balance_outstanding: formatMoney(totals.remaining_balance_outstanding),
    percentage_paid: totals.percentage_paid.toFixed(2),
    origin_id: c.origin_id,
    origin_data: c.origin_data,
    created_at: c.created_at,
    updated_at: c.updated_at,
  };
  const specific: Record<string, unknown> =
    c.type === 'WorkOrderContract'
      ? { contract_start_date: c.start_date, contract_estimated_completion_date: c.completion_date, inclusions: c.inclusions, exclusions: c.exclusions }
      : { delivery_date: c.delivery_date, ship_via: c.ship_via, bill_to_address: null, ship_to_address: project?.address ?? null };
  const lines = withLineItems ? { line_items: store.commitmentLineItems.list(c.id).map((l) => renderCommitmentLineItem(store, l)) } : {};
  return { ...common, ...specific, ...lines };
}

function findCommitment(ctx: ApiContext, type: CommitmentType, param: string): Commitment {
  const project = resolveProject(ctx);
  const c = ctx.store.commitments.get(pathId(ctx, param));
  if (c === undefined || c.project_id !== project.id || c.type !== type) throw notFound();
  return c;
}

function commitmentRoutes(type: CommitmentType, resource: string): ApiRoute[] {
  return [
    {
      method: 'GET',
      template: `/rest/v1.0/${resource}`,
      handler: (ctx) => {
        const project = resolveProject(ctx);
        const statuses = parseStringList(ctx.query, 'status');
        const vendors = parseIdList(ctx.query, 'vendor_id');
        return listRecords(
          ctx,
          ctx.store.commitments.list(project.id),
          (c) => renderCommitment(ctx.store, c, false),
          (c) => c.type === type && (statuses === null || statuses.has(c.status)) && (vendors === null || (c.vendor_id !== null && vendors.has(c.vendor_id))),
        );
      },
    },
    {
      method: 'GET',
      template: `/rest/v1.0/${resource}/{id}`,
      handler: (ctx) => ok(renderCommitment(ctx.store, findCommitment(ctx, type, 'id'), true)),
    },
    {
      method: 'GET',
      template: `/rest/v1.0/${resource}/{contract_id}/line_items`,
      handler: (ctx) => {
        const c = findCommitment(ctx, type, 'contract_id');
        return listRecords(ctx, ctx.store.commitmentLineItems.list(c.id), (l) => renderCommitmentLineItem(ctx.store, l));
      },
    },
  ];
}

export const commitmentRoutesAll: ApiRoute[] = [
  ...commitmentRoutes('WorkOrderContract', 'work_order_contracts'),
  ...commitmentRoutes('PurchaseOrderContract', 'purchase_order_contracts'),
];

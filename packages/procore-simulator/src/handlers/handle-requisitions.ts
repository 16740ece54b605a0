import { created, noContent, ok } from '../http/api-result.ts';
import { ApiError, badRequest, unprocessable } from '../http/api-error.ts';
import { parseIdList, parseStringList } from '../http/parse-list-filters.ts';
import type { ApiContext, ApiRoute } from '../api/api-context.ts';
import { ItemReader, definedOnly } from '../api/item-reader.ts';
import { listRecords } from '../api/list-records.ts';
import { inProject, pathId, resolveProject } from '../api/resolve-scope.ts';
import { readOrigin } from '../api/run-sync.ts';
import { formatMoney, sumMoney } from '../model/money.ts';
import type { ProcoreStore } from '../model/procore-store.ts';
import type { Requisition } from '../model/records.ts';
import { summarizeRequisition } from '../model/summarize-requisition.ts';
import { createRequisitionFromRequest, REQUISITION_STATUSES as STATUSES } from './create-requisition.ts';
import { costCodeRef } from './render-references.ts';
/** Fields the ERP integration may always write, locked or not (API-CONTRACT.md: PATCH origin_id/origin_data/erp_status). */
const ERP_FIELDS = new Set(['origin_id', 'origin_data', 'erp_status']);

/** Requisition summary inputs: the commitment's SOV total and its approved change orders. */
export function requisitionSummary(store: ProcoreStore, r: Requisition) {
  const original = sumMoney(store.commitmentLineItems.list(r.commitment_id).map((l) => l.amount));
  const approvedCos = sumMoney(
    store.changeOrders
      .list(r.project_id)
      .filter((co) => co.contract_id === r.commitment_id && co.status === 'approved')
      .flatMap((co) => co.line_items.map((l) => l.amount)),
  );
  return summarizeRequisition(r, original, approvedCos);
}

export function renderRequisition(store: ProcoreStore, r: Requisition): Record<string, unknown> {
  const commitment = store.commitments.get(r.commitment_id);
  const vendor = commitment?.vendor_id ? store.vendors.get(commitment.vendor_id) : undefined;
  const summary = requisitionSummary(store, r);
  const payments = store.contractPayments.list(r.project_id).filter((p) => p.requisition_id === r.id);
  const lastPayment =
    payments
      .map((p) => p.date)
      .sort()
      .at(-1) ?? null;
  const previous = store.requisitions
    .list(r.project_id)
    .filter((x) => x.commitment_id === r.commitment_id && x.number < r.number)
    .at(-1);
  return {
    id: r.id,
    number: r.number,
    invoice_number: r.invoice_number,
    status: r.status,
    billing_date: r.billing_date,
    requisition_start: r.period_start,
    requisition_end: r.period_end,
    period_id: null,
    submitted_at: r.submitted_at,
    payment_date: lastPayment,
    final: r.final,
    project_id: r.project_id,
    commitment_id: r.commitment_id,
    commitment_type: commitment?.type ?? null,
    contract_name: commitment?.title ?? null,
    vendor_id: vendor?.id ?? null,
    vendor_name: vendor?.name ?? null,
    erp_status: r.erp_status,
    erp_locked: r.erp_locked,
    percent_complete:
      summary.contract_sum_to_date === 0 ? '0.00' : ((summary.total_completed_and_stored_to_date / summary.contract_sum_to_date) * 100).toFixed(2),
    total_claimed_amount: formatMoney(sumMoney(r.items.map((i) => i.work_completed_this_period + i.materials_presently_stored))),
    summary: Object.fromEntries(Object.entries(summary).map(([k, v]) => [k, formatMoney(v)])),
    previous_requisition_id: previous?.id ?? null,
    // Item fields as in RestV11RequisitionsIdPatch ("Extended Requisition" items).
    items: r.items.map((i, index) => ({
      id: i.id,
      item_type: i.item_type ?? 'contract_item',
      position: index + 1,
      line_item_id: i.line_item_id,
      ...(i.item_type === 'change_order_item' ? { commitment_line_item_id: i.commitment_line_item_id ?? null } : {}),
      cost_code_id: i.cost_code_id,
      cost_code: costCodeRef(store, i.cost_code_id),
      description_of_work: i.description_of_work,
      scheduled_value: formatMoney(i.scheduled_value),
      work_completed_from_previous_application: formatMoney(i.work_completed_from_previous_application),
      work_completed_this_period: formatMoney(i.work_completed_this_period),
      materials_presently_stored: formatMoney(i.materials_presently_stored),
      total_completed_and_stored_to_date: formatMoney(i.work_completed_from_previous_application + i.work_completed_this_period + i.materials_presently_stored),
      work_completed_retainage_percent_this_period: formatMoney(i.work_completed_retainage_percent_this_period),
      work_completed_retainage_from_previous_application: formatMoney(i.work_completed_retainage_from_previous_application),
      work_completed_retainage_retained_this_period: formatMoney(i.work_completed_retainage_retained_this_period),
      gross_amount: formatMoney(i.work_completed_this_period + i.materials_presently_stored),
      net_amount: formatMoney(i.work_completed_this_period + i.materials_presently_stored - i.work_completed_retainage_retained_this_period),
    })),
    origin_id: r.origin_id,
    origin_data: r.origin_data,
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}

function updateRequisition(ctx: ApiContext, requisition: Requisition): void {
  const raw = ctx.body['requisition'];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw badRequest('requisition is required');
  const item = raw as Record<string, unknown>;
  const otherFields = Object.keys(item).filter((k) => !ERP_FIELDS.has(k));
  if (requisition.erp_locked && otherFields.length > 0) {
    throw new ApiError(422, { errors: { base: [`Requisition is locked by the ERP integration; only ${[...ERP_FIELDS].join(', ')} can change`] } });
  }
  const r = new ItemReader(item);
  const erpStatus = r.string('erp_status', { max: 50 });
  r.string('origin_data', { max: 65_535 });
  const origin = readOrigin(r);
  if (ctx.store.requisitions.originTaken(requisition.company_id, origin.origin_id, requisition.id)) r.error('origin_id', 'has already been taken');
  const patch = definedOnly({
    ...origin,
    erp_status: erpStatus,
    // Simulator rule: a requisition marked synced to the ERP becomes ERP-locked (API-CONTRACT.md "erp_locked").
    erp_locked: erpStatus === undefined ? undefined : erpStatus === 'synced',
    invoice_number: r.string('invoice_number'),
    billing_date: r.date('billing_date') ?? undefined,
    status: r.oneOf('status', STATUSES),
    final: r.bool('final'),
  });
  if (!r.ok) throw unprocessable(r.errors);
  ctx.store.update(ctx.store.requisitions, requisition, patch as Partial<Requisition>, ctx.actor);
}

export const requisitionRoutes: ApiRoute[] = [
  {
    method: 'GET',
    template: '/rest/v1.1/requisitions',
    handler: (ctx) => {
      const project = resolveProject(ctx);
      const commitments = parseIdList(ctx.query, 'commitment_id');
      const statuses = parseStringList(ctx.query, 'status');
      return listRecords(
        ctx,
        ctx.store.requisitions.list(project.id),
        (r) => renderRequisition(ctx.store, r),
        (r) => (commitments === null || commitments.has(r.commitment_id)) && (statuses === null || statuses.has(r.status)),
      );
    },
  },
  {
    method: 'POST',
    template: '/rest/v1.1/requisitions',
    handler: (ctx) => {
      const project = resolveProject(ctx);
      return created(renderRequisition(ctx.store, createRequisitionFromRequest(ctx, project)));
    },
  },
  {
    method: 'GET',
    template: '/rest/v1.1/requisitions/{id}',
    handler: (ctx) => {
      const project = resolveProject(ctx);
      return ok(renderRequisition(ctx.store, inProject(ctx.store.requisitions.get(pathId(ctx, 'id')), project.id)));
    },
  },
  {
    method: 'PATCH',
    template: '/rest/v1.1/requisitions/{id}',
    handler: (ctx) => {
      const project = resolveProject(ctx);
      const requisition = inProject(ctx.store.requisitions.get(pathId(ctx, 'id')), project.id);
      updateRequisition(ctx, requisition);
      return ok(renderRequisition(ctx.store, requisition));
    },
  },
  {
    method: 'DELETE',
    template: '/rest/v1.1/requisitions/{id}',
    handler: (ctx) => {
      const project = resolveProject(ctx);
      const requisition = inProject(ctx.store.requisitions.get(pathId(ctx, 'id')), project.id);
      // An invoice synced to the ERP is locked there (API-CONTRACT.md "erp_locked"): unlock it in Procore first.
      if (requisition.erp_locked) throw new ApiError(422, { errors: { base: ['Requisition is locked by the ERP integration and cannot be deleted'] } });
      ctx.store.remove(ctx.store.requisitions, requisition, ctx.actor);
      return noContent();
    },
  },
];

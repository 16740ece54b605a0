// Payment applications = owner invoices (API-CONTRACT.md "Payment applications"): a project's, one prime
// contract's, and Show with line items. Read only, as the connector uses them.

import { ok } from '../http/api-result.ts';
import { notFound } from '../http/api-error.ts';
import type { ApiRoute } from '../api/api-context.ts';
import { listRecords } from '../api/list-records.ts';
import { inProject, pathId, resolveProject } from '../api/resolve-scope.ts';
import { formatMoney } from '../model/money.ts';
import type { ProcoreStore } from '../model/procore-store.ts';
import type { PaymentApplication } from '../model/records.ts';
import { summarizePaymentApplication } from '../model/summarize-payment-application.ts';
import { findPrimeContract } from './handle-prime-contracts.ts';
import { costCodeRef } from './render-references.ts';

export function renderPaymentApplication(store: ProcoreStore, a: PaymentApplication): Record<string, unknown> {
  const summary = summarizePaymentApplication(store, a);
  return {
    id: a.id,
    project_id: a.project_id,
    contract_id: a.contract_id,
    number: a.number,
    invoice_number: a.invoice_number,
    status: a.status,
    billing_date: a.billing_date,
    period_start: a.period_start,
    period_end: a.period_end,
    origin_id: a.origin_id,
    origin_data: a.origin_data,
    // Simulator conveniences beside Procore's fields (not relied on by the client): the G702 summary of the period.
    completed_and_stored_this_period: formatMoney(summary.completed_and_stored_this_period),
    retainage_retained_this_period: formatMoney(summary.retainage_retained_this_period),
    retainage_released_this_period: formatMoney(summary.retainage_released_this_period),
    line_items: a.line_items.map((l, index) => {
      const line = summary.lines.get(l.id);
      return {
        id: l.id,
        // Procore's name for a change order row's type is not documented; 'change_order_line_item' is ours.
        type: l.prime_change_order_line_item_id ? 'change_order_line_item' : 'line_item',
        item_number: index + 1,
        prime_contract_line_item_id: l.prime_contract_line_item_id,
        prime_change_order_line_item_id: l.prime_change_order_line_item_id ?? null,
        cost_code: costCodeRef(store, l.cost_code_id),
        description_of_work: l.description_of_work,
        scheduled_value: formatMoney(l.scheduled_value),
        work_completed_this_period: formatMoney(l.work_completed_this_period),
        materials_presently_stored: formatMoney(l.materials_presently_stored),
        work_completed_retainage_retained_this_period: formatMoney(l.work_completed_retainage_retained_this_period),
        materials_stored_retainage_retained_this_period: formatMoney(l.materials_stored_retainage_retained_this_period),
        work_completed_retainage_released_this_period: formatMoney(l.work_completed_retainage_released_this_period),
        materials_stored_retainage_released_this_period: formatMoney(l.materials_stored_retainage_released_this_period),
        total_completed_and_stored_to_date: formatMoney(line?.total_completed_and_stored_to_date ?? 0),
        total_retainage_currently_retained: formatMoney(line?.total_retainage_currently_retained ?? 0),
        balance_to_finish: formatMoney(line?.balance_to_finish ?? 0),
      };
    }),
    created_at: a.created_at,
    updated_at: a.updated_at,
  };
}

export const paymentApplicationRoutes: ApiRoute[] = [
  {
    method: 'GET',
    template: '/rest/v1.0/payment_applications',
    handler: (ctx) => {
      const project = resolveProject(ctx);
      return listRecords(ctx, ctx.store.paymentApplications.list(project.id), (a) => renderPaymentApplication(ctx.store, a));
    },
  },
  {
    method: 'GET',
    template: '/rest/v1.0/prime_contracts/{prime_contract_id}/payment_applications',
    handler: (ctx) => {
      const contract = findPrimeContract(ctx, pathId(ctx, 'prime_contract_id'));
      return listRecords(
        ctx,
        ctx.store.paymentApplications.list(contract.project_id),
        (a) => renderPaymentApplication(ctx.store, a),
        (a) => a.contract_id === contract.id,
      );
    },
  },
  {
    method: 'GET',
    template: '/rest/v1.0/payment_applications/{id}',
    handler: (ctx) => {
      const project = resolveProject(ctx);
      const id = pathId(ctx, 'id');
      const app = ctx.store.paymentApplications.get(id);
      if (app === undefined) throw notFound();
      return ok(renderPaymentApplication(ctx.store, inProject(app, project.id)));
    },
  },
];

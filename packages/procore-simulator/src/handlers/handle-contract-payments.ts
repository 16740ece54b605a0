import { created, noContent } from '../http/api-result.ts';
import { badRequest, unprocessable } from '../http/api-error.ts';
import { parseIdList } from '../http/parse-list-filters.ts';
import type { ApiRoute } from '../api/api-context.ts';
import { ItemReader } from '../api/item-reader.ts';
import { listRecords } from '../api/list-records.ts';
import { inProject, pathId, resolveProject } from '../api/resolve-scope.ts';
import { readOrigin } from '../api/run-sync.ts';
import { formatMoney } from '../model/money.ts';
import type { ContractPayment } from '../model/records.ts';

export function renderContractPayment(p: ContractPayment): Record<string, unknown> {
  return {
    id: p.id,
    project_id: p.project_id,
    contract_id: p.contract_id,
    requisition_id: p.requisition_id,
    amount: formatMoney(p.amount),
    date: p.date,
    payment_number: p.payment_number,
    check_number: p.check_number,
    invoice_number: p.invoice_number,
    notes: p.notes,
    origin_id: p.origin_id,
    origin_data: p.origin_data,
    created_at: p.created_at,
    updated_at: p.updated_at,
  };
}

export const contractPaymentRoutes: ApiRoute[] = [
  {
    method: 'GET',
    template: '/rest/v1.0/projects/{project_id}/contract_payments',
    handler: (ctx) => {
      const project = resolveProject(ctx, ctx.params['project_id']);
      const contracts = parseIdList(ctx.query, 'contract_id');
      return listRecords(
        ctx,
        ctx.store.contractPayments.list(project.id),
        renderContractPayment,
        contracts === null ? undefined : (p) => contracts.has(p.contract_id),
      );
    },
  },
  {
    method: 'POST',
    template: '/rest/v1.0/projects/{project_id}/contract_payments',
    handler: (ctx) => {
      const project = resolveProject(ctx, ctx.params['project_id']);
      const raw = ctx.body['contract_payment'];
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw badRequest('contract_payment is required');
      const r = new ItemReader(raw as Record<string, unknown>);
      const contractId = r.int('contract_id', true);
      const contract = typeof contractId === 'number' ? ctx.store.commitments.get(contractId) : undefined;
      if (typeof contractId === 'number' && (contract === undefined || contract.project_id !== project.id)) r.error('contract_id', 'is invalid');
      const requisitionId = r.int('requisition_id');
      if (typeof requisitionId === 'number') {
        const req = ctx.store.requisitions.get(requisitionId);
        if (req === undefined || req.project_id !== project.id || (contract !== undefined && req.commitment_id !== contract.id))
          r.error('requisition_id', 'is invalid');
      }
      const amount = r.money('amount', true);
      if (amount === 0) r.error('amount', 'must be other than 0');
      const date = r.date('date', true);
      const paymentNumber = r.int('payment_number');
      const checkNumber = r.string('check_number');
      const invoiceNumber = r.string('invoice_number');
      const notes = r.string('notes', { max: 65_535 });
      r.string('origin_data', { max: 65_535 });
      const origin = readOrigin(r);
      if (ctx.store.contractPayments.originTaken(project.company_id, origin.origin_id)) r.error('origin_id', 'has already been taken');
      if (!r.ok || contract === undefined || amount === undefined || typeof date !== 'string') throw unprocessable(r.errors);
      const payment = ctx.store.create(
        ctx.store.contractPayments,
        'contractPayment',
        {
          company_id: project.company_id,
          project_id: project.id,
          contract_id: contract.id,
          requisition_id: typeof requisitionId === 'number' ? requisitionId : null,
          amount,
          date,
          payment_number: typeof paymentNumber === 'number' ? paymentNumber : null,
          check_number: checkNumber ?? null,
          invoice_number: invoiceNumber ?? null,
          notes: notes ?? null,
          origin_id: origin.origin_id ?? null,
          origin_data: origin.origin_data ?? null,
        },
        ctx.actor,
      );
      return created(renderContractPayment(payment));
    },
  },
  {
    method: 'DELETE',
    template: '/rest/v1.0/projects/{project_id}/contract_payments/{id}',
    handler: (ctx) => {
      const project = resolveProject(ctx, ctx.params['project_id']);
      const payment = inProject(ctx.store.contractPayments.get(pathId(ctx, 'id')), project.id);
      ctx.store.remove(ctx.store.contractPayments, payment, ctx.actor);
      return noContent();
    },
  },
];

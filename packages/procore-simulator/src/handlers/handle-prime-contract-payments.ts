// Payments received on prime contracts, served on Procore's Contract Payments endpoints (API-CONTRACT.md "Prime
// contract payments"): GET/POST /rest/v1.0/contract_payments and DELETE /rest/v1.0/contract_payments/{id}, with
// project_id and contract_id. GET also lists a commitment's payments when contract_id names a commitment (one
// resource in Procore); POST and DELETE serve prime contracts only (the cost side writes through the project-scoped
// paths). origin_id is unique per company across both kinds of contract payment.

import { created, noContent } from '../http/api-result.ts';
import { badRequest, notFound, unprocessable } from '../http/api-error.ts';
import type { ApiContext, ApiRoute } from '../api/api-context.ts';
import { ItemReader } from '../api/item-reader.ts';
import { listRecords } from '../api/list-records.ts';
import { parseId, pathId, resolveProject } from '../api/resolve-scope.ts';
import { readOrigin } from '../api/run-sync.ts';
import { formatMoney } from '../model/money.ts';
import type { PrimeContract, PrimeContractPayment, Project } from '../model/records.ts';
import { renderContractPayment } from './handle-contract-payments.ts';

const PAYMENT_METHODS = ['check', 'credit_card', 'electronic'] as const;

export function renderPrimeContractPayment(p: PrimeContractPayment): Record<string, unknown> {
  return {
    id: p.id,
    project_id: p.project_id,
    contract_id: p.contract_id,
    amount: formatMoney(p.amount),
    date: p.date,
    draw_request_number: p.draw_request_number,
    payment_number: p.payment_number,
    check_number: p.check_number,
    invoice_number: p.invoice_number,
    notes: p.notes,
    payment_method: p.payment_method,
    origin_id: p.origin_id,
    origin_data: p.origin_data,
    created_at: p.created_at,
    updated_at: p.updated_at,
  };
}

/** contract_id from the query or the body's top level (Procore: required on every Contract Payments call). */
function contractIdOf(ctx: ApiContext): number {
  const raw = ctx.query.get('contract_id') ?? ctx.body['contract_id'];
  if (raw === undefined || raw === null || raw === '') throw badRequest('contract_id is required');
  return parseId(raw, 'contract_id');
}

function primeContractIn(ctx: ApiContext, project: Project, contractId: number): PrimeContract {
  const contract = ctx.store.primeContracts.get(contractId);
  if (contract === undefined || contract.project_id !== project.id) throw notFound();
  return contract;
}

export const primeContractPaymentRoutes: ApiRoute[] = [
  {
    method: 'GET',
    template: '/rest/v1.0/contract_payments',
    handler: (ctx) => {
      const project = resolveProject(ctx);
      const contractId = contractIdOf(ctx);
      const commitment = ctx.store.commitments.get(contractId);
      if (commitment !== undefined && commitment.project_id === project.id) {
        return listRecords(ctx, ctx.store.contractPayments.list(project.id), renderContractPayment, (p) => p.contract_id === commitment.id);
      }
      const contract = primeContractIn(ctx, project, contractId);
      return listRecords(ctx, ctx.store.primeContractPayments.list(project.id), renderPrimeContractPayment, (p) => p.contract_id === contract.id);
    },
  },
  {
    method: 'POST',
    template: '/rest/v1.0/contract_payments',
    handler: (ctx) => {
      const project = resolveProject(ctx);
      const contract = primeContractIn(ctx, project, contractIdOf(ctx));
      const raw = ctx.body['contract_payment'];
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw badRequest('contract_payment is required');
      const r = new ItemReader(raw as Record<string, unknown>);
      const innerContractId = r.int('contract_id');
      if (typeof innerContractId === 'number' && innerContractId !== contract.id) r.error('contract_id', 'is invalid');
      // Procore's web app records a payment received only on an Approved or Complete prime contract
      // (support.procore.com, "Create a Payment Received for a Prime Contract").
      if (contract.status !== 'Approved' && contract.status !== 'Complete') r.error('contract_id', 'must be an Approved or Complete prime contract');
      const amount = r.money('amount', true);
      if (amount === 0) r.error('amount', 'must be other than 0');
      const date = r.date('date', true);
      const drawRequestNumber = r.int('draw_request_number');
      if (
        typeof drawRequestNumber === 'number' &&
        !ctx.store.paymentApplications.list(project.id).some((a) => a.contract_id === contract.id && a.number === drawRequestNumber)
      )
        r.error('draw_request_number', 'is invalid');
      const paymentNumber = r.int('payment_number');
      const checkNumber = r.string('check_number');
      const invoiceNumber = r.string('invoice_number');
      const notes = r.string('notes', { max: 65_535 });
      const method = r.oneOf('payment_method', PAYMENT_METHODS);
      r.string('origin_data', { max: 65_535 });
      const origin = readOrigin(r);
      if (
        ctx.store.primeContractPayments.originTaken(project.company_id, origin.origin_id) ||
        ctx.store.contractPayments.originTaken(project.company_id, origin.origin_id)
      )
        r.error('origin_id', 'has already been taken');
      if (!r.ok || amount === undefined || typeof date !== 'string') throw unprocessable(r.errors);
      const payment = ctx.store.create(
        ctx.store.primeContractPayments,
        'primeContractPayment',
        {
          company_id: project.company_id,
          project_id: project.id,
          contract_id: contract.id,
          amount,
          date,
          draw_request_number: typeof drawRequestNumber === 'number' ? drawRequestNumber : null,
          payment_number: typeof paymentNumber === 'number' ? paymentNumber : null,
          check_number: checkNumber ?? null,
          invoice_number: invoiceNumber ?? null,
          notes: notes ?? null,
          payment_method: method ?? null,
          origin_id: origin.origin_id ?? null,
          origin_data: origin.origin_data ?? null,
        },
        ctx.actor,
      );
      return created(renderPrimeContractPayment(payment));
    },
  },
  {
    method: 'DELETE',
    template: '/rest/v1.0/contract_payments/{id}',
    handler: (ctx) => {
      const project = resolveProject(ctx);
      const contract = primeContractIn(ctx, project, contractIdOf(ctx));
      const payment = ctx.store.primeContractPayments.get(pathId(ctx, 'id'));
      if (payment === undefined || payment.project_id !== project.id || payment.contract_id !== contract.id) throw notFound();
      ctx.store.remove(ctx.store.primeContractPayments, payment, ctx.actor);
      return noContent();
    },
  },
];

// Payments issued on commitments (← QuickBooks bill payments; docs/integration-map.md#bill-payments). API-CONTRACT.md:
// GET /rest/v1.0/projects/{project_id}/contract_payments, POST same { contract_payment: {…} },
// DELETE …/{id}; list filter filters[origin_id] (finding a payment again after an unknown outcome). Field names: Procore OpenAPI RestV10ContractPaymentsPost.

import { segment, type ProcoreId, type ResourceContext } from './resource-context.ts';

export interface ContractPayment {
  id: number;
  contract_id?: number | null;
  requisition_id?: number | null;
  /** Decimal string. */
  amount: string;
  date?: string | null;
  payment_number?: string | number | null;
  check_number?: string | null;
  invoice_number?: string | null;
  notes?: string | null;
  origin_id?: string | null;
  origin_data?: string | null;
  created_at?: string | null;
  updated_at?: string | null;
}

export interface NewContractPayment {
  contract_id: number;
  requisition_id?: number | undefined;
  amount: number | string;
  /** YYYY-MM-DD */
  date: string;
  payment_number?: string | number | undefined;
  check_number?: string | undefined;
  /** Unique per company: a second create with the same origin_id is refused (422), which makes reconciling safe. */
  origin_id: string;
  origin_data?: string | undefined;
}

export function createContractPaymentsApi({ transport }: ResourceContext) {
  const base = (projectId: ProcoreId) => `/rest/v1.0/projects/${segment(projectId)}/contract_payments`;
  return {
    /** `originId` filters on origin_id (Procore "Filtering on List Actions"); the caller should still compare
     * origin_id itself, in case the filter is not honoured. */
    async list(projectId: ProcoreId, options: { originId?: string | undefined } = {}): Promise<ContractPayment[]> {
      return transport.listAll<ContractPayment>(base(projectId), { 'filters[origin_id]': options.originId }, { perPage: null });
    },
    /** POST: not retried after a timeout / network error / 502 / 504 — the error's outcome is 'unknown':
     * list the payments and look for origin_id before creating again. */
    async create(projectId: ProcoreId, payment: NewContractPayment): Promise<ContractPayment> {
      return (await transport.request<ContractPayment>('POST', base(projectId), { body: { contract_payment: payment } })).body;
    },
    async delete(projectId: ProcoreId, id: ProcoreId): Promise<void> {
      await transport.request<unknown>('DELETE', `${base(projectId)}/${segment(id)}`);
    },
  };
}

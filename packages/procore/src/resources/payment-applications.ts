// Owner invoices: Procore "Payment Applications (Owner Invoices)" on a prime contract (issue 21). What the
// connector reads, as Procore's REST API v1.0 documents it (developers.procore.com, Construction Financials >
// Prime Contracts > Payment Applications (Owner Invoices); the same shapes in the generated procore_sdk models
// PaymentApplicationOwnerInvoice and RestV10PrimeContractsPrimeContractIdPaymentApplicationLineItemsIdPatch200Response):
//   GET /rest/v1.0/payment_applications?project_id=…            (a project's owner invoices, per_page ≤ 100)
//   GET /rest/v1.0/prime_contracts/{id}/payment_applications?project_id=…
//   GET /rest/v1.0/payment_applications/{id}?project_id=…
// Money is sent as decimal strings, as on requisitions. Statuses (support.procore.com, "What are the default
// statuses for Procore invoices?", Owner Invoices): draft, under_review, revise_and_resubmit, approved — only
// approved is billed to the owner (check-procore-approval.ts in @connector/mapping).

import { segment, type ProcoreId, type ResourceContext } from './resource-context.ts';

export type PaymentApplicationStatus = 'draft' | 'under_review' | 'revise_and_resubmit' | 'approved' | (string & {});

/** One schedule-of-values line of an owner invoice (a G703 row). */
export interface PaymentApplicationLineItem {
  id: number;
  /** The prime contract line billed (line_item) or a prime contract change order line. */
  type?: string | null;
  item_number?: number | null;
  cost_code?: { id: number; full_code?: string | null; name?: string | null } | null;
  description_of_work?: string | null;
  scheduled_value?: string | null;
  work_completed_this_period?: string | null;
  materials_presently_stored?: string | null;
  work_completed_retainage_retained_this_period?: string | null;
  materials_stored_retainage_retained_this_period?: string | null;
  work_completed_retainage_released_this_period?: string | null;
  materials_stored_retainage_released_this_period?: string | null;
  total_completed_and_stored_to_date?: string | null;
  total_retainage_currently_retained?: string | null;
  balance_to_finish?: string | null;
}

export interface PaymentApplication {
  id: number;
  project_id?: number | null;
  /** The prime contract billed (payment applications belong to one). */
  contract_id?: number | null;
  number?: number | null;
  invoice_number?: string | null;
  status?: PaymentApplicationStatus | null;
  billing_date?: string | null;
  period_start?: string | null;
  period_end?: string | null;
  origin_id?: string | null;
  origin_data?: string | null;
  line_items?: PaymentApplicationLineItem[] | null;
  created_at?: string | null;
  updated_at?: string | null;
}

export interface PaymentApplicationListOptions {
  /** Only this prime contract's owner invoices: GET /rest/v1.0/prime_contracts/{id}/payment_applications. */
  primeContractId?: ProcoreId | undefined;
}

export function createPaymentApplicationsApi({ transport }: ResourceContext) {
  return {
    /** A project's owner invoices, or one prime contract's. The list may carry no line_items: get() has them. */
    async list(projectId: ProcoreId, options: PaymentApplicationListOptions = {}): Promise<PaymentApplication[]> {
      const path =
        options.primeContractId === undefined
          ? '/rest/v1.0/payment_applications'
          : `/rest/v1.0/prime_contracts/${segment(options.primeContractId)}/payment_applications`;
      return transport.listAll<PaymentApplication>(path, { project_id: segment(projectId) });
    },
    /** Show Payment Application (Owner Invoice): with its line_items. */
    async get(projectId: ProcoreId, id: ProcoreId): Promise<PaymentApplication> {
      return (
        await transport.request<PaymentApplication>('GET', `/rest/v1.0/payment_applications/${segment(id)}`, { query: { project_id: segment(projectId) } })
      ).body;
    },
  };
}

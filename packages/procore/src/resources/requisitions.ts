// Requisitions = subcontractor invoices (→ QuickBooks bills with retainage; DESIGN.md §2), API v1.1.
// API-CONTRACT.md: GET /rest/v1.1/requisitions?project_id=&filters[commitment_id]=&filters[status]=,
// GET /rest/v1.1/requisitions/{id}?project_id=, PATCH /rest/v1.1/requisitions/{id}?project_id=
// { requisition: { origin_id, origin_data, erp_status } }. Field names: Procore OpenAPI RestV11RequisitionsGet.

import { segment, type ProcoreId, type ResourceContext } from './resource-context.ts';

export type RequisitionStatus = 'draft' | 'under_review' | 'revise_and_resubmit' | 'approved' | 'approved_as_noted' | 'pending_owner_approval';

/** A schedule-of-values line of the invoice; amounts are decimal strings. */
export interface RequisitionItem {
  id: number;
  item_type?: string | null;
  cost_code_id?: number | null;
  line_item_id?: number | null;
  description_of_work?: string | null;
  scheduled_value?: string | null;
  work_completed_this_period?: string | null;
  materials_presently_stored?: string | null;
  work_completed_retainage_retained_this_period?: string | null;
  materials_stored_retainage_currently_retained?: string | null;
  work_completed_retainage_released_this_period?: string | null;
}

export interface Requisition {
  id: number;
  project_id?: number | null;
  commitment_id?: number | null;
  number?: number | null;
  invoice_number?: string | null;
  status?: RequisitionStatus | null;
  erp_status?: string | null;
  billing_date?: string | null;
  period_id?: number | null;
  requisition_start?: string | null;
  requisition_end?: string | null;
  vendor_id?: number | null;
  vendor_name?: string | null;
  total_claimed_amount?: string | null;
  origin_id?: string | null;
  origin_data?: string | null;
  items?: RequisitionItem[] | null;
  created_at?: string | null;
  updated_at?: string | null;
}

export interface RequisitionOriginUpdate {
  origin_id?: string | null | undefined;
  origin_data?: string | null | undefined;
  erp_status?: string | null | undefined;
}

export interface RequisitionListOptions {
  commitmentId?: ProcoreId | undefined;
  status?: RequisitionStatus | undefined;
}

export function createRequisitionsApi({ transport }: ResourceContext) {
  const base = '/rest/v1.1/requisitions';
  return {
    async list(projectId: ProcoreId, options: RequisitionListOptions = {}): Promise<Requisition[]> {
      return transport.listAll<Requisition>(
        base,
        { project_id: segment(projectId), 'filters[commitment_id]': options.commitmentId === undefined ? undefined : segment(options.commitmentId), 'filters[status]': options.status },
        { perPage: null },
      );
    },
    async get(projectId: ProcoreId, id: ProcoreId): Promise<Requisition> {
      return (await transport.request<Requisition>('GET', `${base}/${segment(id)}`, { query: { project_id: segment(projectId) } })).body;
    },
    /** Links the invoice to its QuickBooks bill. Setting fields is idempotent, so this PATCH is retried. A 422
     * here usually means the requisition is locked by an ERP sync. */
    async updateOrigin(projectId: ProcoreId, id: ProcoreId, fields: RequisitionOriginUpdate): Promise<Requisition> {
      return (await transport.request<Requisition>('PATCH', `${base}/${segment(id)}`, { query: { project_id: segment(projectId) }, body: { requisition: fields } })).body;
    },
  };
}

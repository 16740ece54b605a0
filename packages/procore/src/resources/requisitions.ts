// Requisitions = subcontractor invoices (→ QuickBooks bills with retainage, and back from QuickBooks bills
// entered against a PO that came from a commitment; docs/integration-map.md#subcontractor-invoices-and-bills), API v1.1.
// API-CONTRACT.md: GET /rest/v1.1/requisitions?project_id=&filters[commitment_id]=&filters[status]=&filters[origin_id]=,
// GET /rest/v1.1/requisitions/{id}?project_id=, PATCH /rest/v1.1/requisitions/{id}?project_id=
// { requisition: { origin_id, origin_data, erp_status } }, POST /rest/v1.1/requisitions { project_id, commitment_id,
// requisition: {…, items} }, DELETE /rest/v1.1/requisitions/{id}?project_id=. Field names: Procore OpenAPI
// RestV11RequisitionsGet / RestV11RequisitionsPost (request body "Body19", items "RequisitionSubcontractorInvoiceItemsInner").

import { idValue, segment, type ProcoreId, type ResourceContext } from './resource-context.ts';

export type RequisitionStatus = 'draft' | 'under_review' | 'revise_and_resubmit' | 'approved' | 'approved_as_noted' | 'pending_owner_approval';

/** A schedule-of-values line of the invoice; amounts are decimal strings. */
export interface RequisitionItem {
  id: number;
  item_type?: string | null;
  cost_code_id?: number | null;
  /** contract_item: the SOV line; change_order_item: the change order line item (see NewRequisitionItem). */
  line_item_id?: number | null;
  /** change_order_item: the commitment line the change order line item edits, when it edits one. */
  commitment_line_item_id?: number | null;
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
  /** filters[origin_id]: the invoice we created from a QuickBooks bill (look it up after an unknown POST outcome). */
  originId?: string | undefined;
}

/** What a requisition item bills (Procore "Requisition (Subcontractor Invoice) detail line type", allowed values
 * change_order_item, whole_change_order_item, contract_detail_item, contract_item:
 * https://developers.procore.com/reference/rest/requisitions-subcontractor-invoices). We send the first and the last. */
export type RequisitionItemType = 'contract_item' | 'change_order_item';

/** One line of a new invoice. Procore bills against the commitment's schedule of values and its approved change
 * orders: the cost code and the description come from the line billed (they are on the answer's items, not in the
 * request). */
export interface NewRequisitionItem {
  /** contract_item: the commitment SOV line billed (Procore: "The line item id of a contract line item");
   * change_order_item: the commitment change order's line item billed (a change order is billed on its own items,
   * which carry line_item_id and commitment_line_item_id — RestV10RequisitionsRequisitionIdChangeOrderItemsGet). */
  line_item_id: number;
  /** Procore: "The type of the item you are updating"; absent means contract_item. */
  item_type?: RequisitionItemType | undefined;
  /** Work completed this period, decimal (string "1250.00" or number). */
  work_completed_this_period: number | string;
  materials_presently_stored?: number | string | undefined;
  /** Retainage withheld this period (admin only; Procore holds it only when work_completed_this_period is non-zero);
   * when absent the commitment's retainage % applies. */
  work_completed_retainage_retained_this_period?: number | string | undefined;
  comment?: string | undefined;
}

export interface NewRequisition {
  /** Unique per company (the QuickBooks bill TxnID): a second create with the same origin_id is a 422 —
   * recognise it with isOriginIdTaken(error). */
  origin_id: string;
  /** Opaque; we keep the QuickBooks EditSequence here. */
  origin_data?: string | undefined;
  invoice_number?: string | undefined;
  /** YYYY-MM-DD */
  billing_date?: string | undefined;
  /** Billing period; optional (the simulator ignores it). */
  period_id?: number | undefined;
  requisition_start?: string | undefined;
  requisition_end?: string | undefined;
  /** Admins may set any status; default draft. Only approved invoices count in the budget's job-to-date costs. */
  status?: RequisitionStatus | undefined;
  final?: boolean | undefined;
  /** SOV lines (and change order line items) not listed are billed 0 this period. */
  items: NewRequisitionItem[];
}

export function createRequisitionsApi({ transport }: ResourceContext) {
  const base = '/rest/v1.1/requisitions';
  return {
    async list(projectId: ProcoreId, options: RequisitionListOptions = {}): Promise<Requisition[]> {
      return transport.listAll<Requisition>(
        base,
        {
          project_id: segment(projectId),
          'filters[commitment_id]': options.commitmentId === undefined ? undefined : segment(options.commitmentId),
          'filters[status]': options.status,
          'filters[origin_id]': options.originId,
        },
        { perPage: null },
      );
    },
    async get(projectId: ProcoreId, id: ProcoreId): Promise<Requisition> {
      return (await transport.request<Requisition>('GET', `${base}/${segment(id)}`, { query: { project_id: segment(projectId) } })).body;
    },
    /** Links the invoice to its QuickBooks bill. Setting fields is idempotent, so this PATCH is retried. A 422
     * here usually means the requisition is locked by an ERP sync. */
    /** POST: not retried after a timeout / network error / 502 / 504 (the error's outcome is 'unknown'): list with
     * { originId } before creating again. A 422 whose isOriginIdTaken(error) is true means it already exists. */
    async create(projectId: ProcoreId, commitmentId: ProcoreId, input: NewRequisition): Promise<Requisition> {
      return (
        await transport.request<Requisition>('POST', base, {
          body: { project_id: idValue(projectId), commitment_id: idValue(commitmentId), requisition: input },
        })
      ).body;
    },
    /** DELETE: not retried after an ambiguous failure; a 404 on a later attempt means it is already gone. A 422
     * means Procore refused (e.g. the invoice is locked by an ERP sync). */
    async delete(projectId: ProcoreId, id: ProcoreId): Promise<void> {
      await transport.request<unknown>('DELETE', `${base}/${segment(id)}`, { query: { project_id: segment(projectId) } });
    },
    async updateOrigin(projectId: ProcoreId, id: ProcoreId, fields: RequisitionOriginUpdate): Promise<Requisition> {
      return (
        await transport.request<Requisition>('PATCH', `${base}/${segment(id)}`, { query: { project_id: segment(projectId) }, body: { requisition: fields } })
      ).body;
    },
  };
}

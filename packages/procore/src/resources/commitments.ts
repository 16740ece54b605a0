// Commitments (subcontracts = work order contracts, purchase orders → QuickBooks purchase orders).
// API-CONTRACT.md: GET /rest/v1.0/{work_order_contracts|purchase_order_contracts}?project_id= (paged;
// filters[updated_at]), GET …/{id}?project_id= (the contract with its `line_items`), GET …/{contract_id}/line_items?project_id=.
// Field names: Procore OpenAPI RestV10WorkOrderContractsIdGet (its 200 answer carries `line_items`, the same fields as
// RestV10WorkOrderContractsWorkOrderContractIdLineItemsGet; the list's compact and extended views carry none).

import {
  segment,
  updatedAtFilter,
  type CostCodeRef,
  type NamedRef,
  type PageSizeOption,
  type ProcoreId,
  type ResourceContext,
  type UpdatedSinceOptions,
} from './resource-context.ts';

export type CommitmentKind = 'work_order_contracts' | 'purchase_order_contracts';

export interface CommitmentVendor {
  id: number;
  /** The vendor's name. */
  company?: string | null;
  name?: string | null;
  origin_id?: string | null;
  origin_data?: string | null;
}

export interface Commitment {
  id: number;
  number?: string | null;
  title?: string | null;
  /** "Draft" | "Out For Bid" | "Out For Signature" | "Approved" | "Complete" | "Terminated" | "Void". */
  status?: string | null;
  executed?: boolean | null;
  description?: string | null;
  vendor?: CommitmentVendor | null;
  contract_date?: string | null;
  /** Decimal strings. */
  grand_total?: string | null;
  revised_contract?: string | null;
  retainage_percent?: string | null;
  origin_id?: string | null;
  origin_code?: string | null;
  origin_data?: string | null;
  created_at?: string | null;
  updated_at?: string | null;
}

export interface CommitmentLineItem {
  id: number;
  /** Decimal string. */
  amount: string;
  description?: string | null;
  cost_code_id?: number | null;
  cost_code?: CostCodeRef | null;
  line_item_type?: NamedRef | null;
  quantity?: string | null;
  unit_cost?: string | null;
  uom?: string | null;
  position?: number | null;
  origin_id?: string | null;
  origin_data?: string | null;
}

/** A commitment as `GET …/{id}` answers it: the contract and its schedule of values in one call. */
export interface CommitmentDetail extends Commitment {
  line_items?: CommitmentLineItem[] | null;
}

export interface CommitmentListOptions extends UpdatedSinceOptions, PageSizeOption {}

export function createCommitmentsApi({ transport, now }: ResourceContext, kind: CommitmentKind) {
  const base = `/rest/v1.0/${kind}`;
  return {
    async list(projectId: ProcoreId, options: CommitmentListOptions = {}): Promise<Commitment[]> {
      return transport.listAll<Commitment>(
        base,
        { project_id: segment(projectId), 'filters[updated_at]': updatedAtFilter(options, now) },
        { perPage: options.perPage },
      );
    },
    async get(projectId: ProcoreId, id: ProcoreId): Promise<CommitmentDetail> {
      return (await transport.request<CommitmentDetail>('GET', `${base}/${segment(id)}`, { query: { project_id: segment(projectId) } })).body;
    },
    async listLineItems(projectId: ProcoreId, contractId: ProcoreId): Promise<CommitmentLineItem[]> {
      return transport.listAll<CommitmentLineItem>(`${base}/${segment(contractId)}/line_items`, { project_id: segment(projectId) }, { perPage: null });
    },
  };
}

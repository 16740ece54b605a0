// Commitment change orders (→ new lines on the original QuickBooks PO; docs/integration-map.md#change-orders). API-CONTRACT.md:
// GET /rest/v1.0/projects/{project_id}/commitment_change_orders, GET …/{id} — with `line_items`.

import { segment, type CostCodeRef, type NamedRef, type ProcoreId, type ResourceContext } from './resource-context.ts';

export interface CommitmentChangeOrderLineItem {
  id: number;
  /** Decimal string. */
  amount: string;
  description?: string | null;
  cost_code_id?: number | null;
  cost_code?: CostCodeRef | null;
  line_item_type?: NamedRef | null;
  /** The commitment (SOV) line the change edits; null when it adds new scope (v2.0 field). A subcontractor
   * invoice bills each line item as its own change order item (requisitions.ts NewRequisitionItem). */
  commitment_line_item_id?: number | null;
}

export interface CommitmentChangeOrder {
  id: number;
  number?: string | null;
  title?: string | null;
  /** "draft" | "pending" | "approved" | "rejected" | "void" | … */
  status?: string | null;
  contract_id?: number | null;
  executed?: boolean | null;
  /** Decimal string. */
  grand_total?: string | null;
  due_date?: string | null;
  line_items?: CommitmentChangeOrderLineItem[] | null;
  created_at?: string | null;
  updated_at?: string | null;
}

export function createCommitmentChangeOrdersApi({ transport }: ResourceContext) {
  const base = (projectId: ProcoreId) => `/rest/v1.0/projects/${segment(projectId)}/commitment_change_orders`;
  return {
    async list(projectId: ProcoreId): Promise<CommitmentChangeOrder[]> {
      return transport.listAll<CommitmentChangeOrder>(base(projectId), undefined, { perPage: null });
    },
    async get(projectId: ProcoreId, id: ProcoreId): Promise<CommitmentChangeOrder> {
      return (await transport.request<CommitmentChangeOrder>('GET', `${base(projectId)}/${segment(id)}`)).body;
    },
  };
}

// Direct costs (← QuickBooks bills, checks, credit card charges by job and item; docs/integration-map.md#job-costs).
// API-CONTRACT.md: GET /rest/v1.1/projects/{project_id}/direct_costs, PATCH /rest/v1.0/projects/
// {project_id}/direct_costs/sync { updates }, DELETE /rest/v1.1/projects/{project_id}/direct_costs/{id}.
// Field names: Procore OpenAPI RestV10ProjectsProjectIdDirectCostsSyncPatch.

import type { SyncResult } from '../match-sync-results.ts';
import { segment, type ProcoreId, type ResourceContext } from './resource-context.ts';

export type DirectCostType = 'invoice' | 'expense' | 'payroll';
export type DirectCostStatus = 'draft' | 'pending' | 'revise_and_resubmit' | 'approved';

export interface DirectCostLineItem {
  id?: number | null;
  cost_code_id?: number | null;
  /** Decimal string in answers. */
  amount?: string | number | null;
  description?: string | null;
}

export interface DirectCost {
  id: number;
  direct_cost_type?: DirectCostType | null;
  status?: DirectCostStatus | null;
  invoice_number?: string | null;
  direct_cost_date?: string | null;
  description?: string | null;
  vendor_id?: number | null;
  /** Decimal string. */
  grand_total?: string | null;
  origin_id?: string | null;
  origin_data?: string | null;
  line_items?: DirectCostLineItem[] | null;
  created_at?: string | null;
  updated_at?: string | null;
}

export interface DirectCostSyncItem {
  id?: number | undefined;
  origin_id: string;
  origin_data?: string | undefined;
  direct_cost_type: DirectCostType;
  status: DirectCostStatus;
  /** Required for type "invoice". */
  vendor_id?: number | undefined;
  /** Required for type "invoice". */
  invoice_number?: string | undefined;
  /** YYYY-MM-DD */
  direct_cost_date: string;
  description: string;
  line_items: Array<{ cost_code_id: number; amount: number | string; description: string }>;
}

export function createDirectCostsApi({ transport }: ResourceContext) {
  return {
    async list(projectId: ProcoreId): Promise<DirectCost[]> {
      return transport.listAll<DirectCost>(`/rest/v1.1/projects/${segment(projectId)}/direct_costs`, undefined, { perPage: null });
    },
    async sync(projectId: ProcoreId, updates: readonly DirectCostSyncItem[]): Promise<SyncResult<DirectCostSyncItem, DirectCost>> {
      return transport.syncInChunks<DirectCostSyncItem, DirectCost>(`/rest/v1.0/projects/${segment(projectId)}/direct_costs/sync`, {}, updates);
    },
    /** DELETE: not retried after an ambiguous failure; a 404 on a later attempt means it is already gone. */
    async delete(projectId: ProcoreId, id: ProcoreId): Promise<void> {
      await transport.request<unknown>('DELETE', `/rest/v1.1/projects/${segment(projectId)}/direct_costs/${segment(id)}`);
    },
  };
}

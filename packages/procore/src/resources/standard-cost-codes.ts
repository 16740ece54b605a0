// Company standard cost codes (↔ QuickBooks items; docs/integration-map.md#cost-codes-and-items). API-CONTRACT.md:
// GET /rest/v1.0/standard_cost_code_lists?company_id=, GET /rest/v1.0/standard_cost_codes?
// standard_cost_code_list_id=&company_id= (paged), PATCH /rest/v1.0/standard_cost_codes/sync
// { company_id, standard_cost_code_list_id, updates }. Field names: Procore OpenAPI RestV10StandardCostCodesGet.

import type { SyncResult } from '../match-sync-results.ts';
import { idValue, segment, type PageSizeOption, type ProcoreId, type ResourceContext } from './resource-context.ts';

export interface StandardCostCodeList {
  id: number;
  name: string;
  is_erp_list?: boolean | null;
  available_to_use_on_new_projects?: boolean | null;
}

export interface StandardCostCode {
  id: number;
  standard_cost_code_list_id?: number | null;
  parent_id?: number | null;
  /** Without the parent prefix. */
  code: string;
  /** With parent prefixes ("02-300"). */
  full_code?: string | null;
  name: string;
  origin_id?: string | null;
  origin_data?: string | null;
}

export interface StandardCostCodeSyncItem {
  id?: number | undefined;
  code?: string | undefined;
  name?: string | undefined;
  parent_id?: number | undefined;
  origin_id?: string | undefined;
  origin_data?: string | undefined;
}

export function createStandardCostCodesApi({ transport }: ResourceContext) {
  return {
    async listLists(): Promise<StandardCostCodeList[]> {
      return transport.listAll<StandardCostCodeList>('/rest/v1.0/standard_cost_code_lists', { company_id: transport.companyId }, { perPage: null });
    },
    async list(listId: ProcoreId, options: PageSizeOption & { originId?: string | undefined } = {}): Promise<StandardCostCode[]> {
      return transport.listAll<StandardCostCode>(
        '/rest/v1.0/standard_cost_codes',
        { standard_cost_code_list_id: segment(listId), company_id: transport.companyId, 'filters[origin_id]': options.originId },
        { perPage: options.perPage },
      );
    },
    async sync(listId: ProcoreId, updates: readonly StandardCostCodeSyncItem[]): Promise<SyncResult<StandardCostCodeSyncItem, StandardCostCode>> {
      return transport.syncInChunks<StandardCostCodeSyncItem, StandardCostCode>(
        '/rest/v1.0/standard_cost_codes/sync',
        { company_id: idValue(transport.companyId), standard_cost_code_list_id: idValue(listId) },
        updates,
      );
    },
  };
}

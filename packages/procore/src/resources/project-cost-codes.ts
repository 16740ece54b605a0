// Project cost codes. API-CONTRACT.md: GET /rest/v1.0/cost_codes?project_id= (paged),
// PATCH /rest/v1.0/cost_codes/sync { project_id, updates }. Field names: Procore OpenAPI RestV10CostCodesSyncPatch.

import type { SyncResult } from '../match-sync-results.ts';
import { idValue, segment, type PageSizeOption, type ProcoreId, type ResourceContext } from './resource-context.ts';

export interface ProjectCostCode {
  id: number;
  code: string;
  full_code?: string | null;
  name: string;
  parent_id?: number | null;
  standard_cost_code_id?: number | null;
  origin_id?: string | null;
  origin_data?: string | null;
  position?: number | null;
}

export interface ProjectCostCodeSyncItem {
  id?: number | undefined;
  code?: string | undefined;
  name?: string | undefined;
  parent_id?: number | undefined;
  standard_cost_code_id?: number | undefined;
  position?: number | undefined;
  origin_id?: string | undefined;
  origin_data?: string | undefined;
}

export function createProjectCostCodesApi({ transport }: ResourceContext) {
  return {
    async list(projectId: ProcoreId, options: PageSizeOption & { originId?: string | undefined } = {}): Promise<ProjectCostCode[]> {
      return transport.listAll<ProjectCostCode>(
        '/rest/v1.0/cost_codes',
        { project_id: segment(projectId), 'filters[origin_id]': options.originId },
        { perPage: options.perPage },
      );
    },
    async sync(projectId: ProcoreId, updates: readonly ProjectCostCodeSyncItem[]): Promise<SyncResult<ProjectCostCodeSyncItem, ProjectCostCode>> {
      return transport.syncInChunks<ProjectCostCodeSyncItem, ProjectCostCode>('/rest/v1.0/cost_codes/sync', { project_id: idValue(projectId) }, updates);
    },
  };
}

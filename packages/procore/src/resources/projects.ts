// Projects (Procore projects ↔ QuickBooks jobs; docs/integration-map.md#projects-and-jobs). API-CONTRACT.md:
// GET /rest/v1.0/companies/{company_id}/projects (paged; filters[updated_at], filters[origin_id]),
// GET /rest/v1.0/projects/{id}?company_id=, PATCH /rest/v1.0/projects/sync { company_id, updates }.
// Field names: Procore OpenAPI RestV10ProjectsSyncPatch.

import type { SyncResult } from '../match-sync-results.ts';
import { idValue, segment, updatedAtFilter, type PageSizeOption, type ProcoreId, type ResourceContext, type UpdatedSinceOptions } from './resource-context.ts';

export interface Project {
  id: number;
  name: string;
  display_name?: string | null;
  project_number?: string | null;
  address?: string | null;
  city?: string | null;
  state_code?: string | null;
  zip?: string | null;
  country_code?: string | null;
  active?: boolean | null;
  description?: string | null;
  start_date?: string | null;
  completion_date?: string | null;
  /** Decimal string. */
  total_value?: string | null;
  origin_id?: string | null;
  origin_code?: string | null;
  origin_data?: string | null;
  created_at?: string | null;
  updated_at?: string | null;
}

export interface ProjectSyncItem {
  id?: number | undefined;
  origin_id?: string | undefined;
  origin_data?: string | undefined;
  name?: string | undefined;
  project_number?: string | undefined;
  address?: string | undefined;
  city?: string | undefined;
  state_code?: string | undefined;
  zip?: string | undefined;
  country_code?: string | undefined;
  active?: boolean | undefined;
  description?: string | undefined;
  start_date?: string | undefined;
  completion_date?: string | undefined;
  total_value?: number | string | undefined;
}

export interface ProjectListOptions extends UpdatedSinceOptions, PageSizeOption {
  originId?: string | undefined;
}

export function createProjectsApi({ transport, now }: ResourceContext) {
  const listPath = `/rest/v1.0/companies/${segment(transport.companyId)}/projects`;
  const query = (options: ProjectListOptions) => ({ 'filters[updated_at]': updatedAtFilter(options, now), 'filters[origin_id]': options.originId });
  return {
    async list(options: ProjectListOptions = {}): Promise<Project[]> {
      return transport.listAll<Project>(listPath, query(options), { perPage: options.perPage });
    },
    iterate(options: ProjectListOptions = {}): AsyncGenerator<Project, void, undefined> {
      return transport.paginate<Project>(listPath, query(options), { perPage: options.perPage });
    },
    async get(id: ProcoreId): Promise<Project> {
      return (await transport.request<Project>('GET', `/rest/v1.0/projects/${segment(id)}`, { query: { company_id: transport.companyId } })).body;
    },
    async sync(updates: readonly ProjectSyncItem[]): Promise<SyncResult<ProjectSyncItem, Project>> {
      return transport.syncInChunks<ProjectSyncItem, Project>('/rest/v1.0/projects/sync', { company_id: idValue(transport.companyId) }, updates);
    },
  };
}

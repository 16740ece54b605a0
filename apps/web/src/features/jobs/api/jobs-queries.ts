import type { ImportEntryListBody, RefreshStatusBody } from '@connector/contract';
import { keepPreviousData } from '@tanstack/react-query';
import type { LinkListApi, LinkListFilters, LinkListPage } from '../../../components/link-list/link-list-types.ts';
import { api, companyPath } from '../../../lib/api.ts';

export const jobsKeys = {
  all: (companyId: string) => ['imports', companyId, 'jobs'] as const,
  list: (companyId: string, filters: LinkListFilters) => [...jobsKeys.all(companyId), 'list', filters] as const,
  status: (companyId: string) => ['imports', companyId, 'status'] as const,
  procoreChoices: (companyId: string) => ['imports', companyId, 'jobs', 'procore-projects'] as const,
};

export function jobsApi(companyId: string): LinkListApi {
  const base = companyPath(companyId, '/imports/jobs');
  return {
    kind: 'jobs',
    words: {
      title: 'Jobs',
      description:
        'QuickBooks jobs (Customer:Job) and the Procore projects they are. Link the suggested ones, create a Procore project from a job, or archive what is not a project.',
      qbNoun: 'job',
      procoreNoun: 'project',
      refreshLabel: 'Refresh Jobs',
      createLabel: 'Create project',
    },
    listQuery: (filters) => ({
      queryKey: jobsKeys.list(companyId, filters),
      queryFn: async ({ signal }): Promise<LinkListPage> => {
        const page = await api.get<ImportEntryListBody>(base, { ...filters }, signal);
        return {
          ...page,
          items: page.items.map(({ procoreProject, duplicates, ...rest }) => ({
            ...rest,
            procoreRecord: procoreProject ?? null,
            duplicates: duplicates ?? [],
          })),
        };
      },
      placeholderData: keepPreviousData,
    }),
    refreshStatusQuery: () => ({
      queryKey: jobsKeys.status(companyId),
      queryFn: ({ signal }) => api.get<RefreshStatusBody>(companyPath(companyId, '/imports/status'), undefined, signal),
    }),
    // Procore projects to link to: our copy of Procore, as the export list holds it.
    procoreChoicesQuery: () => ({
      queryKey: jobsKeys.procoreChoices(companyId),
      queryFn: async ({ signal }) => {
        const list = await api.get<{ items: Array<{ procoreId: string; title: string }> }>(companyPath(companyId, '/exports/project'), { limit: 500 }, signal);
        return list.items.map((item) => ({ id: Number(item.procoreId), name: item.title })).sort((a, b) => a.name.localeCompare(b.name));
      },
      staleTime: 60_000,
    }),
    invalidates: () => [jobsKeys.all(companyId), jobsKeys.status(companyId)],
    refresh: (idempotencyKey) => api.post(companyPath(companyId, '/imports/refresh'), { kind: 'jobs' }, { idempotencyKey }),
    link: (qbListId, procoreId, idempotencyKey) =>
      api.post(`${base}/${encodeURIComponent(qbListId)}/link`, { procoreProjectId: procoreId }, { idempotencyKey }),
    create: (qbListId, idempotencyKey) => api.post(`${base}/${encodeURIComponent(qbListId)}/create-project`, {}, { idempotencyKey }),
    archive: (qbListId, archived, idempotencyKey) =>
      api.post(`${base}/${encodeURIComponent(qbListId)}/${archived ? 'archive' : 'unarchive'}`, {}, { idempotencyKey }),
    linkSuggested: (idempotencyKey) => api.post(`${base}/link-suggested`, {}, { idempotencyKey }),
  };
}

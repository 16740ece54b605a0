import type { ImportEntryListBody, RefreshStatusBody } from '@connector/contract';
import { keepPreviousData } from '@tanstack/react-query';
import type { LinkListApi, LinkListFilters, LinkListPage } from '../../../components/link-list/link-list-types.ts';
import { api, companyPath } from '../../../lib/api.ts';

export const vendorsKeys = {
  all: (companyId: string) => ['imports', companyId, 'vendors'] as const,
  list: (companyId: string, filters: LinkListFilters) => [...vendorsKeys.all(companyId), 'list', filters] as const,
  status: (companyId: string) => ['imports', companyId, 'status'] as const,
  procoreChoices: (companyId: string) => ['imports', companyId, 'vendors', 'procore-vendors'] as const,
};

export function vendorsApi(companyId: string): LinkListApi {
  const base = companyPath(companyId, '/imports/vendors');
  return {
    kind: 'vendors',
    words: {
      title: 'Vendors',
      description:
        'QuickBooks vendors and the Procore directory companies they are. Vendors that look like duplicates in QuickBooks are flagged, never merged.',
      qbNoun: 'vendor',
      procoreNoun: 'vendor',
      refreshLabel: 'Refresh Vendors',
      createLabel: 'Create vendor',
    },
    listQuery: (filters) => ({
      queryKey: vendorsKeys.list(companyId, filters),
      queryFn: async ({ signal }): Promise<LinkListPage> => {
        const page = await api.get<ImportEntryListBody>(base, { ...filters }, signal);
        return {
          ...page,
          items: page.items.map(({ procoreVendor, duplicates, ...rest }) => ({ ...rest, procoreRecord: procoreVendor ?? null, duplicates: duplicates ?? [] })),
        };
      },
      placeholderData: keepPreviousData,
    }),
    refreshStatusQuery: () => ({
      queryKey: vendorsKeys.status(companyId),
      queryFn: ({ signal }) => api.get<RefreshStatusBody>(companyPath(companyId, '/imports/status'), undefined, signal),
    }),
    // Procore vendors to link to: our copy of Procore, as the export list holds it.
    procoreChoicesQuery: () => ({
      queryKey: vendorsKeys.procoreChoices(companyId),
      queryFn: async ({ signal }) => {
        const list = await api.get<{ items: Array<{ procoreId: string; title: string }> }>(companyPath(companyId, '/exports/vendor'), { limit: 500 }, signal);
        return list.items.map((item) => ({ id: Number(item.procoreId), name: item.title })).sort((a, b) => a.name.localeCompare(b.name));
      },
      staleTime: 60_000,
    }),
    invalidates: () => [vendorsKeys.all(companyId), vendorsKeys.status(companyId)],
    refresh: (idempotencyKey) => api.post(companyPath(companyId, '/imports/refresh'), { kind: 'vendors' }, { idempotencyKey }),
    link: (qbListId, procoreId, idempotencyKey) => api.post(`${base}/${encodeURIComponent(qbListId)}/link`, { procoreVendorId: procoreId }, { idempotencyKey }),
    create: (qbListId, idempotencyKey) => api.post(`${base}/${encodeURIComponent(qbListId)}/create-vendor`, {}, { idempotencyKey }),
    archive: (qbListId, archived, idempotencyKey) =>
      api.post(`${base}/${encodeURIComponent(qbListId)}/${archived ? 'archive' : 'unarchive'}`, {}, { idempotencyKey }),
    linkSuggested: (idempotencyKey) => api.post(`${base}/link-suggested`, {}, { idempotencyKey }),
  };
}

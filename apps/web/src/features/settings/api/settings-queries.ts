import type { CompanySettingsValues, ImportItemBody, ImportItemListBody, QbRef } from '@connector/contract';
import { queryOptions } from '@tanstack/react-query';
import { api, companyPath } from '../../../lib/api.ts';
import { isApiError } from '../../../lib/api-client.ts';

/** A QuickBooks list entry (ListID and FullName), as the settings hold it. */
export type { QbRef };

/** Company settings: one shape, with the server's rules (@connector/contract; docs/integration-map.md#settings). */
export type CompanySettings = CompanySettingsValues;

/** GET /imports/items: a QuickBooks item, with the Procore cost code it stands for. */
export type QuickBooksItem = ImportItemBody;

export const settingsKeys = {
  settings: (companyId: string) => ['settings', companyId] as const,
  items: (companyId: string) => ['imports', companyId, 'items'] as const,
};

export const settingsQuery = (companyId: string) =>
  queryOptions({
    queryKey: settingsKeys.settings(companyId),
    queryFn: ({ signal }) => api.get<CompanySettings>(companyPath(companyId, '/settings'), undefined, signal),
    staleTime: 30_000,
  });

/** The QuickBooks items list (after a refresh), for the Invoice Retainage Item; null when the server has no items API. */
export const quickBooksItemsQuery = (companyId: string) =>
  queryOptions({
    queryKey: settingsKeys.items(companyId),
    queryFn: async ({ signal }): Promise<QuickBooksItem[] | null> => {
      try {
        const { items } = await api.get<ImportItemListBody>(companyPath(companyId, '/imports/items'), undefined, signal);
        return [...items].sort((a, b) => a.fullName.localeCompare(b.fullName));
      } catch (error) {
        if (isApiError(error) && error.status === 404 && error.code === 'NOT_FOUND' && /No route/.test(error.message)) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });

/** Saves the changed settings only; the server validates the whole result and audits the change. */
export function saveSettings(companyId: string, change: Partial<CompanySettings>, idempotencyKey: string): Promise<CompanySettings> {
  return api.request<CompanySettings>('PATCH', companyPath(companyId, '/settings'), { body: change, idempotencyKey });
}

import type {
  CompanySettingsValues,
  CreateRetainageReceivableItemResult,
  ImportItemBody,
  ImportItemListBody,
  ProcoreCostCodeBody,
  ProcoreCostCodeListBody,
  QbRef,
  QuickBooksListsBody,
  RefreshQueuedBody,
} from '@connector/contract';
import { queryOptions } from '@tanstack/react-query';
import { api, companyPath } from '../../../lib/api.ts';
import { isApiError } from '../../../lib/api-client.ts';

/** A QuickBooks list entry (ListID and FullName), as the settings hold it. */
export type { QbRef };

/** Company settings: one shape, with the server's rules (@connector/contract; docs/integration-map.md#settings). */
export type CompanySettings = CompanySettingsValues;

/** GET /imports/items: a QuickBooks item, with the Procore cost code it stands for. */
export type QuickBooksItem = ImportItemBody;
/** GET /settings/quickbooks-lists: the chart of accounts and the classes, with when each was read. */
export type QuickBooksLists = QuickBooksListsBody;
/** GET /settings/cost-codes: a Procore standard cost code from the connector's copy of Procore. */
export type ProcoreCostCode = ProcoreCostCodeBody;

export const settingsKeys = {
  settings: (companyId: string) => ['settings', companyId] as const,
  items: (companyId: string) => ['imports', companyId, 'items'] as const,
  quickBooksLists: (companyId: string) => ['settings', companyId, 'quickbooks-lists'] as const,
  costCodes: (companyId: string) => ['settings', companyId, 'cost-codes'] as const,
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

/**
 * The QuickBooks accounts and classes the pickers offer (issue 18 item 4). While a refresh waits for the Web Connector
 * it is asked again every few seconds, so the pickers fill in as soon as a session has read the lists.
 */
export const quickBooksListsQuery = (companyId: string) =>
  queryOptions({
    queryKey: settingsKeys.quickBooksLists(companyId),
    queryFn: ({ signal }) => api.get<QuickBooksLists>(companyPath(companyId, '/settings/quickbooks-lists'), undefined, signal),
    staleTime: 60_000,
    refetchInterval: (query) => (query.state.data?.refreshPending ? 5_000 : false),
  });

/** Procore standard cost codes (our copy of Procore), for the cost code → class mapping; sorted by code. */
export const procoreCostCodesQuery = (companyId: string) =>
  queryOptions({
    queryKey: settingsKeys.costCodes(companyId),
    queryFn: async ({ signal }): Promise<ProcoreCostCode[]> =>
      (await api.get<ProcoreCostCodeListBody>(companyPath(companyId, '/settings/cost-codes'), undefined, signal)).costCodes,
    staleTime: 60_000,
  });

/** Refresh items, accounts and classes: read by the next Web Connector session (accounts and classes ride with items). */
export function refreshQuickBooksLists(companyId: string, idempotencyKey: string): Promise<RefreshQueuedBody> {
  return api.post<RefreshQueuedBody>(companyPath(companyId, '/imports/refresh'), { kind: 'items' }, { idempotencyKey });
}

/** Saves the changed settings only; the server validates the whole result and audits the change. */
export function saveSettings(companyId: string, change: Partial<CompanySettings>, idempotencyKey: string): Promise<CompanySettings> {
  return api.request<CompanySettings>('PATCH', companyPath(companyId, '/settings'), { body: change, idempotencyKey });
}

/**
 * Creates the Retainage Receivable item in QuickBooks on the chosen Other Current Asset account (issue 21), or chooses the
 * one QuickBooks already has; the setting fills in when QuickBooks confirms it (the answer says which happened).
 */
export function createRetainageReceivableItem(companyId: string, accountListId: string, idempotencyKey: string): Promise<CreateRetainageReceivableItemResult> {
  return api.post<CreateRetainageReceivableItemResult>(companyPath(companyId, '/settings/retainage-receivable-item'), { accountListId }, { idempotencyKey });
}

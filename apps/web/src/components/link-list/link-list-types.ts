import type { ImportEntryStatus, RefreshStatusBody } from '@connector/contract';
import type { QueryKey, UseQueryOptions } from '@tanstack/react-query';

/** QuickBooks jobs and vendors as the issue-6 API lists them, with their Procore link. */
export type LinkStatus = ImportEntryStatus;

export interface LinkEntry {
  qbListId: string;
  fullName: string;
  name: string;
  customerName?: string | null;
  isActive: boolean;
  status: LinkStatus;
  /** The linked Procore project (jobs) or vendor (vendors). */
  procoreRecord: { id: number; name: string } | null;
  suggestion: { id: number; name: string; reason: string } | null;
  duplicates: Array<{ qbListId: string; name: string }>;
  /** Why it cannot be linked (jobs: a sub-job), in words; absent or null when it can. */
  refusal?: string | null;
  /** Vendors on a multi-currency file: in another currency, so commitments for it are not exported (in words). */
  currencyNote?: string | null;
  qbModifiedAt: string | null;
}

export interface LinkListPage {
  total: number;
  counts: Record<LinkStatus, number>;
  items: LinkEntry[];
}

export interface LinkListFilters {
  status: LinkStatus;
  search: string;
  sort: 'name' | '-name' | 'modified' | '-modified';
  limit: number;
  offset: number;
}

/** One scheduled refresh as GET /imports/status answers it (@connector/contract). */
export type RefreshStatus = RefreshStatusBody['refreshes'][number];

/**
 * What a Jobs or Vendors feature hands the shared list screen: its words, its query options (one place per
 * feature, reused for invalidation) and its actions.
 */
export interface LinkListApi {
  /** "jobs" | "vendors": the refresh kind and the API path segment. */
  kind: 'jobs' | 'vendors';
  words: { title: string; description: string; qbNoun: string; procoreNoun: string; refreshLabel: string; createLabel: string };
  listQuery: (filters: LinkListFilters) => UseQueryOptions<LinkListPage, Error, LinkListPage, QueryKey>;
  refreshStatusQuery: () => UseQueryOptions<{ refreshes: RefreshStatus[] }, Error, { refreshes: RefreshStatus[] }, QueryKey>;
  procoreChoicesQuery: () => UseQueryOptions<Array<{ id: number; name: string }>, Error, Array<{ id: number; name: string }>, QueryKey>;
  /** Keys to refetch after any change. */
  invalidates: () => QueryKey[];
  refresh: (idempotencyKey: string) => Promise<{ outcome: 'queued' | 'already_queued'; queuedAt: string }>;
  link: (qbListId: string, procoreId: number, idempotencyKey: string) => Promise<unknown>;
  create: (qbListId: string, idempotencyKey: string) => Promise<unknown>;
  archive: (qbListId: string, archived: boolean, idempotencyKey: string) => Promise<unknown>;
  linkSuggested: (idempotencyKey: string) => Promise<{ linked: number; failed: Array<{ qbListId: string; code: string; message: string }> }>;
}

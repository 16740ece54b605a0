import type {
  ActivityDirection,
  ActivityEntryBody,
  ActivityExchangeBody,
  ActivityListBody,
  ActivityOutcome,
  ActivityRecordTypeKey,
  ActivitySessionRowBody,
} from '@connector/contract';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, companyPath } from '../../../lib/api.ts';
import { buildUrl } from '../../../lib/api-client.ts';

/** The audit trail ("View Log"): who asked, what went to or came from QuickBooks, and how it ended (@connector/contract). */
export type ActivityEntry = ActivityEntryBody;
/** One Web Connector session as one row (its entries folded in). */
export type ActivitySessionRow = ActivitySessionRowBody;
export const isSessionRow = (row: ActivityEntry | ActivitySessionRow): row is ActivitySessionRow => 'kind' in row && row.kind === 'session';

/** The list's query (@connector/contract ActivityQuery) as the screen holds it: '' for "any" (left out of the URL). */
export interface ActivityFilters {
  /** A key of the shared record-type table (@connector/contract ACTIVITY_RECORD_TYPES), or '' for all. */
  recordType: ActivityRecordTypeKey | '';
  subjectId: string;
  actor: string;
  direction: ActivityDirection | '';
  outcome: ActivityOutcome | '';
  from: string;
  to: string;
  limit: number;
  offset: number;
}

/** A filter read from the URL, kept only when it is one of the API's values (else "any"): the server would refuse it. */
export function listedOrAny<T extends string>(list: readonly T[], value: string): T | '' {
  return (list as readonly string[]).includes(value) ? (value as T) : '';
}

export const activityKeys = {
  all: (companyId: string) => ['activity', companyId] as const,
  page: (companyId: string, filters: ActivityFilters) => [...activityKeys.all(companyId), filters] as const,
};

/** Dates from the filter (yyyy-mm-dd) as the start and end of those days, in the viewer's time zone. */
export function toQuery(filters: ActivityFilters): Record<string, string | number> {
  return {
    recordType: filters.recordType,
    subjectId: filters.subjectId,
    actor: filters.actor,
    direction: filters.direction,
    outcome: filters.outcome,
    from: filters.from ? new Date(`${filters.from}T00:00:00`).toISOString() : '',
    to: filters.to ? new Date(`${filters.to}T23:59:59.999`).toISOString() : '',
    limit: filters.limit,
    offset: filters.offset,
  };
}

export const activityQuery = (companyId: string, filters: ActivityFilters) =>
  queryOptions({
    queryKey: activityKeys.page(companyId, filters),
    // The Web Connector's chatter as one row per session (server-side, so a page is always whole rows).
    queryFn: ({ signal }) => api.get<ActivityListBody>(companyPath(companyId, '/activity'), { ...toQuery(filters), group: 'sessions' }, signal),
    placeholderData: keepPreviousData,
  });

/**
 * The company's members by name, for the "User" filter: people pick a name, the filter sends the user id the
 * audit trail stores (nobody should have to type "6600a806-…").
 */
export const activityPeopleQuery = (companyId: string) =>
  queryOptions({
    queryKey: [...activityKeys.all(companyId), 'people'] as const,
    queryFn: ({ signal }) =>
      api.get<{ items: Array<{ userId: string; login: string | null; name: string | null }> }>(companyPath(companyId, '/members'), undefined, signal),
    staleTime: 5 * 60_000,
  });

/** The same filters as a CSV download (every matching entry, not only this page). */
export function activityCsvUrl(companyId: string, filters: ActivityFilters): string {
  const { limit: _limit, offset: _offset, ...rest } = toQuery(filters);
  return buildUrl(companyPath(companyId, '/activity.csv'), rest);
}

/** What was sent to QuickBooks and what came back for one entry (its Web Connector message; @connector/contract). */
export const activityExchangeQuery = (companyId: string, entryId: string) =>
  queryOptions({
    queryKey: [...activityKeys.all(companyId), 'exchange', entryId] as const,
    queryFn: ({ signal }) => api.get<ActivityExchangeBody>(companyPath(companyId, `/activity/${encodeURIComponent(entryId)}/exchange`), undefined, signal),
  });

/** Entries that can have a Web Connector message behind them (the message itself, or a request it carried). */
export const hasExchange = (entry: Pick<ActivityEntry, 'subjectType'>) => entry.subjectType === 'qbwc_message' || entry.subjectType === 'queued_request';

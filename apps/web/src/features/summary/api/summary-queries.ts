import type { DailySummaryBody } from '@connector/contract';
import { queryOptions } from '@tanstack/react-query';
import { api, companyPath } from '../../../lib/api.ts';

/** GET /summary: the daily summary (issue 18), the shape of @connector/contract. */
export type DailySummary = DailySummaryBody;

export const summaryQuery = (companyId: string) =>
  queryOptions({
    queryKey: ['summary', companyId] as const,
    queryFn: ({ signal }) => api.get<DailySummary>(companyPath(companyId, '/summary'), undefined, signal),
    refetchInterval: 60_000,
  });

/** "14:05" in the viewer's time zone. */
export function formatClock(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? 'an unknown time' : date.toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

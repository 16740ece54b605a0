import { describeNextQbwcRun, type DailySummaryBody, type ExportStatus } from '@connector/contract';
import { queryOptions } from '@tanstack/react-query';
import { api, companyPath } from '../../../lib/api.ts';

/** Rows that wait for the Web Connector (approved, queued): they get the "ETA to QuickBooks" line (issue 18). */
export const WAITS_FOR_WEB_CONNECTOR: ReadonlySet<ExportStatus> = new Set(['approved', 'queued']);

export interface QbwcEta {
  text: string;
  warning: boolean;
}

/** "14:05" in the viewer's time zone. */
export function formatClock(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? 'an unknown time' : date.toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

/**
 * The next expected Web Connector run, from the daily summary (GET /summary: the schedule and the last poll,
 * packages/sync summary/estimate-next-qbwc-run.ts), in the words the summary uses (@connector/contract describeNextQbwcRun).
 */
export const qbwcEtaQuery = (companyId: string) =>
  queryOptions({
    queryKey: ['summary', companyId] as const,
    queryFn: ({ signal }) => api.get<DailySummaryBody>(companyPath(companyId, '/summary'), undefined, signal),
    select: (summary): QbwcEta => describeNextQbwcRun(summary.nextRun, formatClock),
    refetchInterval: 60_000,
  });

import type { Database } from '@connector/db';
import { getCompanySettings } from '../settings/company-settings.ts';
import { completedAtCursor, requestedAtCursor } from './queue-refresh.ts';
import { PUSH_JOB_COSTS_JOB } from './import-jobs.ts';
import { REFRESH_KINDS, type RefreshKind } from './refresh-kinds.ts';

export interface RefreshStatus {
  kind: RefreshKind;
  everyHours: number;
  lastRequestedAt: string | null;
  lastCompletedAt: string | null;
  nextDueAt: string | null;
  /**
   * Its QuickBooks reads are queued or with the Web Connector; for job costs also while what they read is still being
   * pushed into Procore (the push job): the job-cost figures change only when that is done, and the screen refreshes
   * them when this turns false (issue 18: the summary stayed stale after Update Job Costs until a reload).
   */
  pending: boolean;
}

/** When each refresh last ran, whether one is waiting for the Web Connector, and when the schedule fires next. */
export async function readRefreshStatus(db: Database, companyId: string): Promise<{ refreshes: RefreshStatus[] }> {
  const settings = await getCompanySettings(db, companyId);
  const cursors = new Map((await db.prisma.syncCursor.findMany({ where: { companyId, name: { startsWith: 'qb:' } } })).map((c) => [c.name, c.value]));
  const open = await db.prisma.queuedRequest.findMany({
    where: { companyId, dedupeKey: { startsWith: 'import:' }, status: { in: ['queued', 'sent'] } },
    select: { dedupeKey: true },
  });
  const pushing = (await db.prisma.job.count({ where: { companyId, kind: PUSH_JOB_COSTS_JOB, status: { in: ['queued', 'running'] } } })) > 0;
  return {
    refreshes: REFRESH_KINDS.map((kind) => {
      const everyHours = kind === 'job_costs' ? settings.refreshJobCostsEveryHours : settings.refreshJobsAndVendorsEveryHours;
      const lastRequestedAt = cursors.get(requestedAtCursor(kind)) ?? null;
      return {
        kind,
        everyHours,
        lastRequestedAt,
        lastCompletedAt: cursors.get(completedAtCursor(kind)) ?? null,
        nextDueAt: lastRequestedAt ? new Date(Date.parse(lastRequestedAt) + everyHours * 3_600_000).toISOString() : null,
        pending: open.some((o) => o.dedupeKey.startsWith(`import:${kind}:`)) || (kind === 'job_costs' && pushing),
      };
    }),
  };
}

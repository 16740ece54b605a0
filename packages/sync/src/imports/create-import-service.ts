import type { Database, JobModel as Job, Prisma } from '@connector/db';
import type { ProcoreClient } from '@connector/procore';
import { writeAudit } from '../audit/write-audit.ts';
import { enqueueJob } from '../jobs/enqueue-job.ts';
import type { JobContext, JobHandler } from '../jobs/run-jobs.ts';
import type { AppliedResponse } from '../qbwc/receive-response-xml.ts';
import { getCompanySettings } from '../settings/company-settings.ts';
import { readApplyListRefreshPayload } from '../stored/read-stored.ts';
import { applyListRefresh } from './apply-list-refresh.ts';
import { APPLY_LIST_REFRESH_JOB, PUSH_JOB_COSTS_JOB, PUSH_OWNER_PAYMENTS_JOB } from './import-jobs.ts';
import { pushOwnerPayments } from './push-owner-payments.ts';
import { IMPORT_ACTOR, pushJobCosts } from './push-job-costs.ts';
import { queueRefresh, requestedAtCursor } from './queue-refresh.ts';
import { storeImportResponses } from './store-import-responses.ts';
import type { RefreshKind } from './refresh-kinds.ts';

export interface ImportService {
  jobHandlers: Record<string, JobHandler>;
  /** Runs inside receiveResponseXML's transaction: keeps what import queries returned, queues the Procore half. */
  afterQuickBooksResponse(tx: Prisma.TransactionClient, companyId: string, now: Date, applied: readonly AppliedResponse[]): Promise<void>;
  /** The schedule: queues each company's refreshes that are due (settings: hours between refreshes). */
  queueDueRefreshes(now?: Date): Promise<number>;
}

export function createImportService(options: {
  db: Database;
  clientFor: (companyId: string, clientOptions?: { signal?: AbortSignal }) => Promise<ProcoreClient>;
}): ImportService {
  const { db } = options;

  async function afterQuickBooksResponse(tx: Prisma.TransactionClient, companyId: string, now: Date, applied: readonly AppliedResponse[]) {
    if (!applied.some((a) => a.dedupeKey.startsWith('import:'))) return;
    const stored = await storeImportResponses(tx, companyId, now, applied);
    for (const kind of stored.finishedKinds) {
      if (kind === 'job_costs') {
        await enqueueJob(tx, { companyId, kind: PUSH_JOB_COSTS_JOB, payload: {}, dedupeKey: PUSH_JOB_COSTS_JOB });
        // Payments received ride with the job-cost read (refresh-kinds.ts); their push is its own job.
        await enqueueJob(tx, { companyId, kind: PUSH_OWNER_PAYMENTS_JOB, payload: {}, dedupeKey: PUSH_OWNER_PAYMENTS_JOB });
      } else await enqueueJob(tx, { companyId, kind: APPLY_LIST_REFRESH_JOB, payload: { kind }, dedupeKey: `${APPLY_LIST_REFRESH_JOB}:${kind}` });
    }
  }

  async function pushJob(job: Job, context: JobContext) {
    // A read still under way will queue this job again when it finishes.
    const open = await db.prisma.queuedRequest.count({
      where: { companyId: job.companyId, dedupeKey: { startsWith: 'import:job_costs:' }, status: { in: ['queued', 'sent'] } },
    });
    if (open > 0) return { skipped: 'QuickBooks read still under way' };
    // The job's signal ends the client's waits if the lease is lost; the lease guards every Procore create.
    const client = await options.clientFor(job.companyId, { signal: context.signal });
    const summary = await pushJobCosts(db, { companyId: job.companyId, client, lease: context });
    await writeAudit(db.prisma, {
      companyId: job.companyId,
      actor: IMPORT_ACTOR,
      action: 'import.job_costs_pushed',
      direction: 'to_procore',
      outcome: summary.failed > 0 ? 'error' : 'ok',
      subjectType: 'import',
      subjectId: 'job_costs',
      detail: { ...summary },
    });
    return { ...summary };
  }

  async function pushOwnerPaymentsJob(job: Job, context: JobContext) {
    const open = await db.prisma.queuedRequest.count({
      where: { companyId: job.companyId, dedupeKey: { startsWith: 'import:job_costs:' }, status: { in: ['queued', 'sent'] } },
    });
    if (open > 0) return { skipped: 'QuickBooks read still under way' };
    const client = await options.clientFor(job.companyId, { signal: context.signal });
    const summary = await pushOwnerPayments(db, { companyId: job.companyId, client, lease: context });
    await writeAudit(db.prisma, {
      companyId: job.companyId,
      actor: IMPORT_ACTOR,
      action: 'import.owner_payments_pushed',
      direction: 'to_procore',
      outcome: summary.failed > 0 ? 'error' : 'ok',
      subjectType: 'import',
      subjectId: 'owner_payments',
      detail: { ...summary },
    });
    return { ...summary };
  }

  async function applyListJob(job: Job, context: JobContext) {
    const { kind } = readApplyListRefreshPayload(job);
    const client = await options.clientFor(job.companyId, { signal: context.signal });
    return applyListRefresh(db, { companyId: job.companyId, kind, client });
  }

  async function queueDueRefreshes(now = new Date()): Promise<number> {
    // Desktop companies with a Web Connector, and Online companies with a working connection (issue 22: their list
    // reads are delivered by the qbo.deliver job; job costs are not read from QuickBooks Online yet).
    const companies = await db.prisma.company.findMany({
      where: {
        OR: [
          { accountingEdition: 'desktop', qbwcConnection: { isNot: null } },
          { accountingEdition: 'online', qboConnection: { status: 'connected' } },
        ],
      },
      select: { id: true, accountingEdition: true },
    });
    let queued = 0;
    for (const { id: companyId, accountingEdition } of companies) {
      const settings = await getCompanySettings(db, companyId);
      const cursors = await db.prisma.syncCursor.findMany({ where: { companyId, name: { endsWith: ':requested_at' } } });
      const last = new Map(cursors.map((c) => [c.name, Date.parse(c.value)]));
      const due: Array<[RefreshKind, number]> = [
        ['jobs', settings.refreshJobsAndVendorsEveryHours],
        ['vendors', settings.refreshJobsAndVendorsEveryHours],
        ['items', settings.refreshJobsAndVendorsEveryHours],
        ['job_costs', settings.refreshJobCostsEveryHours],
      ];
      for (const [kind, hours] of due) {
        if (accountingEdition === 'online' && kind === 'job_costs') continue;
        const at = last.get(requestedAtCursor(kind));
        if (at !== undefined && now.getTime() - at < hours * 3_600_000) continue;
        const result = await queueRefresh(db, { companyId, kind, actor: 'schedule', now });
        if (result.outcome === 'queued') queued += 1;
      }
    }
    return queued;
  }

  return {
    jobHandlers: { [PUSH_JOB_COSTS_JOB]: pushJob, [PUSH_OWNER_PAYMENTS_JOB]: pushOwnerPaymentsJob, [APPLY_LIST_REFRESH_JOB]: applyListJob },
    afterQuickBooksResponse,
    queueDueRefreshes,
  };
}

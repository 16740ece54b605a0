import type { Database, Prisma } from '@connector/db';
import { writeAudit } from '../audit/write-audit.ts';
import { AppError } from '../errors/app-error.ts';
import { enqueueJob } from '../jobs/enqueue-job.ts';
import { describeFailedJob } from './describe-failed-job.ts';

export interface FailedJobActionResult {
  outcome: 'queued' | 'already_retried' | 'dismissed' | 'already_dismissed';
  /** The job that carries the work again (retry); null for a dismissal. */
  jobId: string | null;
}

interface LockedJob {
  id: string;
  kind: string;
  payload: Prisma.JsonValue;
  dedupe_key: string | null;
  status: string;
  max_attempts: number;
  attempts: number;
  error_code: string | null;
  last_error: string | null;
  result: Prisma.JsonValue;
  finished_at: Date | null;
}

/**
 * Retry from the Exceptions screen: the failed job's work is queued again as a new job with a fresh attempt count
 * (same kind, payload and dedupe key, so a twin already queued is that job), and the failed one becomes `cancelled`
 * pointing at it (`result.retriedAs`, beside the failure it kept), audited `job.retry`. A double click finds it
 * retried already and answers the same job, nothing queued or audited twice: the row is locked (FOR UPDATE) while
 * it moves, and the new job's dedupe key — the original's, else `job.retry:<id>` — makes a second insert the same job.
 */
export async function retryFailedJob(db: Database, input: { companyId: string; jobId: string; actor: string }): Promise<FailedJobActionResult> {
  return db.prisma.$transaction(async (tx) => {
    const job = await lockJob(tx, input);
    const before = resolution(job);
    if (before.retriedAs !== null) return { outcome: 'already_retried', jobId: before.retriedAs };
    if (before.dismissed) return { outcome: 'already_dismissed', jobId: null };
    if (job.status !== 'failed') throw new AppError('JOB_NOT_FAILED');
    const again = await enqueueJob(tx, {
      companyId: input.companyId,
      kind: job.kind,
      payload: (job.payload ?? {}) as Prisma.InputJsonValue,
      dedupeKey: job.dedupe_key ?? `job.retry:${job.id}`,
      maxAttempts: job.max_attempts,
    });
    await closeFailedJob(tx, input.companyId, job, { retriedAs: again.id, retriedBy: input.actor });
    await writeAudit(tx, {
      companyId: input.companyId,
      actor: input.actor,
      action: 'job.retry',
      outcome: 'info',
      subjectType: 'job',
      subjectId: job.id,
      detail: { kind: job.kind, doing: describeFailedJob(job.kind, job.payload, null), errorCode: job.error_code, message: job.last_error, newJobId: again.id },
    });
    return { outcome: 'queued', jobId: again.id };
  });
}

/** Dismiss from the Exceptions screen: the failed job leaves the list undone (`cancelled`, `result.dismissedBy`), audited `job.dismiss`. */
export async function dismissFailedJob(db: Database, input: { companyId: string; jobId: string; actor: string }): Promise<FailedJobActionResult> {
  return db.prisma.$transaction(async (tx) => {
    const job = await lockJob(tx, input);
    const before = resolution(job);
    if (before.dismissed) return { outcome: 'already_dismissed', jobId: null };
    if (before.retriedAs !== null) return { outcome: 'already_retried', jobId: before.retriedAs };
    if (job.status !== 'failed') throw new AppError('JOB_NOT_FAILED');
    await closeFailedJob(tx, input.companyId, job, { dismissedBy: input.actor });
    await writeAudit(tx, {
      companyId: input.companyId,
      actor: input.actor,
      action: 'job.dismiss',
      outcome: 'info',
      subjectType: 'job',
      subjectId: job.id,
      detail: { kind: job.kind, doing: describeFailedJob(job.kind, job.payload, null), errorCode: job.error_code, message: job.last_error },
    });
    return { outcome: 'dismissed', jobId: null };
  });
}

async function lockJob(tx: Prisma.TransactionClient, input: { companyId: string; jobId: string }): Promise<LockedJob> {
  const rows = await tx.$queryRaw<LockedJob[]>`
    SELECT id::text AS id, kind, payload, dedupe_key, status, max_attempts, attempts, error_code, last_error, result, finished_at
      FROM jobs WHERE id = ${input.jobId}::uuid AND company_id = ${input.companyId}::uuid FOR UPDATE`;
  const job = rows[0];
  if (!job) throw new AppError('JOB_NOT_FOUND');
  return job;
}

/** What a person already did about this job (the marks closeFailedJob leaves on a cancelled job). */
function resolution(job: LockedJob): { retriedAs: string | null; dismissed: boolean } {
  const r = job.status === 'cancelled' && job.result !== null && typeof job.result === 'object' && !Array.isArray(job.result) ? job.result : {};
  return { retriedAs: typeof r['retriedAs'] === 'string' ? r['retriedAs'] : null, dismissed: typeof r['dismissedBy'] === 'string' };
}

/**
 * `cancelled`, as a retry folded into a twin is (record-job-failure.ts): the job's outcome is elsewhere or nowhere, it
 * leaves the metrics' dead letters and the job retention purges it in time (purge-finished-jobs.ts). What it failed
 * with stays: error_code, last_error, and the failure's details (Procore's status) under `result.failure`.
 */
async function closeFailedJob(tx: Prisma.TransactionClient, companyId: string, job: LockedJob, mark: Record<string, string>): Promise<void> {
  const now = new Date();
  const result = { failure: job.result, failedAt: job.finished_at?.toISOString() ?? null, ...mark } as Prisma.InputJsonValue;
  const { count } = await tx.job.updateMany({
    where: { id: job.id, companyId, status: 'failed' },
    data: { status: 'cancelled', result, finishedAt: now, updatedAt: now },
  });
  if (count !== 1) throw new AppError('JOB_NOT_FAILED');
}

import type { JobModel as Job } from '@connector/db';
import { startLease, type JobHandler, type JobLeaseOptions } from './job-lease.ts';
import { recordJobFailure, type JobRetryOptions } from './record-job-failure.ts';
import { writeIfHeld } from './write-if-held.ts';

export type RunOneJobOptions = JobLeaseOptions & JobRetryOptions & { handlers: Record<string, JobHandler> };

/**
 * Runs one claimed job under its lease (heartbeat while it runs) and records its outcome, fenced by the lease token:
 * `done` with the handler's result, or the failure's retry or dead letter (record-job-failure.ts). A run that lost its
 * lease records nothing: another runner may be running the job now.
 */
export async function runOneJob(options: RunOneJobOptions, job: Job): Promise<void> {
  const handler = options.handlers[job.kind]!;
  const leaseId = job.leaseId!;
  const lease = startLease(options, job, leaseId);
  const log = { jobId: job.id, kind: job.kind, companyId: job.companyId, attempt: job.attempts };
  try {
    let outcome: { ok: true; result: Record<string, unknown> | void } | { ok: false; error: unknown };
    try {
      outcome = { ok: true, result: await handler(job, lease.context) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    if (lease.signal.aborted) {
      // Another runner may be running it now: what this run would record could overwrite that run's outcome.
      options.logger?.warn(log, 'job finished after losing its lease; its outcome is not recorded');
      return;
    }
    if (!outcome.ok) {
      await recordJobFailure(options, job, leaseId, outcome.error);
      return;
    }
    const at = options.now();
    const applied = await writeIfHeld(options.db, job, leaseId, {
      status: 'done',
      finishedAt: at,
      updatedAt: at,
      leaseId: null,
      leaseUntil: null,
      lastError: null,
      errorCode: null,
      result: (outcome.result ?? undefined) as never,
    });
    if (!applied) options.logger?.warn(log, 'job finished after losing its lease; its outcome is not recorded');
  } finally {
    lease.stop();
  }
}

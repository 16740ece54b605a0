import type { Database } from '@connector/db';

export interface PurgeFinishedJobsOptions {
  /** Finished jobs older than this are deleted (JOB_RETENTION_DAYS). */
  retentionMs: number;
  /** Rows per DELETE, so one run never holds a long lock or a huge transaction (default 1,000). */
  batchSize?: number;
  /** At most this many batches per run; the rest waits for the next run (default 100). */
  maxBatches?: number;
}

/**
 * Job retention (issue 20): deletes done and cancelled jobs whose finished_at is older than the retention, in
 * batches (jobs_finished_at_idx). Failed jobs stay until someone resolves them — they are what the exception
 * queue and the import failures explain — and queued or running jobs are never touched. Runs for every company
 * at once on the `jobs.retention` schedule (app.ts): retention is a property of the deployment, not of a company.
 */
export async function purgeFinishedJobs(db: Database, now: Date, options: PurgeFinishedJobsOptions): Promise<number> {
  const batchSize = options.batchSize ?? 1_000;
  const maxBatches = options.maxBatches ?? 100;
  const cutoff = new Date(now.getTime() - options.retentionMs);
  let deleted = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const count = await db.prisma.$executeRaw`
      DELETE FROM jobs WHERE id IN (
        SELECT id FROM jobs WHERE status IN ('done', 'cancelled') AND finished_at < ${cutoff}
        LIMIT ${batchSize} FOR UPDATE SKIP LOCKED)`;
    deleted += count;
    if (count < batchSize) break;
  }
  return deleted;
}

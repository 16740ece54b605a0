import { Prisma, type Database } from '@connector/db';
import { describeFailedJob, failedJobTodo, procoreAnswerOf } from './describe-failed-job.ts';

/** A background job that failed for good (a dead letter), as the Exceptions screen shows it. */
export interface FailedJob {
  id: string;
  kind: string;
  /** What it was doing, in words (describe-failed-job.ts). */
  doing: string;
  /** Our code (the AppError's, or INTERNAL) and the run's message; what to do about it. */
  errorCode: string | null;
  message: string | null;
  todo: string;
  /** Procore's raw answer beside our code, when Procore refused or failed it. */
  procoreStatus: number | null;
  procoreCode: string | null;
  procoreMessage: string | null;
  attempts: number;
  maxAttempts: number;
  failedAt: string;
}

interface FailedJobRow {
  id: string;
  kind: string;
  payload: unknown;
  error_code: string | null;
  last_error: string | null;
  result: unknown;
  attempts: number;
  max_attempts: number;
  failed_at: Date;
  export_title: string | null;
}

/**
 * Failed jobs a person has to see: status `failed` (record-job-failure.ts: attempts spent, or a failure retrying
 * cannot fix), not retried or dismissed (resolve-failed-job.ts moves those to `cancelled`), newest first, paged.
 *
 * Left out, so nothing is listed twice or after it stopped mattering:
 * - a job whose dedupe key (the same work) has a newer job: one queued or running (the work is in hand again — a
 *   twin queued by an event, a retry from the export or import screens), or one that finished later, done (the work
 *   went through since) or failed (that one is listed instead). Compared by finished_at, then id, never created_at:
 *   a twin's created_at may equal its original's.
 * - an `export.prepare` job whose export row no longer waits for it — listed only while the row is `approved`, or
 *   `queued` with neither source nor request (an interrupted prepare: the condition prepare itself works on,
 *   create-export-service.ts / prepare-export-batch.ts). A `failed` row is on the list already (list-export-exceptions.ts)
 *   with the reason prepare wrote on it and its own retry, which queues this job's work again: not listed twice. A row
 *   queued, synced or dismissed since (another job's batch prepared it, a person acted) or gone leaves nothing to
 *   retry. prepare writes every Procore failure on the row and ends `done`, so its failed jobs are the other failures
 *   (a database error, a damaged payload), where the row is still `approved` and shows nothing by itself.
 * Listed although an import screen shows failures: `import.push-job-costs` records each transaction Procore refused
 * on that transaction (push_error_*) and ends `done`; when the job itself fails (Procore not connected, sign-in
 * required, rate limit past its attempts) no transaction carries that failure, so it is not a second listing of it.
 * `export.write-procore-origin` has no row of its own that could show it: an export is `synced` before it is queued.
 */
export async function listFailedJobs(db: Database, companyId: string, page: { limit: number; offset: number }): Promise<{ total: number; items: FailedJob[] }> {
  const [counted, rows] = await Promise.all([
    db.prisma.$queryRaw<Array<{ total: bigint | number }>>`
      SELECT count(*) AS total FROM jobs f WHERE f.company_id = ${companyId}::uuid AND f.status = 'failed' AND ${listed()}`,
    db.prisma.$queryRaw<FailedJobRow[]>`
      SELECT f.id::text AS id, f.kind, f.payload, f.error_code, f.last_error, f.result, f.attempts, f.max_attempts,
             coalesce(f.finished_at, f.updated_at) AS failed_at,
             (SELECT e.title FROM export_records e
               WHERE f.kind = 'export.prepare' AND e.company_id = f.company_id AND e.id::text = f.payload->>'exportId') AS export_title
        FROM jobs f
       WHERE f.company_id = ${companyId}::uuid AND f.status = 'failed' AND ${listed()}
       ORDER BY coalesce(f.finished_at, f.updated_at) DESC, f.id
       LIMIT ${page.limit} OFFSET ${page.offset}`,
  ]);
  return {
    total: Number(counted[0]?.total ?? 0),
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      doing: describeFailedJob(r.kind, r.payload, r.export_title),
      errorCode: r.error_code,
      message: r.last_error,
      todo: failedJobTodo(r.error_code, r.attempts),
      ...procoreAnswerOf(r.result),
      attempts: r.attempts,
      maxAttempts: r.max_attempts,
      failedAt: new Date(r.failed_at).toISOString(),
    })),
  };

  /** The rule above, on the failed job `f` (same company throughout: every query is scoped by company). */
  function listed() {
    return Prisma.sql`
      NOT EXISTS (
        SELECT 1 FROM jobs n
         WHERE n.company_id = f.company_id AND n.dedupe_key = f.dedupe_key AND n.id <> f.id
           AND (n.status IN ('queued', 'running')
                OR (n.status IN ('done', 'failed')
                    AND (coalesce(n.finished_at, n.updated_at), n.id) > (coalesce(f.finished_at, f.updated_at), f.id))))
      AND (f.kind <> 'export.prepare' OR EXISTS (
        SELECT 1 FROM export_records e
         WHERE e.company_id = f.company_id AND e.id::text = f.payload->>'exportId'
           AND (e.status = 'approved' OR (e.status = 'queued' AND e.source IS NULL AND e.request_id IS NULL))))`;
  }
}

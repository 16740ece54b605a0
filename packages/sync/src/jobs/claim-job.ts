import { randomUUID } from 'node:crypto';
import type { Database, JobModel as Job } from '@connector/db';
import { isUniqueViolation } from './is-unique-violation.ts';

export interface JobClaimOptions {
  db: Database;
  /** The job kinds this runner has handlers for: it claims no other. */
  kinds: string[];
  leaseMs: number;
  now: () => Date;
}

/**
 * Claims due jobs for one runner. A claim is one UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED) that writes a new
 * lease token, so several server instances share the table without running a job twice; a job whose lease lapsed
 * (crashed runner) is claimed again. A job with a dedupe key is not claimed while another job with that key is running
 * (one push per company at a time); the claim's NOT EXISTS reads a snapshot, so the unique index
 * jobs_running_dedupe_key is what holds it when two claims race (the loser's claim fails and it looks again). A lapsed
 * run with that key is itself claimable, so it is taken over first.
 */
export function createJobClaimer(options: JobClaimOptions): (companyId: string | undefined) => Promise<Job | null> {
  const { db, kinds, leaseMs, now } = options;
  // Claims from this process go one at a time: with 2 cores, N slots racing for the same rows would mostly
  // fail on jobs_running_dedupe_key; across instances SKIP LOCKED and that index keep them apart.
  let claiming: Promise<unknown> = Promise.resolve();

  async function claimWithRetry(companyId: string | undefined): Promise<Job | null> {
    for (let tries = 1; ; tries++) {
      try {
        return await claimOnce(companyId);
      } catch (error) {
        // Another runner started a job with this dedupe key between our snapshot and our UPDATE: look again
        // (the committed running twin now excludes it). Anything else is the caller's problem.
        if (!isUniqueViolation(error) || tries >= 5) throw error;
      }
    }
  }

  async function claimOnce(companyId: string | undefined): Promise<Job | null> {
    const leaseId = randomUUID();
    const t = now();
    const leaseUntil = new Date(t.getTime() + leaseMs);
    const rows = await db.prisma.$queryRaw<Array<{ id: string }>>`
      UPDATE jobs SET status = 'running', lease_id = ${leaseId}, lease_until = ${leaseUntil}, attempts = attempts + 1, started_at = ${t}, updated_at = ${t}
      WHERE id = (
        SELECT j.id FROM jobs j
        WHERE j.kind = ANY(${kinds}::text[])
          AND (${companyId ?? null}::uuid IS NULL OR j.company_id = ${companyId ?? null}::uuid)
          AND ((j.status = 'queued' AND j.run_at <= ${t}) OR (j.status = 'running' AND j.lease_until < ${t}))
          AND (j.dedupe_key IS NULL OR NOT EXISTS (
            SELECT 1 FROM jobs r
            WHERE r.company_id = j.company_id AND r.dedupe_key = j.dedupe_key AND r.id <> j.id AND r.status = 'running'))
        ORDER BY j.run_at, j.created_at
        LIMIT 1
        FOR UPDATE OF j SKIP LOCKED)
      RETURNING id`;
    if (!rows[0]) return null;
    return db.prisma.job.findFirst({ where: { id: rows[0].id, leaseId } });
  }

  return (companyId) => {
    const next = claiming.then(() => claimWithRetry(companyId));
    claiming = next.catch(() => {});
    return next;
  };
}

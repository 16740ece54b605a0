import { randomUUID } from 'node:crypto';
import type { Database, JobModel as Job } from '@connector/db';
import { isAppError } from '../errors/app-error.ts';
import type { ServiceLogger } from '../qbwc/qbwc-config.ts';

export type JobHandler = (job: Job) => Promise<Record<string, unknown> | void>;

export interface JobRunnerOptions {
  db: Database;
  handlers: Record<string, JobHandler>;
  logger?: ServiceLogger;
  /** How long a claimed job is ours; a crashed runner's jobs are picked up after it lapses. */
  leaseMs?: number;
  pollIntervalMs?: number;
  /** Backoff before attempt n+1: base * 2^n, capped, with jitter. */
  retryBaseMs?: number;
  retryMaxMs?: number;
}

export interface JobRunner {
  /** Claims and runs due jobs until none is left; returns how many ran (tests and the demo call this). */
  drain(options?: { companyId?: string; maxJobs?: number }): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

/**
 * Runs durable jobs. Claiming is one UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED), so several
 * server instances share the table without running a job twice; a job whose lease lapsed (crashed
 * runner) is claimed again. Failures retry with backoff up to max_attempts, then stay `failed` with our
 * error code and message for the exception queue.
 */
export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { db, handlers } = options;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const pollIntervalMs = options.pollIntervalMs ?? 2_000;
  const retryBaseMs = options.retryBaseMs ?? 30_000;
  const retryMaxMs = options.retryMaxMs ?? 30 * 60_000;
  const kinds = Object.keys(handlers);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = true;

  async function claim(companyId: string | undefined): Promise<Job | null> {
    const leaseId = randomUUID();
    const leaseUntil = new Date(Date.now() + leaseMs);
    const rows = await db.prisma.$queryRaw<Array<{ id: string }>>`
      UPDATE jobs SET status = 'running', lease_id = ${leaseId}, lease_until = ${leaseUntil}, attempts = attempts + 1, updated_at = now()
      WHERE id = (
        SELECT id FROM jobs
        WHERE kind = ANY(${kinds}::text[])
          AND (${companyId ?? null}::uuid IS NULL OR company_id = ${companyId ?? null}::uuid)
          AND ((status = 'queued' AND run_at <= now()) OR (status = 'running' AND lease_until < now()))
        ORDER BY run_at, created_at
        LIMIT 1
        FOR UPDATE SKIP LOCKED)
      RETURNING id`;
    if (!rows[0]) return null;
    return db.prisma.job.findUnique({ where: { id: rows[0].id } });
  }

  async function runOne(job: Job) {
    const handler = handlers[job.kind]!;
    try {
      const result = await handler(job);
      await db.prisma.job.updateMany({
        where: { id: job.id, leaseId: job.leaseId },
        data: { status: 'done', finishedAt: new Date(), leaseId: null, leaseUntil: null, lastError: null, errorCode: null, result: (result ?? undefined) as never },
      });
    } catch (error) {
      const code = isAppError(error) ? error.code : 'INTERNAL';
      const message = error instanceof Error ? error.message : String(error);
      // A sign-in problem will not fix itself by retrying: stop at once so the exception shows now.
      const permanent = isAppError(error) && ['PROCORE_SIGN_IN_REQUIRED', 'PROCORE_NOT_CONNECTED', 'PROCORE_NOT_CONFIGURED', 'VALIDATION'].includes(error.code);
      const exhausted = job.attempts >= job.maxAttempts || permanent;
      const delay = Math.min(retryMaxMs, retryBaseMs * 2 ** Math.max(0, job.attempts - 1)) * (0.5 + Math.random() * 0.5);
      await db.prisma.job.updateMany({
        where: { id: job.id, leaseId: job.leaseId },
        data: exhausted
          ? { status: 'failed', finishedAt: new Date(), leaseId: null, leaseUntil: null, lastError: message, errorCode: code, result: (isAppError(error) ? error.details : undefined) as never }
          : { status: 'queued', runAt: new Date(Date.now() + delay), leaseId: null, leaseUntil: null, lastError: message, errorCode: code },
      });
      options.logger?.warn({ jobId: job.id, kind: job.kind, companyId: job.companyId, attempt: job.attempts, code, final: exhausted }, `job failed: ${message}`);
    }
  }

  async function drain({ companyId, maxJobs = Infinity }: { companyId?: string; maxJobs?: number } = {}) {
    let count = 0;
    while (count < maxJobs) {
      const job = await claim(companyId);
      if (!job) break;
      await runOne(job);
      count++;
    }
    return count;
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      running = drain()
        .catch((error) => options.logger?.warn({ err: { message: (error as Error).message } }, 'job runner poll failed'))
        .finally(schedule);
    }, pollIntervalMs);
    timer.unref?.();
  }

  return {
    drain,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

import { randomUUID } from 'node:crypto';
import type { Database, JobModel as Job } from '@connector/db';
import { AppError, isAppError } from '../errors/app-error.ts';
import type { ServiceLogger } from '../logging/service-logger.ts';

/**
 * What a running job knows about its claim. The lease token (`jobs.lease_id`) is new on every claim: every
 * write of the job's outcome is conditional on it, so a run that lost its lease (it stalled past
 * `lease_until` and another instance claimed the job) can no longer record anything.
 */
export interface JobContext {
  /** This run's lease token (jobs.lease_id). */
  readonly leaseId: string;
  /** Aborted when this run no longer holds the lease (lost, or could not be renewed before it lapsed). Pass
   * it to Procore clients so their waits end with the run. */
  readonly signal: AbortSignal;
  /**
   * Renews the lease in the database and throws JobLeaseLostError if another run owns the job now. Call it
   * right before a write that must not happen twice (a Procore POST): it confirms the lease and gives the
   * write a whole lease period.
   */
  assertLeaseHeld(): Promise<void>;
}

export type JobHandler = (job: Job, context: JobContext) => Promise<Record<string, unknown> | void>;

/** The job's lease was taken over (or lapsed unrenewed): this run must stop and write nothing. */
export class JobLeaseLostError extends Error {
  override name = 'JobLeaseLostError';
  constructor(jobId: string) {
    super(`job ${jobId} no longer holds its lease: another runner may have claimed it, so this run stops without writing its outcome`);
  }
}

/** Starts the heartbeat of one run; returns how to stop it. Tests inject one they tick by hand. */
export type HeartbeatTimer = (beat: () => Promise<void>, intervalMs: number) => () => void;

const intervalTimer: HeartbeatTimer = (beat, intervalMs) => {
  const timer = setInterval(() => void beat(), intervalMs);
  timer.unref?.();
  return () => clearInterval(timer);
};

export interface JobRunnerOptions {
  db: Database;
  handlers: Record<string, JobHandler>;
  logger?: ServiceLogger;
  /** How long a claim lasts unless renewed; a crashed runner's jobs are picked up after it lapses. */
  leaseMs?: number;
  /** How often a running job renews its lease (default a third of the lease, so two beats may fail). */
  heartbeatMs?: number;
  heartbeatTimer?: HeartbeatTimer;
  /** The clock of leases and run times (default the system clock; tests inject one). */
  now?: () => Date;
  pollIntervalMs?: number;
  /** Backoff before attempt n+1: base * 2^n, capped, with jitter. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  random?: () => number;
}

export interface JobRunner {
  /** Claims and runs due jobs until none is left; returns how many ran (tests and the demo call this). */
  drain(options?: { companyId?: string; maxJobs?: number }): Promise<number>;
  start(): void;
  /** Stops claiming; resolves once the job in hand (if any) has finished and written its outcome. */
  stop(): Promise<void>;
}

/**
 * Runs durable jobs. Claiming is one UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED) that writes a new
 * lease token, so several server instances share the table without running a job twice; a job whose lease
 * lapsed (crashed runner) is claimed again. While a job runs its lease is renewed every `heartbeatMs`; if a
 * renewal finds another token, the run's signal aborts and nothing it would write about the job applies
 * (fencing: every write below is `WHERE lease_id = <our token>`). A job with a dedupe key is not claimed
 * while another job with that key runs on a live lease (one push per company at a time).
 * Failures retry with backoff — never sooner than Procore asked (Retry-After / X-Rate-Limit-Reset) — up to
 * max_attempts, then stay `failed` with our error code and message for the exception queue.
 */
export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { db, handlers } = options;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const heartbeatMs = options.heartbeatMs ?? Math.floor(leaseMs / 3);
  if (!(heartbeatMs > 0 && heartbeatMs < leaseMs))
    throw new RangeError(`heartbeatMs must be > 0 and shorter than the lease (${leaseMs} ms), got ${heartbeatMs}`);
  const heartbeatTimer = options.heartbeatTimer ?? intervalTimer;
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const pollIntervalMs = options.pollIntervalMs ?? 2_000;
  const retryBaseMs = options.retryBaseMs ?? 30_000;
  const retryMaxMs = options.retryMaxMs ?? 30 * 60_000;
  const kinds = Object.keys(handlers);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = true;

  async function claim(companyId: string | undefined): Promise<Job | null> {
    const leaseId = randomUUID();
    const t = now();
    const leaseUntil = new Date(t.getTime() + leaseMs);
    const rows = await db.prisma.$queryRaw<Array<{ id: string }>>`
      UPDATE jobs SET status = 'running', lease_id = ${leaseId}, lease_until = ${leaseUntil}, attempts = attempts + 1, updated_at = ${t}
      WHERE id = (
        SELECT j.id FROM jobs j
        WHERE j.kind = ANY(${kinds}::text[])
          AND (${companyId ?? null}::uuid IS NULL OR j.company_id = ${companyId ?? null}::uuid)
          AND ((j.status = 'queued' AND j.run_at <= ${t}) OR (j.status = 'running' AND j.lease_until < ${t}))
          AND (j.dedupe_key IS NULL OR NOT EXISTS (
            SELECT 1 FROM jobs r
            WHERE r.company_id = j.company_id AND r.dedupe_key = j.dedupe_key AND r.id <> j.id
              AND r.status = 'running' AND r.lease_until >= ${t}))
        ORDER BY j.run_at, j.created_at
        LIMIT 1
        FOR UPDATE OF j SKIP LOCKED)
      RETURNING id`;
    if (!rows[0]) return null;
    return db.prisma.job.findFirst({ where: { id: rows[0].id, leaseId } });
  }

  /** Fenced write: applies only while this run's token is the job's. Returns whether it applied. */
  async function writeIfHeld(job: Job, leaseId: string, data: Parameters<Database['prisma']['job']['updateMany']>[0]['data']): Promise<boolean> {
    const { count } = await db.prisma.job.updateMany({ where: { id: job.id, companyId: job.companyId, leaseId, status: 'running' }, data });
    return count === 1;
  }

  function startLease(job: Job, leaseId: string) {
    const controller = new AbortController();
    let heldUntil = job.leaseUntil?.getTime() ?? now().getTime() + leaseMs;
    const lose = () => {
      if (!controller.signal.aborted) controller.abort(new JobLeaseLostError(job.id));
    };
    /** Extends the lease by a whole period if it is still ours; throws if the database did not answer. */
    async function renew(): Promise<boolean> {
      if (controller.signal.aborted) return false;
      const until = new Date(now().getTime() + leaseMs);
      let held: boolean;
      try {
        held = await writeIfHeld(job, leaseId, { leaseUntil: until });
      } catch (error) {
        // We cannot know; once our lease has run out, assume another runner has the job.
        if (now().getTime() >= heldUntil) lose();
        throw error;
      }
      if (!held) {
        lose();
        options.logger?.warn({ jobId: job.id, kind: job.kind, companyId: job.companyId }, 'job lost its lease to another runner; stopping it');
        return false;
      }
      heldUntil = until.getTime();
      return true;
    }
    const stopHeartbeat = heartbeatTimer(async () => {
      try {
        await renew();
      } catch (error) {
        options.logger?.warn(
          { jobId: job.id, kind: job.kind, companyId: job.companyId, err: { message: (error as Error).message } },
          'job lease renewal failed',
        );
      }
    }, heartbeatMs);
    const context: JobContext = {
      leaseId,
      signal: controller.signal,
      async assertLeaseHeld() {
        // A renewal the database did not confirm is not proof: the error propagates and the write is not made.
        if (!(await renew())) throw controller.signal.reason ?? new JobLeaseLostError(job.id);
      },
    };
    return { context, stop: stopHeartbeat, signal: controller.signal };
  }

  async function runOne(job: Job) {
    const handler = handlers[job.kind]!;
    const leaseId = job.leaseId!;
    const lease = startLease(job, leaseId);
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
      if (outcome.ok) {
        const at = now();
        const applied = await writeIfHeld(job, leaseId, {
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
        return;
      }
      const error = outcome.error;
      const code = isAppError(error) ? error.code : 'INTERNAL';
      const message = error instanceof Error ? error.message : String(error);
      // A sign-in problem will not fix itself by retrying: stop at once so the exception shows now.
      const permanent = isAppError(error) && ['PROCORE_SIGN_IN_REQUIRED', 'PROCORE_NOT_CONNECTED', 'PROCORE_NOT_CONFIGURED', 'VALIDATION'].includes(error.code);
      const exhausted = job.attempts >= job.maxAttempts || permanent;
      const backoff = Math.min(retryMaxMs, retryBaseMs * 2 ** Math.max(0, job.attempts - 1)) * (0.5 + random() * 0.5);
      // Procore said when to come back (429 Retry-After / X-Rate-Limit-Reset, 503 Retry-After): sooner would be refused again.
      const delay = Math.max(backoff, requestedRetryDelayMs(error) ?? 0);
      const at = now();
      const applied = await writeIfHeld(
        job,
        leaseId,
        exhausted
          ? {
              status: 'failed',
              finishedAt: at,
              updatedAt: at,
              leaseId: null,
              leaseUntil: null,
              lastError: message,
              errorCode: code,
              result: (isAppError(error) ? error.details : undefined) as never,
            }
          : { status: 'queued', runAt: new Date(at.getTime() + delay), updatedAt: at, leaseId: null, leaseUntil: null, lastError: message, errorCode: code },
      );
      if (!applied) {
        options.logger?.warn({ ...log, code }, `job failed after losing its lease; its outcome is not recorded: ${message}`);
        return;
      }
      options.logger?.warn({ ...log, code, final: exhausted, ...(exhausted ? {} : { retryInMs: Math.round(delay) }) }, `job failed: ${message}`);
    } finally {
      lease.stop();
    }
  }

  // `keepClaiming`: the scheduled loop stops claiming once stop() is called (graceful shutdown, SIGTERM): the job
  // in hand finishes and records its outcome, clearing its lease, and nothing new is started.
  async function drain({ companyId, maxJobs = Infinity }: { companyId?: string; maxJobs?: number } = {}, keepClaiming: () => boolean = () => true) {
    let count = 0;
    while (count < maxJobs && keepClaiming()) {
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
      running = drain({}, () => !stopped)
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

/**
 * How long Procore asked us to stay away, from the error or what it wraps: a ProcoreApiError's
 * `retryAfterMs` (429 until X-Rate-Limit-Reset or Retry-After, 503 Retry-After, or a rate-limit wait too
 * long to sleep through), or an AppError's `details.retryAfterMs` (procoreFailure keeps it).
 */
export function requestedRetryDelayMs(error: unknown): number | null {
  let best: number | null = null;
  const seen = new Set<unknown>();
  for (let e: unknown = error; e !== null && typeof e === 'object' && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    const direct = (e as { retryAfterMs?: unknown }).retryAfterMs;
    const detail = e instanceof AppError ? e.details?.['retryAfterMs'] : undefined;
    for (const value of [direct, detail]) {
      if (typeof value === 'number' && Number.isFinite(value) && value > 0) best = Math.max(best ?? 0, value);
    }
  }
  return best;
}

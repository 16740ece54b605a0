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
  /**
   * How many jobs this process runs at once (JOB_CONCURRENCY), each under its own lease and heartbeat. Jobs
   * with one dedupe key never run together, whatever the number (jobs_running_dedupe_key).
   */
  concurrency?: number;
  /** Backoff before attempt n+1: base * 2^n, capped, with jitter. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  random?: () => number;
}

export interface JobRunner {
  /** Claims and runs due jobs until none is left; returns how many ran (tests and the demo call this). */
  drain(options?: { companyId?: string; maxJobs?: number }): Promise<number>;
  start(): void;
  /** Stops claiming; resolves once the jobs in hand (if any) have finished and written their outcomes. */
  stop(): Promise<void>;
  /** Jobs this runner is running now (each on its own lease). */
  inFlight(): number;
}

/**
 * Runs durable jobs, up to `concurrency` at once per process. Claiming is one UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED) that writes a new
 * lease token, so several server instances share the table without running a job twice; a job whose lease
 * lapsed (crashed runner) is claimed again. While a job runs its lease is renewed every `heartbeatMs`; if a
 * renewal finds another token, the run's signal aborts and nothing it would write about the job applies
 * (fencing: every write below is `WHERE lease_id = <our token>`). A job with a dedupe key is not claimed
 * while another job with that key is running (one push per company at a time); the claim's NOT EXISTS reads a
 * snapshot, so the unique index jobs_running_dedupe_key is what holds it when two claims race (the loser's
 * claim fails and it looks again). A lapsed run with that key is itself claimable, so it is taken over first.
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
  const concurrency = options.concurrency ?? 1;
  if (!(Number.isInteger(concurrency) && concurrency >= 1)) throw new RangeError(`concurrency must be a whole number ≥ 1, got ${concurrency}`);
  const kinds = Object.keys(handlers);
  let workers: Promise<void>[] = [];
  let wake: Array<() => void> = [];
  let stopped = true;
  let inFlight = 0;
  // Claims from this process go one at a time: with 2 cores, N slots racing for the same rows would mostly
  // fail on jobs_running_dedupe_key; across instances SKIP LOCKED and that index keep them apart.
  let claiming: Promise<unknown> = Promise.resolve();

  function claim(companyId: string | undefined): Promise<Job | null> {
    const next = claiming.then(() => claimWithRetry(companyId));
    claiming = next.catch(() => {});
    return next;
  }

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
      // STORED_VALUE_INVALID: a retry would read the same damaged row (read-stored.ts), so it fails at once for a person.
      const permanent =
        isAppError(error) &&
        ['PROCORE_SIGN_IN_REQUIRED', 'PROCORE_NOT_CONNECTED', 'PROCORE_NOT_CONFIGURED', 'VALIDATION', 'STORED_VALUE_INVALID'].includes(error.code);
      const exhausted = job.attempts >= job.maxAttempts || permanent;
      const backoff = Math.min(retryMaxMs, retryBaseMs * 2 ** Math.max(0, job.attempts - 1)) * (0.5 + random() * 0.5);
      // Procore said when to come back (429 Retry-After / X-Rate-Limit-Reset, 503 Retry-After): sooner would be refused again.
      const delay = Math.max(backoff, requestedRetryDelayMs(error) ?? 0);
      const at = now();
      const retryAt = new Date(at.getTime() + delay);
      if (!exhausted && job.dedupeKey !== null) {
        const folded = await foldRetryIntoTwin(job, leaseId, retryAt, message, code, at);
        if (folded !== null) {
          if (!folded) options.logger?.warn({ ...log, code }, `job failed after losing its lease; its outcome is not recorded: ${message}`);
          else options.logger?.warn({ ...log, code, retryInMs: Math.round(delay) }, `job failed; a newer queued job with its key will retry it: ${message}`);
          return;
        }
      }
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
          : { status: 'queued', runAt: retryAt, updatedAt: at, leaseId: null, leaseUntil: null, lastError: message, errorCode: code },
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

  /**
   * A retry of a job whose dedupe key already has a newer queued job (an event arrived while it ran) cannot go
   * back to 'queued' (jobs_queued_dedupe_key): the queued twin is the same work, so it carries the retry — no
   * sooner than this retry was due (Procore's Retry-After), with this run's attempts — and this run is 'cancelled',
   * pointing at it. Once attempts run out the job is `failed` instead (a dead letter, as any job), and a twin queued
   * meanwhile starts a count of its own: it carries events that arrived since. Returns null when there is no twin
   * (the caller writes the ordinary retry), else whether our lease held.
   */
  async function foldRetryIntoTwin(job: Job, leaseId: string, retryAt: Date, message: string, code: string, at: Date): Promise<boolean | null> {
    for (let tries = 0; tries < 3; tries++) {
      const twin = await db.prisma.job.findFirst({
        where: { companyId: job.companyId, dedupeKey: job.dedupeKey, status: 'queued', id: { not: job.id } },
        select: { id: true },
      });
      if (!twin) {
        try {
          const applied = await writeIfHeld(job, leaseId, {
            status: 'queued',
            runAt: retryAt,
            updatedAt: at,
            leaseId: null,
            leaseUntil: null,
            lastError: message,
            errorCode: code,
          });
          return applied;
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
          continue; // a twin was queued meanwhile: fold into it
        }
      }
      return db.prisma.$transaction(async (tx) => {
        const { count } = await tx.job.updateMany({
          where: { id: job.id, companyId: job.companyId, leaseId, status: 'running' },
          data: {
            status: 'cancelled',
            finishedAt: at,
            updatedAt: at,
            leaseId: null,
            leaseUntil: null,
            lastError: message,
            errorCode: code,
            result: { supersededBy: twin.id },
          },
        });
        if (count !== 1) return false;
        // The twin inherits the attempts spent so far: a job that fails on every run while events keep arriving (each
        // queueing a twin as it runs) would otherwise start from 0 each time and never reach max_attempts and `failed`.
        await tx.$executeRaw`
          UPDATE jobs SET run_at = GREATEST(run_at, ${retryAt}), attempts = GREATEST(attempts, ${job.attempts})
          WHERE id = ${twin.id}::uuid AND company_id = ${job.companyId}::uuid AND status = 'queued'`;
        return true;
      });
    }
    throw new Error(`job ${job.id} could not be queued for retry: its dedupe key ${job.dedupeKey} keeps changing state`);
  }

  /** Claims and runs jobs until none is due; `slots` of them at once. */
  async function drain({ companyId, maxJobs = Infinity }: { companyId?: string; maxJobs?: number } = {}) {
    let count = 0;
    const slot = async () => {
      while (count < maxJobs) {
        count++; // taken before claiming, so slots together never start more than maxJobs
        const job = await claim(companyId);
        if (!job) {
          count--;
          return;
        }
        await runTracked(job);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, maxJobs) }, slot));
    return count;
  }

  async function runTracked(job: Job) {
    inFlight++;
    try {
      await runOne(job);
    } finally {
      inFlight--;
    }
  }

  /** Waits `pollIntervalMs`, or less if stop() is called meanwhile. */
  function pause(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wake = wake.filter((w) => w !== done);
        resolve();
      };
      const timer = setTimeout(done, pollIntervalMs);
      timer.unref?.();
      wake.push(done);
    });
  }

  // One loop per slot: each claims, runs and looks again at once while jobs are due, and waits a poll interval
  // when none is. After stop() (graceful shutdown, SIGTERM) no loop claims again; each job in hand finishes and
  // records its outcome, clearing its lease.
  async function work() {
    while (!stopped) {
      let job: Job | null = null;
      try {
        job = await claim(undefined);
      } catch (error) {
        options.logger?.warn({ err: { message: (error as Error).message } }, 'job runner poll failed');
      }
      if (stopped && job) {
        // Claimed as stop() was called: give it back at once rather than run it into the shutdown.
        await writeIfHeld(job, job.leaseId!, { status: 'queued', leaseId: null, leaseUntil: null, attempts: { decrement: 1 } }).catch(() => {});
        return;
      }
      if (job) await runTracked(job).catch((error) => options.logger?.warn({ jobId: job.id, err: { message: (error as Error).message } }, 'job run failed'));
      else await pause();
    }
  }

  return {
    drain: (options) => drain(options),
    start() {
      if (!stopped) return;
      stopped = false;
      // Started a poll interval from now, as before: the app finishes starting before the first claim.
      workers = Array.from({ length: concurrency }, () => pause().then(work));
    },
    async stop() {
      stopped = true;
      for (const w of [...wake]) w();
      await Promise.all(workers);
    },
    inFlight: () => inFlight,
  };
}

/** A unique index refused the write (PostgreSQL 23505), as Prisma or its driver adapter reports it. */
export function isUniqueViolation(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e: unknown = error; e !== null && typeof e === 'object' && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    const { code, meta, message } = e as {
      code?: unknown;
      meta?: { code?: unknown; driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } };
      message?: unknown;
    };
    if (code === 'P2002' || code === '23505' || meta?.code === '23505') return true;
    const cause = meta?.driverAdapterError?.cause;
    if (cause?.kind === 'UniqueConstraintViolation' || cause?.originalCode === '23505') return true;
    if (typeof message === 'string' && /unique constraint|duplicate key value/i.test(message)) return true;
  }
  return false;
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

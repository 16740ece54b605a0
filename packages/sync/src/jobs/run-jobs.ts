import type { Database, JobModel as Job } from '@connector/db';
import type { ServiceLogger } from '../logging/service-logger.ts';
import { createJobClaimer } from './claim-job.ts';
import { intervalTimer, type HeartbeatTimer, type JobHandler } from './job-lease.ts';
import { runOneJob, type RunOneJobOptions } from './run-one-job.ts';
import { writeIfHeld } from './write-if-held.ts';

// What handlers and tests use from the runner, where it always was.
export { JobLeaseLostError, type HeartbeatTimer, type JobContext, type JobHandler } from './job-lease.ts';
export { isUniqueViolation } from './is-unique-violation.ts';
export { requestedRetryDelayMs } from './record-job-failure.ts';

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
 * Runs durable jobs, up to `concurrency` at once per process: each slot claims a due job (claim-job.ts: a new lease
 * token per claim, SKIP LOCKED, one running job per dedupe key), runs it under its lease with a heartbeat and records
 * its outcome fenced by that token (run-one-job.ts, job-lease.ts); failures retry with backoff — never sooner than
 * Procore asked — up to max_attempts, then stay `failed` with our error code and message for the exception queue
 * (record-job-failure.ts). This file holds the slots: drain (tests, the demo), the polling loops, start and stop.
 */
export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { db, handlers } = options;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const heartbeatMs = options.heartbeatMs ?? Math.floor(leaseMs / 3);
  if (!(heartbeatMs > 0 && heartbeatMs < leaseMs))
    throw new RangeError(`heartbeatMs must be > 0 and shorter than the lease (${leaseMs} ms), got ${heartbeatMs}`);
  const now = options.now ?? (() => new Date());
  const pollIntervalMs = options.pollIntervalMs ?? 2_000;
  const concurrency = options.concurrency ?? 1;
  if (!(Number.isInteger(concurrency) && concurrency >= 1)) throw new RangeError(`concurrency must be a whole number ≥ 1, got ${concurrency}`);
  const run: RunOneJobOptions = {
    db,
    handlers,
    logger: options.logger,
    leaseMs,
    heartbeatMs,
    heartbeatTimer: options.heartbeatTimer ?? intervalTimer,
    now,
    retryBaseMs: options.retryBaseMs ?? 30_000,
    retryMaxMs: options.retryMaxMs ?? 30 * 60_000,
    random: options.random ?? Math.random,
  };
  const claim = createJobClaimer({ db, kinds: Object.keys(handlers), leaseMs, now });
  let workers: Promise<void>[] = [];
  let wake: Array<() => void> = [];
  let stopped = true;
  let inFlight = 0;

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
      await runOneJob(run, job);
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
        await writeIfHeld(db, job, job.leaseId!, { status: 'queued', leaseId: null, leaseUntil: null, attempts: { decrement: 1 } }).catch(() => {});
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

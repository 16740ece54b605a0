import type { Database, JobModel as Job } from '@connector/db';
import type { ServiceLogger } from '../logging/service-logger.ts';
import { writeIfHeld } from './write-if-held.ts';

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

export const intervalTimer: HeartbeatTimer = (beat, intervalMs) => {
  const timer = setInterval(() => void beat(), intervalMs);
  timer.unref?.();
  return () => clearInterval(timer);
};

export interface JobLeaseOptions {
  db: Database;
  logger?: ServiceLogger | undefined;
  leaseMs: number;
  heartbeatMs: number;
  heartbeatTimer: HeartbeatTimer;
  now: () => Date;
}

export interface JobLease {
  context: JobContext;
  /** Stops the heartbeat (the run is over). */
  stop: () => void;
  /** Aborted once the lease is lost: the run's outcome must not be written. */
  signal: AbortSignal;
}

/**
 * Holds one run's lease: renews it every `heartbeatMs` while the job runs; if a renewal finds another token, the
 * run's signal aborts and nothing it would write about the job applies (fencing: writeIfHeld).
 */
export function startLease(options: JobLeaseOptions, job: Job, leaseId: string): JobLease {
  const { db, leaseMs, now } = options;
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
      held = await writeIfHeld(db, job, leaseId, { leaseUntil: until });
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
  const stopHeartbeat = options.heartbeatTimer(async () => {
    try {
      await renew();
    } catch (error) {
      options.logger?.warn({ jobId: job.id, kind: job.kind, companyId: job.companyId, err: { message: (error as Error).message } }, 'job lease renewal failed');
    }
  }, options.heartbeatMs);
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

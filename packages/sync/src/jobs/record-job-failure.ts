import type { Database, JobModel as Job } from '@connector/db';
import { AppError, isAppError } from '../errors/app-error.ts';
import type { ServiceLogger } from '../logging/service-logger.ts';
import { isUniqueViolation } from './is-unique-violation.ts';
import { writeIfHeld } from './write-if-held.ts';

export interface JobRetryOptions {
  db: Database;
  logger?: ServiceLogger | undefined;
  now: () => Date;
  /** Backoff before attempt n+1: base * 2^n, capped, with jitter. */
  retryBaseMs: number;
  retryMaxMs: number;
  random: () => number;
}

/** What retrying cannot fix. A sign-in problem will not fix itself: stop at once so the exception shows now.
 * STORED_VALUE_INVALID: a retry would read the same damaged row (read-stored.ts), so it fails at once for a person. */
const PERMANENT = ['PROCORE_SIGN_IN_REQUIRED', 'PROCORE_NOT_CONNECTED', 'PROCORE_NOT_CONFIGURED', 'VALIDATION', 'STORED_VALUE_INVALID'];

/**
 * A run that threw: retried with backoff — never sooner than Procore asked (Retry-After / X-Rate-Limit-Reset) — up to
 * max_attempts, then `failed` with our error code and message: a dead letter for the exception queue (a queued twin
 * then still waits for Procore's delay: holdTwinUntil). Every write is fenced by the run's lease token.
 */
export async function recordJobFailure(options: JobRetryOptions, job: Job, leaseId: string, error: unknown): Promise<void> {
  const log = { jobId: job.id, kind: job.kind, companyId: job.companyId, attempt: job.attempts };
  const code = isAppError(error) ? error.code : 'INTERNAL';
  const message = error instanceof Error ? error.message : String(error);
  const permanent = isAppError(error) && PERMANENT.includes(error.code);
  const exhausted = job.attempts >= job.maxAttempts || permanent;
  const backoff = Math.min(options.retryMaxMs, options.retryBaseMs * 2 ** Math.max(0, job.attempts - 1)) * (0.5 + options.random() * 0.5);
  // Procore said when to come back (429 Retry-After / X-Rate-Limit-Reset, 503 Retry-After): sooner would be refused again.
  const requested = requestedRetryDelayMs(error);
  const delay = Math.max(backoff, requested ?? 0);
  const at = options.now();
  const retryAt = new Date(at.getTime() + delay);
  if (!exhausted && job.dedupeKey !== null) {
    const folded = await foldRetryIntoTwin(options.db, job, leaseId, { retryAt, message, code, at });
    if (folded !== null) {
      if (!folded) options.logger?.warn({ ...log, code }, `job failed after losing its lease; its outcome is not recorded: ${message}`);
      else options.logger?.warn({ ...log, code, retryInMs: Math.round(delay) }, `job failed; a newer queued job with its key will retry it: ${message}`);
      return;
    }
  }
  const applied = await writeIfHeld(
    options.db,
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
  if (exhausted && requested !== null && job.dedupeKey !== null) await holdTwinUntil(options.db, job, new Date(at.getTime() + requested));
  options.logger?.warn({ ...log, code, final: exhausted, ...(exhausted ? {} : { retryInMs: Math.round(delay) }) }, `job failed: ${message}`);
}

/**
 * A retry of a job whose dedupe key already has a newer queued job (an event arrived while it ran) cannot go
 * back to 'queued' (jobs_queued_dedupe_key): the queued twin is the same work, so it carries the retry — no
 * sooner than this retry was due (Procore's Retry-After), with this run's attempts — and this run is 'cancelled',
 * pointing at it. Once attempts run out the job is `failed` instead (a dead letter, as any job), and a twin queued
 * meanwhile starts a count of its own: it carries events that arrived since. Returns null when there is no twin
 * (the caller writes the ordinary retry), else whether our lease held.
 */
async function foldRetryIntoTwin(
  db: Database,
  job: Job,
  leaseId: string,
  retry: { retryAt: Date; message: string; code: string; at: Date },
): Promise<boolean | null> {
  const { retryAt, message, code, at } = retry;
  for (let tries = 0; tries < 3; tries++) {
    const twin = await db.prisma.job.findFirst({
      where: { companyId: job.companyId, dedupeKey: job.dedupeKey, status: 'queued', id: { not: job.id } },
      select: { id: true },
    });
    if (!twin) {
      try {
        const applied = await writeIfHeld(db, job, leaseId, {
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

/**
 * A job that failed for good leaves a twin queued meanwhile to run (it carries events that arrived since), but the
 * twin talks to the same Procore company, which asked us to stay away until `until` (429 Retry-After /
 * X-Rate-Limit-Reset, 503 Retry-After): run at once, it would only be refused again and spend an attempt. Only
 * Procore's delay, not our backoff: the twin is new work, not a retry.
 */
async function holdTwinUntil(db: Database, job: Job, until: Date): Promise<void> {
  await db.prisma.$executeRaw`
    UPDATE jobs SET run_at = GREATEST(run_at, ${until})
    WHERE company_id = ${job.companyId}::uuid AND dedupe_key = ${job.dedupeKey} AND status = 'queued' AND id <> ${job.id}::uuid`;
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

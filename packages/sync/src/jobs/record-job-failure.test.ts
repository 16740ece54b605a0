import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '@connector/db/testing';
import { createCompany } from '../companies/create-company.ts';
import { AppError } from '../errors/app-error.ts';
import { enqueueJob } from './enqueue-job.ts';
import { createJobRunner, type HeartbeatTimer } from './run-jobs.ts';

// A job that fails for good (its last attempt, or a permanent error) while a twin with its dedupe key is queued: the
// twin is new work and runs, but not before Procore said we may come back (429 Retry-After, 503 Retry-After).
describe.each(await databaseKinds())('a failed job and its queued twin (%s)', (kind) => {
  let testDb: TestDatabase;
  let companyId: string;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    companyId = (await createCompany(testDb.database, { procoreCompanyId: '93', name: 'Twin Co', actor: 't' })).id;
  });
  afterAll(async () => testDb?.dispose());

  /** A clock moved by hand (no sleeps), and heartbeats that never fire on their own. */
  function handClock(startMs = Date.now()) {
    let t = startMs;
    const heartbeatTimer: HeartbeatTimer = () => () => undefined;
    return { now: () => new Date(t), advance: (ms: number) => void (t += ms), heartbeatTimer };
  }

  function runnerFor(clock: ReturnType<typeof handClock>, handler: () => Promise<void>) {
    return createJobRunner({
      db: testDb.database,
      now: clock.now,
      heartbeatTimer: clock.heartbeatTimer,
      retryBaseMs: 1_000,
      retryMaxMs: 1_000,
      handlers: { twin: handler },
    });
  }

  it('on its last attempt with Procore asking to wait 120 s, the twin queued meanwhile waits those 120 s too', async () => {
    const clock = handClock();
    const prisma = testDb.database.prisma;
    const first = await enqueueJob(prisma, { companyId, kind: 'twin', payload: { n: 1 }, dedupeKey: 'vendor:last', runAt: clock.now(), maxAttempts: 1 });
    let twinId = '';
    let runs = 0;
    const runner = runnerFor(clock, async () => {
      runs++;
      if (runs === 1) twinId = (await enqueueJob(prisma, { companyId, kind: 'twin', payload: { n: 2 }, dedupeKey: 'vendor:last', runAt: clock.now() })).id;
      throw new AppError('PROCORE_UNAVAILABLE', 'Procore rate limit', { procoreStatus: 429, retryAfterMs: 120_000 });
    });
    expect(await runner.drain({ companyId, maxJobs: 1 })).toBe(1);
    expect(await prisma.job.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ status: 'failed', errorCode: 'PROCORE_UNAVAILABLE' });
    const twin = await prisma.job.findUniqueOrThrow({ where: { id: twinId } });
    expect(twin).toMatchObject({ status: 'queued', attempts: 0 });
    expect(twin.runAt.getTime() - clock.now().getTime()).toBeGreaterThanOrEqual(120_000);
    // Not due a second before Procore's delay ends; due once it has.
    clock.advance(119_000);
    expect(await runner.drain({ companyId })).toBe(0);
    clock.advance(1_000);
    expect(await runner.drain({ companyId, maxJobs: 1 })).toBe(1);
    expect(runs).toBe(2);
  });

  it('a permanent failure with a delay pushes the twin too; without a delay the twin stays due now', async () => {
    const clock = handClock();
    const prisma = testDb.database.prisma;
    let twinId = '';
    let retryAfterMs: number | undefined = 30_000;
    const runner = runnerFor(clock, async () => {
      twinId = (await enqueueJob(prisma, { companyId, kind: 'twin', payload: {}, dedupeKey: 'vendor:permanent', runAt: clock.now() })).id;
      throw new AppError('PROCORE_SIGN_IN_REQUIRED', 'Sign in to Procore again', retryAfterMs === undefined ? {} : { retryAfterMs });
    });
    await enqueueJob(prisma, { companyId, kind: 'twin', payload: {}, dedupeKey: 'vendor:permanent', runAt: clock.now() });
    expect(await runner.drain({ companyId, maxJobs: 1 })).toBe(1);
    const pushed = await prisma.job.findUniqueOrThrow({ where: { id: twinId } });
    expect(pushed.runAt.getTime() - clock.now().getTime()).toBeGreaterThanOrEqual(30_000);

    clock.advance(30_000);
    retryAfterMs = undefined;
    expect(await runner.drain({ companyId, maxJobs: 1 })).toBe(1);
    const next = await prisma.job.findUniqueOrThrow({ where: { id: twinId } });
    expect(next.status).toBe('queued');
    expect(next.runAt.getTime()).toBeLessThanOrEqual(clock.now().getTime());
  });
});

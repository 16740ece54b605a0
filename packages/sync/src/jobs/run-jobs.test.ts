import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '@connector/db/testing';
import { createCompany } from '../companies/create-company.ts';
import { AppError } from '../errors/app-error.ts';
import { enqueueJob } from './enqueue-job.ts';
import { createProcoreClient } from '@connector/procore';
import { procoreFailure } from '../procore/procore-failure.ts';
import { createJobRunner, type HeartbeatTimer, type JobContext } from './run-jobs.ts';

const kinds = await databaseKinds();

describe.each(kinds)('durable jobs (%s)', (kind) => {
  let testDb: TestDatabase;
  let companyId: string;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    companyId = (await createCompany(testDb.database, { procoreCompanyId: '51', name: 'Jobs Co', actor: 't' })).id;
  });
  afterAll(async () => testDb?.dispose());

  it('dedupes queued jobs by key and runs each once, even with two runners on two connections', async () => {
    const first = await enqueueJob(testDb.database.prisma, { companyId, kind: 'count', payload: { n: 1 }, dedupeKey: 'same' });
    const again = await enqueueJob(testDb.database.prisma, { companyId, kind: 'count', payload: { n: 2 }, dedupeKey: 'same' });
    expect(again).toEqual({ id: first.id, created: false });
    for (let i = 0; i < 20; i++) await enqueueJob(testDb.database.prisma, { companyId, kind: 'count', payload: { n: i } });
    const ran: string[] = [];
    const handlers = { count: async (job: { id: string }) => void ran.push(job.id) };
    const other = await testDb.openAnother();
    const [a, b] = await Promise.all([createJobRunner({ db: testDb.database, handlers }).drain(), createJobRunner({ db: other, handlers }).drain()]);
    expect(a + b).toBe(21);
    expect(new Set(ran).size).toBe(21);
    expect(ran).toHaveLength(21);
  });

  it('retries a failing job with backoff, then keeps it failed with our code and message', async () => {
    const job = await enqueueJob(testDb.database.prisma, { companyId, kind: 'flaky', payload: {}, maxAttempts: 3 });
    let calls = 0;
    const runner = createJobRunner({
      db: testDb.database,
      handlers: {
        flaky: async () => {
          calls++;
          throw new AppError('PROCORE_UNAVAILABLE', 'Procore did not answer');
        },
      },
      retryBaseMs: 1,
      retryMaxMs: 5,
    });
    for (let i = 0; i < 5; i++) {
      await runner.drain({ companyId });
      await new Promise((r) => setTimeout(r, 20));
    }
    const row = await testDb.database.prisma.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(calls).toBe(3);
    expect(row).toMatchObject({ status: 'failed', attempts: 3, errorCode: 'PROCORE_UNAVAILABLE', lastError: 'Procore did not answer' });
  });

  it('does not retry what retrying cannot fix (sign-in required)', async () => {
    const job = await enqueueJob(testDb.database.prisma, { companyId, kind: 'signin', payload: {} });
    const runner = createJobRunner({
      db: testDb.database,
      handlers: {
        signin: async () => {
          throw new AppError('PROCORE_SIGN_IN_REQUIRED');
        },
      },
    });
    await runner.drain({ companyId });
    expect(await testDb.database.prisma.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
      status: 'failed',
      attempts: 1,
      errorCode: 'PROCORE_SIGN_IN_REQUIRED',
    });
  });

  it('picks up a job whose runner died (lease lapsed)', async () => {
    const job = await enqueueJob(testDb.database.prisma, { companyId, kind: 'orphan', payload: {} });
    await testDb.database.prisma.job.update({
      where: { id: job.id },
      data: { status: 'running', leaseId: 'dead-runner', leaseUntil: new Date(Date.now() - 1000), attempts: 1 },
    });
    const runner = createJobRunner({ db: testDb.database, handlers: { orphan: async () => ({ ok: true }) } });
    expect(await runner.drain({ companyId })).toBe(1);
    expect(await testDb.database.prisma.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: 'done', attempts: 2, result: { ok: true } });
  });

  /** A hand-moved clock and a heartbeat the test ticks itself (no wall-clock time in these tests). */
  function handClock(startMs = Date.now()) {
    let t = startMs;
    const beats = new Set<() => Promise<void>>();
    const heartbeatTimer: HeartbeatTimer = (beat) => {
      beats.add(beat);
      return () => beats.delete(beat);
    };
    return {
      now: () => new Date(t),
      advance: (ms: number) => void (t += ms),
      heartbeatTimer,
      /** One heartbeat of every running job. */
      beat: async () => {
        for (const beat of [...beats]) await beat();
      },
    };
  }

  function gate() {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { open, opened };
  }

  it('data safety: a job that runs longer than its lease keeps it (heartbeat): no other runner claims it, and it finishes once', async () => {
    const clock = handClock();
    const job = await enqueueJob(testDb.database.prisma, { companyId, kind: 'long', payload: {}, runAt: clock.now() });
    const started = gate();
    const finish = gate();
    const runs: string[] = [];
    const handlers = {
      long: async (_job: unknown, ctx: JobContext) => {
        runs.push(ctx.leaseId);
        started.open();
        await finish.opened;
        return { ok: true };
      },
    };
    const tuning = { leaseMs: 60_000, heartbeatMs: 20_000, now: clock.now, heartbeatTimer: clock.heartbeatTimer };
    const a = createJobRunner({ db: testDb.database, handlers, ...tuning }).drain({ companyId });
    await started.opened;
    try {
      // Three leases' worth of time passes while the handler works; the heartbeat renews the lease each 20 s.
      for (let i = 0; i < 9; i++) {
        clock.advance(20_000);
        await clock.beat();
      }
      const row = await testDb.database.prisma.job.findUniqueOrThrow({ where: { id: job.id } });
      expect(row.status).toBe('running');
      expect(row.leaseUntil!.getTime()).toBeGreaterThan(clock.now().getTime());
      const other = await testDb.openAnother();
      expect(await createJobRunner({ db: other, handlers, ...tuning }).drain({ companyId })).toBe(0);
    } finally {
      finish.open();
    }
    expect(await a).toBe(1);
    expect(runs).toHaveLength(1);
    expect(await testDb.database.prisma.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
      status: 'done',
      attempts: 1,
      leaseId: null,
      result: { ok: true },
    });
  });

  it('data safety: a run that lost its lease (stalled past it; another runner took the job) cannot write its outcome or pass assertLeaseHeld()', async () => {
    const clock = handClock();
    const job = await enqueueJob(testDb.database.prisma, { companyId, kind: 'stall', payload: {}, runAt: clock.now() });
    const started = gate();
    const resume = gate();
    const effects: string[] = [];
    let staleError: unknown = null;
    let staleAborted = false;
    const tuning = { leaseMs: 60_000, heartbeatMs: 20_000, now: clock.now, heartbeatTimer: clock.heartbeatTimer };
    const stale = createJobRunner({
      db: testDb.database,
      ...tuning,
      handlers: {
        stall: async (_job, ctx) => {
          started.open();
          await resume.opened; // the process stalls: no heartbeat ran meanwhile
          try {
            await ctx.assertLeaseHeld();
            effects.push('stale run wrote to Procore');
          } catch (error) {
            staleError = error;
          }
          staleAborted = ctx.signal.aborted;
          return { by: 'stale' };
        },
      },
    }).drain({ companyId });
    await started.opened;
    clock.advance(61_000);
    const other = await testDb.openAnother();
    const fresh = createJobRunner({
      db: other,
      ...tuning,
      handlers: { stall: async (_job, ctx) => (await ctx.assertLeaseHeld(), effects.push('fresh run wrote to Procore'), { by: 'fresh' }) },
    });
    try {
      expect(await fresh.drain({ companyId })).toBe(1);
    } finally {
      resume.open();
    }
    expect(await stale).toBe(1);
    expect(effects).toEqual(['fresh run wrote to Procore']);
    expect(staleError).toMatchObject({ name: 'JobLeaseLostError' });
    expect(staleAborted).toBe(true);
    expect(await testDb.database.prisma.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
      status: 'done',
      attempts: 2,
      result: { by: 'fresh' },
    });

    // Without asking, the stale run's outcome (done or failed) still does not overwrite the job.
    const job2 = await enqueueJob(testDb.database.prisma, { companyId, kind: 'stall2', payload: {}, runAt: clock.now() });
    const started2 = gate();
    const resume2 = gate();
    const stale2 = createJobRunner({
      db: testDb.database,
      ...tuning,
      handlers: { stall2: async () => (started2.open(), await resume2.opened, { by: 'stale' }) },
    }).drain({ companyId });
    await started2.opened;
    clock.advance(61_000);
    await createJobRunner({
      db: other,
      ...tuning,
      handlers: {
        stall2: async () => {
          throw new AppError('PROCORE_UNAVAILABLE', 'fresh run failed');
        },
      },
      retryBaseMs: 1_000,
      retryMaxMs: 1_000,
    }).drain({ companyId });
    resume2.open();
    await stale2;
    expect(await testDb.database.prisma.job.findUniqueOrThrow({ where: { id: job2.id } })).toMatchObject({
      status: 'queued',
      attempts: 2,
      lastError: 'fresh run failed',
      result: null,
    });
  });

  it("data safety: a Procore 429 with Retry-After 120 s retries the job no sooner than 120 s later (not the runner's shorter backoff)", async () => {
    const clock = handClock();
    const job = await enqueueJob(testDb.database.prisma, { companyId, kind: 'limited', payload: {}, runAt: clock.now() });
    let sent = 0;
    const client = createProcoreClient({
      apiBaseUrl: 'https://api.procore.test',
      companyId: 1,
      getAccessToken: async () => 'token-abcdef',
      maxRetryWaitMs: 60_000,
      fetch: async () => (
        (sent += 1),
        new Response(JSON.stringify({ errors: 'Rate limit exceeded' }), { status: 429, headers: { 'Retry-After': '120', 'Content-Type': 'application/json' } })
      ),
    });
    const runner = createJobRunner({
      db: testDb.database,
      now: clock.now,
      heartbeatTimer: clock.heartbeatTimer,
      retryBaseMs: 1_000,
      retryMaxMs: 5_000,
      handlers: {
        limited: async () => {
          try {
            await client.vendors.list();
          } catch (error) {
            throw procoreFailure(error, 'read vendors');
          }
        },
      },
    });
    expect(await runner.drain({ companyId })).toBe(1);
    expect(sent).toBe(1);
    const row = await testDb.database.prisma.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(row.status).toBe('queued');
    expect(row.runAt.getTime() - clock.now().getTime()).toBeGreaterThanOrEqual(120_000);
    clock.advance(119_000);
    expect(await runner.drain({ companyId })).toBe(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '@connector/db/testing';
import { createCompany } from '../companies/create-company.ts';
import { AppError } from '../errors/app-error.ts';
import { enqueueJob } from './enqueue-job.ts';
import { createJobRunner, isUniqueViolation, type HeartbeatTimer, type JobContext } from './run-jobs.ts';

// Issue 20 part 2: several jobs per process (JOB_CONCURRENCY), each on its own lease and heartbeat, and the
// dedupe key still meaning "one at a time" across slots and instances.
describe.each(await databaseKinds())('jobs run concurrently (%s)', (kind) => {
  let testDb: TestDatabase;
  let companyId: string;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    companyId = (await createCompany(testDb.database, { procoreCompanyId: '91', name: 'Concurrent Co', actor: 't' })).id;
  });
  afterAll(async () => testDb?.dispose());

  function gate() {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { open, opened };
  }

  /** A hand-moved clock; heartbeats kept in the order runs start, so a test can stop one run's heartbeat. */
  function handClock(startMs = Date.now()) {
    let t = startMs;
    const beats: Array<{ beat: () => Promise<void>; stopped: boolean }> = [];
    const heartbeatTimer: HeartbeatTimer = (beat) => {
      const entry = { beat, stopped: false };
      beats.push(entry);
      return () => void (entry.stopped = true);
    };
    return {
      now: () => new Date(t),
      advance: (ms: number) => void (t += ms),
      heartbeatTimer,
      /** One heartbeat of every running job except those listed (by start order). */
      beat: async (except: number[] = []) => {
        for (const [i, entry] of beats.entries()) if (!entry.stopped && !except.includes(i)) await entry.beat();
      },
    };
  }

  it('runs up to JOB_CONCURRENCY jobs at once, each under its own lease token, and no more', async () => {
    const jobs = await Promise.all(Array.from({ length: 5 }, (_, n) => enqueueJob(testDb.database.prisma, { companyId, kind: 'slot', payload: { n } })));
    const release = gate();
    const threeIn = gate();
    const leases = new Set<string>();
    let active = 0;
    let most = 0;
    const runner = createJobRunner({
      db: testDb.database,
      concurrency: 3,
      handlers: {
        slot: async (_job, ctx) => {
          leases.add(ctx.leaseId);
          active++;
          most = Math.max(most, active);
          if (active === 3) threeIn.open();
          await release.opened;
          active--;
        },
      },
    });
    const drained = runner.drain({ companyId });
    await threeIn.opened;
    expect(runner.inFlight()).toBe(3);
    const running = await testDb.database.prisma.job.findMany({ where: { id: { in: jobs.map((j) => j.id) }, status: 'running' } });
    expect(running).toHaveLength(3);
    expect(new Set(running.map((r) => r.leaseId)).size).toBe(3);
    release.open();
    expect(await drained).toBe(5);
    expect(most).toBe(3);
    expect(leases.size).toBe(5);
    expect(await testDb.database.prisma.job.count({ where: { id: { in: jobs.map((j) => j.id) }, status: 'done' } })).toBe(5);
  });

  it('the database refuses a second running job with one dedupe key (what holds when two claims race)', async () => {
    const running = await enqueueJob(testDb.database.prisma, { companyId, kind: 'idx', payload: {}, dedupeKey: 'one-at-a-time' });
    await testDb.database.prisma.job.update({
      where: { id: running.id },
      data: { status: 'running', leaseId: 'a', leaseUntil: new Date(Date.now() + 60_000) },
    });
    const twin = await enqueueJob(testDb.database.prisma, { companyId, kind: 'idx', payload: {}, dedupeKey: 'one-at-a-time' });
    expect(twin.created).toBe(true);
    const error = await testDb.database.prisma.job
      .update({ where: { id: twin.id }, data: { status: 'running', leaseId: 'b', leaseUntil: new Date(Date.now() + 60_000) } })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(isUniqueViolation(error)).toBe(true);
    await testDb.database.prisma.job.updateMany({ where: { id: { in: [running.id, twin.id] } }, data: { status: 'done', leaseId: null } });
  });

  it('data safety: two jobs with one dedupe key never run together, with two instances of 3 slots each and keys re-queued while they run', async () => {
    const keys = ['k1', 'k2', 'k3'];
    const handlerKind = 'keyed';
    for (const key of keys) await enqueueJob(testDb.database.prisma, { companyId, kind: handlerKind, payload: { round: 0 }, dedupeKey: key });
    for (let n = 0; n < 6; n++) await enqueueJob(testDb.database.prisma, { companyId, kind: handlerKind, payload: { round: 0 } });
    const activeByKey = new Map<string, number>();
    const overlaps: string[] = [];
    let ran = 0;
    let requeued = 0;
    const handler = async (job: { id: string; dedupeKey: string | null; payload: unknown }) => {
      ran++;
      const key = job.dedupeKey;
      if (key) {
        activeByKey.set(key, (activeByKey.get(key) ?? 0) + 1);
        if (activeByKey.get(key)! > 1) overlaps.push(key);
        // The database agrees: one running row for the key.
        const rows = await testDb.database.prisma.job.count({ where: { companyId, dedupeKey: key, status: 'running' } });
        if (rows !== 1) overlaps.push(`${key}: ${rows} running rows`);
      }
      // A webhook for the same record arrives while this run works: a twin is queued with the key.
      const round = (job.payload as { round: number }).round;
      if (key && round < 4) {
        const twin = await enqueueJob(testDb.database.prisma, { companyId, kind: handlerKind, payload: { round: round + 1 }, dedupeKey: key });
        if (twin.created) requeued++;
      }
      await new Promise((r) => setImmediate(r));
      if (key) activeByKey.set(key, activeByKey.get(key)! - 1);
    };
    const other = await testDb.openAnother();
    const [a, b] = await Promise.all([
      createJobRunner({ db: testDb.database, concurrency: 3, handlers: { [handlerKind]: handler } }).drain({ companyId }),
      createJobRunner({ db: other, concurrency: 3, handlers: { [handlerKind]: handler } }).drain({ companyId }),
    ]);
    expect(overlaps).toEqual([]);
    expect(requeued).toBe(keys.length * 4);
    expect(a + b).toBe(ran);
    expect(ran).toBe(6 + keys.length * 5);
    expect(await testDb.database.prisma.job.count({ where: { companyId, kind: handlerKind, status: { not: 'done' } } })).toBe(0);
  });

  it('data safety: with 2 slots on each of two instances, jobs that outlive their first lease keep it by heartbeat; a stalled one is taken over and its late outcome is fenced', async () => {
    const clock = handClock();
    const x = await enqueueJob(testDb.database.prisma, { companyId, kind: 'long2', payload: { name: 'x' }, runAt: clock.now() });
    const y = await enqueueJob(testDb.database.prisma, { companyId, kind: 'long2', payload: { name: 'y' }, runAt: new Date(clock.now().getTime() + 1) });
    const bothIn = gate();
    const finish = gate();
    const order: string[] = [];
    const tuning = { leaseMs: 60_000, heartbeatMs: 20_000, now: clock.now, heartbeatTimer: clock.heartbeatTimer, concurrency: 2 };
    const a = createJobRunner({
      db: testDb.database,
      ...tuning,
      handlers: {
        long2: async (job, ctx: JobContext) => {
          order.push((job.payload as { name: string }).name);
          if (order.length === 2) bothIn.open();
          await finish.opened;
          return { by: 'a', lost: ctx.signal.aborted };
        },
      },
    }).drain({ companyId });
    clock.advance(1);
    await bothIn.opened;
    const other = await testDb.openAnother();
    const takenOver: string[] = [];
    const b = createJobRunner({
      db: other,
      ...tuning,
      handlers: {
        long2: async (job, ctx) => {
          await ctx.assertLeaseHeld();
          takenOver.push((job.payload as { name: string }).name);
          return { by: 'b' };
        },
      },
    });
    try {
      // Three leases' worth of time with both heartbeats: the other instance claims nothing.
      for (let i = 0; i < 9; i++) {
        clock.advance(20_000);
        await clock.beat();
      }
      expect(await b.drain({ companyId })).toBe(0);
      const rows = await testDb.database.prisma.job.findMany({ where: { id: { in: [x.id, y.id] } } });
      expect(rows.map((r) => r.status)).toEqual(['running', 'running']);
      // The first run's heartbeat stops (its process stalls); the second's goes on. Past the lease, the other
      // instance takes over the stalled job only.
      for (let i = 0; i < 4; i++) {
        clock.advance(20_000);
        await clock.beat([0]);
      }
      expect(await b.drain({ companyId })).toBe(1);
      expect(takenOver).toEqual([order[0]]);
    } finally {
      finish.open();
    }
    expect(await a).toBe(2);
    const stalled = order[0] === 'x' ? x.id : y.id;
    const kept = order[0] === 'x' ? y.id : x.id;
    expect(await testDb.database.prisma.job.findUniqueOrThrow({ where: { id: stalled } })).toMatchObject({ status: 'done', attempts: 2, result: { by: 'b' } });
    expect(await testDb.database.prisma.job.findUniqueOrThrow({ where: { id: kept } })).toMatchObject({
      status: 'done',
      attempts: 1,
      leaseId: null,
      result: { by: 'a', lost: false },
    });
  });

  it('a retry that finds a newer queued job with its key folds into it (no collision), no sooner than Procore asked', async () => {
    const clock = handClock();
    const first = await enqueueJob(testDb.database.prisma, { companyId, kind: 'fold', payload: { n: 1 }, dedupeKey: 'vendor:7', runAt: clock.now() });
    let twinId = '';
    const runner = createJobRunner({
      db: testDb.database,
      now: clock.now,
      heartbeatTimer: clock.heartbeatTimer,
      retryBaseMs: 1_000,
      retryMaxMs: 1_000,
      handlers: {
        fold: async () => {
          twinId = (await enqueueJob(testDb.database.prisma, { companyId, kind: 'fold', payload: { n: 2 }, dedupeKey: 'vendor:7', runAt: clock.now() })).id;
          throw new AppError('PROCORE_UNAVAILABLE', 'Procore asked us to wait', { retryAfterMs: 120_000 });
        },
      },
    });
    expect(await runner.drain({ companyId, maxJobs: 1 })).toBe(1);
    expect(await testDb.database.prisma.job.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({
      status: 'cancelled',
      leaseId: null,
      errorCode: 'PROCORE_UNAVAILABLE',
      result: { supersededBy: twinId },
    });
    const twin = await testDb.database.prisma.job.findUniqueOrThrow({ where: { id: twinId } });
    expect(twin.status).toBe('queued');
    expect(twin.runAt.getTime() - clock.now().getTime()).toBeGreaterThanOrEqual(120_000);
  });

  it('a job that fails on every run while new events keep queueing its twin reaches failed after max_attempts (the twin carries the attempts), a dead letter like any other', async () => {
    const clock = handClock();
    const prisma = testDb.database.prisma;
    // Each run meets a new event for the same record (a webhook delivered while it runs): a twin is queued every time.
    const event = (n: number) =>
      enqueueJob(prisma, { companyId, kind: 'storm', payload: { n }, dedupeKey: 'vendor:storm', runAt: clock.now(), maxAttempts: 3 });
    const first = await event(0);
    let runs = 0;
    const runner = createJobRunner({
      db: testDb.database,
      now: clock.now,
      heartbeatTimer: clock.heartbeatTimer,
      retryBaseMs: 1_000,
      retryMaxMs: 1_000,
      handlers: {
        storm: async () => {
          runs++;
          await event(runs);
          throw new AppError('PROCORE_UNAVAILABLE', 'Procore did not answer');
        },
      },
    });
    // One run per round: each retry is due a second later, on the hand-moved clock.
    for (let round = 0; round < 3; round++) {
      expect(await runner.drain({ companyId, maxJobs: 1 })).toBe(1);
      clock.advance(60_000);
    }
    expect(runs).toBe(3);
    // In the order the events came (payload n), not by created_at, which two quick inserts may share.
    const jobs = (await prisma.job.findMany({ where: { companyId, kind: 'storm' } })).sort(
      (a, b) => (a.payload as { n: number }).n - (b.payload as { n: number }).n,
    );
    expect(jobs[0]!.id).toBe(first.id);
    // Runs 1 and 2 folded into the twin queued meanwhile, which kept their count; run 3 was the last attempt.
    expect(jobs.map((j) => [j.status, j.attempts])).toEqual([
      ['cancelled', 1],
      ['cancelled', 2],
      ['failed', 3],
      ['queued', 0],
    ]);
    expect(jobs[0]!.result).toEqual({ supersededBy: jobs[1]!.id });
    expect(jobs[1]!.result).toEqual({ supersededBy: jobs[2]!.id });
    // The dead letter, as any failed job: our code and message, no lease, finished.
    expect(jobs[2]).toMatchObject({ errorCode: 'PROCORE_UNAVAILABLE', lastError: 'Procore did not answer', leaseId: null, leaseUntil: null });
    expect(jobs[2]!.finishedAt).not.toBeNull();
    // The event that arrived during the last attempt is new work: it is tried again, with a count of its own.
    expect(jobs[3]!.payload).toEqual({ n: 3 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '@connector/db/testing';
import { createScheduler, type ScheduleDefinition } from './fire-due-schedules.ts';

// Issue 20 part 2: periodic work lives in job_schedules, so with several instances each due schedule fires
// once — not once per instance, as the in-memory setInterval did.
describe.each(await databaseKinds())('schedules in the database (%s)', (kind) => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
  });
  afterAll(async () => testDb?.dispose());

  function handClock(startMs = Date.UTC(2026, 11, 7, 8, 0, 0)) {
    let t = startMs;
    return { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
  }

  it('data safety: with three instances ticking at once, each due schedule fires exactly once per interval', async () => {
    const clock = handClock();
    const fired = new Map<string, Date[]>();
    const schedules = (prefix: string): ScheduleDefinition[] =>
      [
        { name: `${prefix}.every-minute`, everyMs: 60_000 },
        { name: `${prefix}.every-ten-minutes`, everyMs: 600_000 },
      ].map((s) => ({ ...s, run: async (at: Date) => void fired.set(s.name, [...(fired.get(s.name) ?? []), at]) }));
    const instances = [testDb.database, await testDb.openAnother(), await testDb.openAnother()].map((db) =>
      createScheduler({ db, schedules: schedules('a'), now: clock.now }),
    );
    // Forty minutes in 15-second ticks, every instance ticking together each time.
    for (let tick = 0; tick < 160; tick++) {
      await Promise.all(instances.map((s) => s.tick()));
      clock.advance(15_000);
    }
    expect(fired.get('a.every-minute')).toHaveLength(40);
    expect(fired.get('a.every-ten-minutes')).toHaveLength(4);
    // Never two fires of one schedule closer than its interval.
    for (const [name, times] of fired) {
      const every = name.endsWith('ten-minutes') ? 600_000 : 60_000;
      for (let i = 1; i < times.length; i++) expect(times[i]!.getTime() - times[i - 1]!.getTime()).toBeGreaterThanOrEqual(every);
    }
    const rows = await testDb.database.prisma.jobSchedule.findMany({ where: { name: { startsWith: 'a.' } }, orderBy: { name: 'asc' } });
    expect(rows.map((r) => [r.name, r.leaseId, r.lastError])).toEqual([
      ['a.every-minute', null, null],
      ['a.every-ten-minutes', null, null],
    ]);
  });

  it('a run in progress keeps the schedule from other instances; an instance that died mid-run is replaced after the lease, and its late finish is fenced', async () => {
    const clock = handClock();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const runs: string[] = [];
    const stuck = createScheduler({
      db: testDb.database,
      now: clock.now,
      leaseMs: 600_000,
      schedules: [{ name: 'b.reconcile', everyMs: 60_000, run: async () => (runs.push('stuck'), entered(), await released) }],
    });
    const other = createScheduler({
      db: await testDb.openAnother(),
      now: clock.now,
      leaseMs: 600_000,
      schedules: [{ name: 'b.reconcile', everyMs: 60_000, run: async () => void runs.push('other') }],
    });
    const stuckTick = stuck.tick();
    await inside;
    // Due again by the interval, but the stuck run's lease is live: nobody fires it.
    clock.advance(120_000);
    expect(await other.tick()).toEqual([]);
    // Past the lease the first instance counts as dead: the other fires it.
    clock.advance(600_000);
    expect(await other.tick()).toEqual(['b.reconcile']);
    release();
    expect(await stuckTick).toEqual(['b.reconcile']);
    expect(runs).toEqual(['stuck', 'other']);
    // The stuck run's late finish did not move the schedule back: next due one interval after the other's run.
    const row = await testDb.database.prisma.jobSchedule.findUniqueOrThrow({ where: { name: 'b.reconcile' } });
    expect(row.nextRunAt.getTime()).toBe(clock.now().getTime() + 60_000);
    expect(row.leaseId).toBeNull();
  });

  it('a failing run is recorded on the row and runs again when next due; a changed interval applies from now', async () => {
    const clock = handClock();
    let calls = 0;
    const failing = createScheduler({
      db: testDb.database,
      now: clock.now,
      schedules: [
        {
          name: 'c.purge',
          everyMs: 3_600_000,
          run: async () => {
            calls++;
            throw new Error('database away');
          },
        },
      ],
    });
    expect(await failing.tick()).toEqual(['c.purge']);
    expect(await testDb.database.prisma.jobSchedule.findUniqueOrThrow({ where: { name: 'c.purge' } })).toMatchObject({
      lastError: 'database away',
      leaseId: null,
    });
    clock.advance(60_000);
    expect(await failing.tick()).toEqual([]);
    // The deployment now asks for every minute: due within a minute of now, not an hour after the last run.
    const faster = createScheduler({ db: testDb.database, now: clock.now, schedules: [{ name: 'c.purge', everyMs: 60_000, run: async () => void calls++ }] });
    expect(await faster.tick()).toEqual([]);
    clock.advance(60_000);
    expect(await faster.tick()).toEqual(['c.purge']);
    expect(calls).toBe(2);
    expect(await testDb.database.prisma.jobSchedule.findUniqueOrThrow({ where: { name: 'c.purge' } })).toMatchObject({ lastError: null, intervalMs: 60_000 });
  });
});

import { randomUUID } from 'node:crypto';
import type { Database } from '@connector/db';
import type { ServiceLogger } from '../logging/service-logger.ts';

/** One piece of periodic work for the whole deployment (job_schedules row `name`). */
export interface ScheduleDefinition {
  /** Stable name, the row's key: e.g. procore.reconciliations. */
  name: string;
  /** How long after a run starts the next one is due. */
  everyMs: number;
  /** The work; `firedAt` is the scheduler's clock when this instance took the schedule. */
  run: (firedAt: Date) => Promise<unknown>;
}

export interface SchedulerOptions {
  db: Database;
  schedules: ScheduleDefinition[];
  logger?: ServiceLogger;
  /** How often this process looks for due schedules (default 15 s); the work itself runs on `everyMs`. */
  tickMs?: number;
  /** A run longer than this may be fired again by another instance (a crashed instance's run is not lost). */
  leaseMs?: number;
  now?: () => Date;
}

export interface Scheduler {
  /** Creates missing rows (first tick), then fires every due schedule this instance wins; returns the names it ran. */
  tick(): Promise<string[]>;
  start(): void;
  /** Stops ticking; resolves once a tick in progress has finished its work. */
  stop(): Promise<void>;
}

/**
 * Periodic work kept in the database (job_schedules), so with several instances each due schedule fires once,
 * not once per instance (issue 20: the in-memory setInterval fired reconciliation in every instance).
 *
 * Taking a schedule is one conditional UPDATE … WHERE next_run_at <= now AND no live lease … RETURNING: of many
 * instances ticking at once, exactly one gets the row back. The winner runs the work under a lease, then moves
 * next_run_at to firedAt + interval and clears the lease — only if its lease token is still the row's (fenced
 * like jobs). An instance that dies mid-run leaves a lease that lapses after `leaseMs`, and another fires it then:
 * at least once, never twice while a run lives. The work itself must stay safe to repeat (it enqueues deduped
 * jobs and deletes expired rows).
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const tickMs = options.tickMs ?? 15_000;
  const leaseMs = options.leaseMs ?? 10 * 60_000;
  for (const s of options.schedules) {
    if (!(Number.isInteger(s.everyMs) && s.everyMs > 0 && s.everyMs <= 2_147_483_647))
      throw new RangeError(`schedule ${s.name}: everyMs must be a whole number of milliseconds between 1 and 2^31-1, got ${s.everyMs}`);
  }
  const byName = new Map(options.schedules.map((s) => [s.name, s]));
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<unknown> = Promise.resolve();
  let stopped = true;
  let rowsReady = false;

  /** New schedules are due at once; a changed interval applies from now (never later than the old one said). */
  async function ensureRows(t: Date) {
    for (const s of options.schedules) {
      await db.prisma.$executeRaw`
        INSERT INTO job_schedules (name, interval_ms, next_run_at, updated_at) VALUES (${s.name}, ${s.everyMs}, ${t}, ${t})
        ON CONFLICT (name) DO UPDATE SET interval_ms = EXCLUDED.interval_ms,
          next_run_at = LEAST(job_schedules.next_run_at, ${t}::timestamptz + make_interval(secs => EXCLUDED.interval_ms / 1000.0)),
          updated_at = EXCLUDED.updated_at
        WHERE job_schedules.interval_ms <> EXCLUDED.interval_ms`;
    }
  }

  async function fire(s: ScheduleDefinition): Promise<boolean> {
    const leaseId = randomUUID();
    const firedAt = now();
    const won = await db.prisma.$queryRaw<Array<{ name: string }>>`
      UPDATE job_schedules SET lease_id = ${leaseId}, lease_until = ${new Date(firedAt.getTime() + leaseMs)}, updated_at = ${firedAt}
      WHERE name = ${s.name} AND next_run_at <= ${firedAt} AND (lease_until IS NULL OR lease_until < ${firedAt})
      RETURNING name`;
    if (!won[0]) return false;
    let error: string | null = null;
    try {
      await s.run(firedAt);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      options.logger?.warn({ schedule: s.name, err: { message: error } }, `scheduled work ${s.name} failed; it runs again when next due`);
    }
    // Next due one interval after this run started (not after the last due time: a long outage does not
    // replay every missed run).
    const { count } = await db.prisma.jobSchedule.updateMany({
      where: { name: s.name, leaseId },
      data: { nextRunAt: new Date(firedAt.getTime() + s.everyMs), lastRunAt: firedAt, leaseId: null, leaseUntil: null, lastError: error, updatedAt: now() },
    });
    if (count !== 1) options.logger?.warn({ schedule: s.name }, `scheduled work ${s.name} outlived its lease; another instance may have run it too`);
    return true;
  }

  async function tick(): Promise<string[]> {
    const t = now();
    if (!rowsReady) {
      await ensureRows(t);
      rowsReady = true;
    }
    // One read per tick when nothing is due; each due one is then raced for by its conditional UPDATE.
    const due = await db.prisma.jobSchedule.findMany({
      where: { name: { in: [...byName.keys()] }, nextRunAt: { lte: t }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: t } }] },
      select: { name: true },
      orderBy: { nextRunAt: 'asc' },
    });
    const fired: string[] = [];
    for (const { name } of due) {
      if (await fire(byName.get(name)!)) fired.push(name);
    }
    return fired;
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      ticking = tick()
        .catch((error) => options.logger?.warn({ err: { message: (error as Error).message } }, 'could not check the schedules'))
        .finally(schedule);
    }, tickMs);
    timer.unref?.();
  }

  return {
    tick,
    start() {
      if (!stopped) return;
      stopped = false;
      ticking = tick()
        .catch((error) => options.logger?.warn({ err: { message: (error as Error).message } }, 'could not check the schedules'))
        .finally(schedule);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await ticking;
    },
  };
}

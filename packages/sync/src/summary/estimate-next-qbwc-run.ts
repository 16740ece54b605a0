import type { NextQbwcRunBody } from '@connector/contract';
import { hasMissedSchedule } from '../qbwc-connection/has-missed-schedule.ts';

/**
 * "ETA to QuickBooks" (issue 18): when the Web Connector is expected to call next, from the company's schedule
 * (qbwcRunEveryMinutes, the .qwc's RunEveryNMinutes) and its last poll. QBWC runs an application's update every N
 * minutes counted from its previous run (QBWC guide, "Scheduler"), so the next run is the last poll + N. Past that
 * time it is `due` (QBWC is a little late when the previous run or the PC was slow); past twice the interval it has
 * missed its schedule — the same rule as the Connection screen (hasMissedSchedule) — and the PC looks off.
 * Pure: the caller reads the last poll and whether a session is open now.
 */
export function estimateNextQbwcRun(input: { lastPollAt: Date | null; everyMinutes: number; running: boolean; now: Date }): NextQbwcRunBody {
  const base = { lastPollAt: input.lastPollAt?.toISOString() ?? null, everyMinutes: input.everyMinutes };
  if (input.running) return { state: 'running', expectedAt: input.now.toISOString(), ...base };
  if (!input.lastPollAt) return { state: 'never_polled', expectedAt: null, ...base };
  if (hasMissedSchedule(input.lastPollAt, input.everyMinutes, input.now)) return { state: 'pc_looks_off', expectedAt: null, ...base };
  const expectedAt = new Date(input.lastPollAt.getTime() + input.everyMinutes * 60_000);
  return { state: expectedAt > input.now ? 'scheduled' : 'due', expectedAt: expectedAt.toISOString(), ...base };
}

// Runs sessions in a loop like QBWC's Auto-Run "every N minutes": after each session it waits the
// interval, raised to authenticate's minimum run-every seconds ([3]), or the postpone seconds ([2])
// when the service asked for them: "Next Run Time = Last Run Time + x seconds" (QBWC guide p.63).

import { runWebConnectorSession } from './run-web-connector-session.ts';
import { sleep } from './sleep.ts';
import type { SessionOptions, SessionReport } from './types.ts';

export interface ScheduleOptions extends SessionOptions {
  everySeconds: number;
  /** Stop after this many sessions (default: until the signal aborts). */
  maxSessions?: number;
  /** Called after each session, e.g. to save the company file. */
  onSession?: (report: SessionReport, index: number) => void | Promise<void>;
  /** Called before waiting, with the wait in seconds and why. */
  onWait?: (seconds: number, reason: 'interval' | 'postponed' | 'minimum-interval') => void;
  /** Injectable wait (tests). */
  wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export async function runOnSchedule(options: ScheduleOptions): Promise<SessionReport[]> {
  const { everySeconds, maxSessions, signal, onSession, onWait, wait = sleep, ...sessionOptions } = options;
  if (!(everySeconds > 0)) throw new RangeError('everySeconds must be a positive number');
  const reports: SessionReport[] = [];
  let minimumSeconds = 0;
  while (maxSessions === undefined || reports.length < maxSessions) {
    if (signal?.aborted) break;
    const report = await runWebConnectorSession({ ...sessionOptions, ...(signal && { signal }) });
    reports.push(report);
    await onSession?.(report, reports.length - 1);
    if (maxSessions !== undefined && reports.length >= maxSessions) break;
    // [3] raises the lower limit of the interval for good (guide p.62).
    if (report.minRunEverySeconds !== undefined) minimumSeconds = Math.max(minimumSeconds, report.minRunEverySeconds);
    const [seconds, reason] =
      report.postponeSeconds !== undefined
        ? [report.postponeSeconds, 'postponed' as const]
        : minimumSeconds > everySeconds
          ? [minimumSeconds, 'minimum-interval' as const]
          : [everySeconds, 'interval' as const];
    onWait?.(seconds, reason);
    try {
      await wait(seconds * 1000, signal);
    } catch (error) {
      if (signal?.aborted) break;
      throw error;
    }
  }
  return reports;
}

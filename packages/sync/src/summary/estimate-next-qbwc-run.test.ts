import { describe, expect, it } from 'vitest';
import { hasMissedSchedule } from '../qbwc-connection/has-missed-schedule.ts';
import { estimateNextQbwcRun } from './estimate-next-qbwc-run.ts';

describe('estimateNextQbwcRun', () => {
  const now = new Date('2026-12-07T12:00:00Z');
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

  it('expects the next run one interval after the last poll', () => {
    expect(estimateNextQbwcRun({ lastPollAt: minutesAgo(5), everyMinutes: 15, running: false, now })).toEqual({
      state: 'scheduled',
      expectedAt: '2026-12-07T12:10:00.000Z',
      lastPollAt: '2026-12-07T11:55:00.000Z',
      everyMinutes: 15,
    });
  });

  it('is due (any moment) once that time has passed, until the schedule is missed', () => {
    expect(estimateNextQbwcRun({ lastPollAt: minutesAgo(15), everyMinutes: 15, running: false, now }).state).toBe('due');
    const late = estimateNextQbwcRun({ lastPollAt: minutesAgo(29), everyMinutes: 15, running: false, now });
    expect(late).toMatchObject({ state: 'due', expectedAt: '2026-12-07T11:46:00.000Z' });
  });

  it('says the PC looks off exactly when the Connection screen says the schedule was missed', () => {
    for (const every of [1, 15, 60, 1440]) {
      for (const ago of [0, every - 1, every, 2 * every, 2 * every + 0.001, 3 * every, 10 * every]) {
        const lastPollAt = minutesAgo(ago);
        const estimate = estimateNextQbwcRun({ lastPollAt, everyMinutes: every, running: false, now });
        expect(estimate.state === 'pc_looks_off', `every ${every} min, last poll ${ago} min ago`).toBe(hasMissedSchedule(lastPollAt, every, now));
        if (estimate.state === 'pc_looks_off') expect(estimate.expectedAt).toBeNull();
        else expect(new Date(estimate.expectedAt!).getTime()).toBe(lastPollAt.getTime() + every * 60_000);
      }
    }
  });

  it('says running while a session is open, and never polled before the first call', () => {
    expect(estimateNextQbwcRun({ lastPollAt: minutesAgo(90), everyMinutes: 15, running: true, now })).toMatchObject({
      state: 'running',
      expectedAt: now.toISOString(),
    });
    expect(estimateNextQbwcRun({ lastPollAt: null, everyMinutes: 15, running: false, now })).toEqual({
      state: 'never_polled',
      expectedAt: null,
      lastPollAt: null,
      everyMinutes: 15,
    });
  });
});

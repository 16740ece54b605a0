import { describe, expect, it } from 'vitest';
import { hasMissedSchedule } from './has-missed-schedule.ts';

describe('hasMissedSchedule', () => {
  const now = new Date('2026-11-22T12:00:00Z');
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

  it('is false when QBWC never polled (that is "not connected")', () => {
    expect(hasMissedSchedule(null, 15, now)).toBe(false);
  });

  it('allows up to twice the interval, and no more', () => {
    expect(hasMissedSchedule(minutesAgo(0), 15, now)).toBe(false);
    expect(hasMissedSchedule(minutesAgo(29), 15, now)).toBe(false);
    expect(hasMissedSchedule(minutesAgo(30), 15, now)).toBe(false);
    expect(hasMissedSchedule(new Date(minutesAgo(30).getTime() - 1), 15, now)).toBe(true);
    expect(hasMissedSchedule(minutesAgo(120), 60, now)).toBe(false);
    expect(hasMissedSchedule(minutesAgo(121), 60, now)).toBe(true);
    expect(hasMissedSchedule(minutesAgo(3), 1, now)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { laterQbTime, qbTimeMinus, qbTimeValue } from './qb-time.ts';

describe('QuickBooks times', () => {
  it('subtracts the overlap in the offset the time came in, across midnight and month ends', () => {
    expect(qbTimeMinus('2026-11-20T10:15:07-08:00', 60)).toBe('2026-11-20T09:15:07-08:00');
    expect(qbTimeMinus('2026-03-01T00:30:00+05:30', 60)).toBe('2026-02-28T23:30:00+05:30');
    expect(qbTimeMinus('2026-01-01T00:00:00', 1)).toBe('2025-12-31T23:59:00');
    expect(qbTimeMinus('2026-01-01T00:00:00Z', 0)).toBe('2026-01-01T00:00:00Z');
    expect(qbTimeMinus('yesterday', 60)).toBeNull();
  });
  it('compares instants, not text, when offsets differ', () => {
    expect(qbTimeValue('2026-11-20T10:00:00-08:00')).toBe(Date.parse('2026-11-20T18:00:00Z'));
    // 10:00-08:00 (18:00Z) is later than 12:00-05:00 (17:00Z) although its text sorts first.
    expect(laterQbTime('2026-11-20T12:00:00-05:00', '2026-11-20T10:00:00-08:00')).toBe('2026-11-20T10:00:00-08:00');
    expect(laterQbTime(null, '2026-11-20T10:00:00')).toBe('2026-11-20T10:00:00');
    expect(laterQbTime('2026-11-20T10:00:00', 'garbage')).toBe('2026-11-20T10:00:00');
    expect(laterQbTime('garbage', '2026-11-20T10:00:00')).toBe('2026-11-20T10:00:00');
  });
});

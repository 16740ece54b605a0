import { describe, expect, it } from 'vitest';
import { toQbDate } from './to-qb-date.ts';

describe('toQbDate', () => {
  it('keeps a calendar date', () => {
    expect(toQbDate('2026-11-20')).toBe('2026-11-20');
    expect(toQbDate(' 2026-11-20 ')).toBe('2026-11-20');
    expect(toQbDate('2028-02-29')).toBe('2028-02-29'); // leap year
  });

  it('takes the date part of a datetime without shifting it to another day', () => {
    expect(toQbDate('2026-11-20T23:30:00Z')).toBe('2026-11-20');
    expect(toQbDate('2026-11-20T00:30:00-08:00')).toBe('2026-11-20');
  });

  it('answers null for missing or impossible dates', () => {
    expect(toQbDate(null)).toBeNull();
    expect(toQbDate(undefined)).toBeNull();
    expect(toQbDate('')).toBeNull();
    expect(toQbDate('2026-02-30')).toBeNull();
    expect(toQbDate('2027-02-29')).toBeNull();
    expect(toQbDate('2026-13-01')).toBeNull();
    expect(toQbDate('2026-00-10')).toBeNull();
    expect(toQbDate('2026-01-00')).toBeNull();
    expect(toQbDate('11/20/2026')).toBeNull();
    expect(toQbDate('2026-1-5')).toBeNull();
    expect(toQbDate('1899-12-31')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { progressPercent } from './progress-percent.ts';

describe('progressPercent', () => {
  it.each([
    [0, 0, false, 100],
    [5, 10, false, 100],
    [10, 10, false, 100],
    [0, 10, true, 1],
    [1, 10, true, 10],
    [5, 10, true, 50],
    [9, 10, true, 90],
    [99, 100, true, 99],
    [999, 1000, true, 99],
    [10, 10, true, 99],
    [12, 10, true, 99],
    [1, 3, true, 33],
    [2, 3, true, 66],
    [1, 1000, true, 1],
    [0, 0, true, 1],
    [-5, 10, true, 1],
    [5, -10, true, 1],
    [Number.NaN, 10, true, 1],
    [5, Number.NaN, true, 1],
    [Number.POSITIVE_INFINITY, 10, true, 1],
    [5, Number.POSITIVE_INFINITY, true, 1],
  ])('done=%d total=%d more=%s → %d', (done, total, more, expected) => {
    const value = progressPercent(done, total, more);
    expect(value).toBe(expected);
    expect(Number.isInteger(value)).toBe(true);
  });

  it('is 100 only when there is no more work, and always within 1..99 otherwise', () => {
    for (let total = 0; total <= 120; total++) {
      for (let done = 0; done <= total + 2; done++) {
        const more = progressPercent(done, total, true);
        expect(more).toBeGreaterThanOrEqual(1);
        expect(more).toBeLessThanOrEqual(99);
        expect(progressPercent(done, total, false)).toBe(100);
      }
    }
  });

  it('never goes down as work completes', () => {
    let last = 0;
    for (let done = 0; done <= 250; done++) {
      const value = progressPercent(done, 250, done < 250);
      expect(value).toBeGreaterThanOrEqual(last);
      last = value;
    }
    expect(last).toBe(100);
  });
});

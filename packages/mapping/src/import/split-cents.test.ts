import { describe, expect, it } from 'vitest';
import { splitCents } from './split-cents.ts';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('splitCents (largest remainder)', () => {
  it('splits exactly when it can, and always adds up to the amount', () => {
    expect(splitCents(10000, [1000, 2000, 2000])).toEqual([2000, 4000, 4000]);
    expect(splitCents(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(splitCents(200, [1, 1, 1])).toEqual([67, 67, 66]);
    expect(splitCents(10, [333, 333, 334])).toEqual([3, 3, 4]);
  });

  it('gives the leftover cents to the largest remainders, ties to the earlier part', () => {
    // 7 × 1/6, 2/6, 3/6 = 1.17, 2.33, 3.5 → 1, 2, 3 + one cent to the .5
    expect(splitCents(7, [1, 2, 3])).toEqual([1, 2, 4]);
    expect(splitCents(1, [5, 5])).toEqual([1, 0]);
  });

  it('negative amounts and negative weights keep each part the same share of its weight', () => {
    expect(splitCents(-100, [1, 1, 1])).toEqual([-33, -33, -34]);
    expect(splitCents(1000, [1000, 2000, -500])).toEqual([400, 800, -200]);
    // Weights summing negative: a deduct-only change order line.
    expect(splitCents(-300, [-100, -200])).toEqual([-100, -200]);
    const parts = splitCents(12345, [7, -3, 11, 0, 5]);
    expect(sum(parts)).toBe(12345);
    expect(parts[3]).toBe(0);
  });

  it('is exact for amounts whose products pass 2^53', () => {
    const parts = splitCents(999_999_999_999_99, [333_333_333_333_33, 333_333_333_333_33, 333_333_333_333_33]);
    expect(sum(parts)).toBe(999_999_999_999_99);
    expect(parts).toEqual([333_333_333_333_33, 333_333_333_333_33, 333_333_333_333_33]);
  });

  it('refuses weights that sum to 0 and amounts that are not whole cents', () => {
    expect(() => splitCents(100, [1, -1])).toThrow(RangeError);
    expect(() => splitCents(100, [])).toThrow(RangeError);
    expect(() => splitCents(1.5, [1])).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { formatDollarDifference, formatDollars } from './format-dollars.ts';

describe('formatDollars', () => {
  it.each([
    [1250000, '$12,500.00'],
    [0, '$0.00'],
    [5, '$0.05'],
    [-50000, '\u2212$500.00'],
    [123456789, '$1,234,567.89'],
  ])('%i cents → %s', (cents, text) => {
    expect(formatDollars(cents)).toBe(text);
  });
});

describe('formatDollarDifference', () => {
  it('signs a difference with + or a true minus sign', () => {
    expect(formatDollarDifference(-50000)).toBe('−$500.00');
    expect(formatDollarDifference(50000)).toBe('+$500.00');
    expect(formatDollarDifference(0)).toBe('$0.00');
  });
});

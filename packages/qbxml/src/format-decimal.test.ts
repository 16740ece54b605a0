import { describe, expect, it } from 'vitest';
import { formatDecimal } from './format-decimal.ts';

const format = (value: number | string): string => formatDecimal(value, 'X.Quantity', 'Quantity');

describe('formatDecimal (QUANTYPE / PRICETYPE / PERCENTTYPE)', () => {
  it.each([
    [1, '1'],
    [2.5, '2.5'],
    [0.00001, '0.00001'],
    [-3.25, '-3.25'],
    [-0, '0'],
    [1 / 3 - (1 / 3 - 0.33333), '0.33333'],
    [9999999999, '9999999999'],
    ['2.50', '2.50'],
    ['-1', '-1'],
    ['0.12345', '0.12345'],
  ])('%s → %s', (input, expected) => {
    expect(format(input)).toBe(expected);
  });

  it.each([[1.123456], [1e10], [Number.NaN], ['1.123456'], ['12345678901'], ['1e5'], [''], ['abc']])('rejects %s', (input) => {
    expect(() => format(input)).toThrow(expect.objectContaining({ code: 'INVALID_VALUE' }));
  });
});

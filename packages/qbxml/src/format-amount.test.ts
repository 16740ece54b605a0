import { describe, expect, it } from 'vitest';
import { formatAmount } from './format-amount.ts';

const format = (value: number | string): string => formatAmount(value, 'X.Amount', 'Amount');

describe('formatAmount (AMTTYPE)', () => {
  it.each([
    [0, '0.00'],
    [-0, '0.00'],
    [1250, '1250.00'],
    [1250.5, '1250.50'],
    [-12375, '-12375.00'],
    [0.1 + 0.2, '0.30'],
    [1234567.89, '1234567.89'],
    [9999999999999.99, '9999999999999.99'],
    ['1250', '1250.00'],
    ['1250.5', '1250.50'],
    ['-300.50', '-300.50'],
    ['+7', '7.00'],
    ['007.10', '7.10'],
    ['.5', '0.50'],
    ['5.', '5.00'],
    ['-0', '0.00'],
    ['12.3400', '12.34'],
    [' 42.00 ', '42.00'],
  ])('%s → %s', (input, expected) => {
    expect(format(input)).toBe(expected);
  });

  it.each([[10.005], [Number.NaN], [Number.POSITIVE_INFINITY], [1e13], ['1.005'], ['abc'], [''], ['1,000.00'], ['1e3'], ['.'], ['12345678901234']])(
    'rejects %s',
    (input) => {
      expect(() => format(input)).toThrow(expect.objectContaining({ code: 'INVALID_VALUE', field: 'X.Amount' }));
    },
  );
});

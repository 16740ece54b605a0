import { describe, expect, it } from 'vitest';
import { formatCents, MAX_AMOUNT_CENTS } from '../format-cents.ts';
import { assertKnownFields, QboRenderError, toQboAmount, toQboDecimal } from './qbo-rendering.ts';

describe('toQboAmount: AMTTYPE text from cents → an exact JSON number', () => {
  it('is exact for the extremes and a spread of cents, positive and negative', () => {
    const samples = [0, 1, 5, 10, 99, 100, 125000, 10250051, 2 ** 40 + 7, MAX_AMOUNT_CENTS - 1, MAX_AMOUNT_CENTS];
    for (let c = 1; c < 2_000_000_000_000; c = c * 7 + 3) samples.push(c);
    for (const cents of samples) {
      for (const signed of [cents, -cents]) {
        const n = toQboAmount(formatCents(signed));
        // The number written to JSON reads back as the same cents.
        expect(Math.round(Number(JSON.stringify(n)) * 100)).toBe(signed === 0 ? 0 : signed);
      }
    }
    expect(toQboAmount('1250.00')).toBe(1250);
    expect(toQboAmount('-0.05')).toBe(-0.05);
    expect(toQboAmount('9999999999999.99')).toBe(9999999999999.99);
    expect(JSON.stringify(toQboAmount('9999999999999.99'))).toBe('9999999999999.99');
  });

  it('refuses text that is not AMTTYPE instead of guessing', () => {
    for (const bad of ['', '1,250.00', '12.345', '1e3', 'NaN', '10000000000000.00', ' 1.00']) {
      expect(() => toQboAmount(bad), bad).toThrow(QboRenderError);
    }
  });
});

describe('toQboDecimal', () => {
  it('carries quantities and rates with up to 15 significant digits', () => {
    expect(toQboDecimal('2.5')).toBe(2.5);
    expect(toQboDecimal('123456789012.345')).toBe(123456789012.345);
    expect(toQboDecimal(3)).toBe(3);
  });
  it('refuses more digits than a double keeps', () => {
    expect(() => toQboDecimal('1234567890123.4567')).toThrow(QboRenderError);
    expect(() => toQboDecimal('abc')).toThrow(QboRenderError);
  });
});

describe('assertKnownFields', () => {
  it('names a field no QBO renderer reads, so it cannot vanish silently', () => {
    expect(() => assertKnownFields({ type: 'VendorAdd', notes: 'x' }, ['type'])).toThrow(/VendorAdd: field "notes" has no QuickBooks Online rendering/);
    expect(() => assertKnownFields({ type: 'VendorAdd', notes: undefined }, ['type'])).not.toThrow();
  });
});

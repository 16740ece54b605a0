import { describe, expect, it } from 'vitest';
import { describeCents, fitsAmount, formatCents, MAX_AMOUNT_CENTS } from './format-cents.ts';

describe('formatCents (qbXML AMTTYPE)', () => {
  it.each([
    [0, '0.00'],
    [1, '0.01'],
    [5, '0.05'],
    [10, '0.10'],
    [100, '1.00'],
    [125000, '1250.00'],
    [123456789, '1234567.89'],
    [-1, '-0.01'],
    [-5, '-0.05'],
    [-125050, '-1250.50'],
    [MAX_AMOUNT_CENTS, '9999999999999.99'],
  ])('%d cents → %s', (cents, text) => {
    expect(formatCents(cents)).toBe(text);
    expect(formatCents(cents)).toMatch(/^-?\d{1,13}\.\d{2}$/);
  });

  it('never writes negative zero', () => {
    expect(formatCents(-0)).toBe('0.00');
  });

  it('refuses anything but whole cents', () => {
    expect(() => formatCents(1.5)).toThrow(TypeError);
    expect(() => formatCents(Number.NaN)).toThrow(TypeError);
    expect(() => formatCents(Number.POSITIVE_INFINITY)).toThrow(TypeError);
  });
});

describe('describeCents', () => {
  it('groups thousands for people', () => {
    expect(describeCents(0)).toBe('0.00');
    expect(describeCents(99999)).toBe('999.99');
    expect(describeCents(100000)).toBe('1,000.00');
    expect(describeCents(123456789)).toBe('1,234,567.89');
    expect(describeCents(-125000)).toBe('-1,250.00');
    expect(describeCents(-5)).toBe('-0.05');
  });
});

describe('fitsAmount', () => {
  it('accepts up to 13 digits before the decimal point, either sign', () => {
    expect(fitsAmount(MAX_AMOUNT_CENTS)).toBe(true);
    expect(fitsAmount(-MAX_AMOUNT_CENTS)).toBe(true);
    expect(fitsAmount(MAX_AMOUNT_CENTS + 1)).toBe(false);
    expect(fitsAmount(-MAX_AMOUNT_CENTS - 1)).toBe(false);
    expect(fitsAmount(0.5)).toBe(false);
  });
});

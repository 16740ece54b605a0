import { describe, expect, it } from 'vitest';
import { formatMoney, parseMoney } from './parse-money.ts';

describe('parseMoney', () => {
  it('reads Procore decimal strings as integer cents', () => {
    expect(parseMoney('1250.00')).toBe(125000);
    expect(parseMoney('0.10')).toBe(10);
    expect(parseMoney('-12.5')).toBe(-1250);
    expect(parseMoney('7')).toBe(700);
    expect(parseMoney('.5')).toBe(50);
    expect(parseMoney(' 19.99 ')).toBe(1999);
  });

  it('reads numbers without floating-point drift', () => {
    expect(parseMoney(1.005)).toBe(101);
    expect(parseMoney(0.1 + 0.2)).toBe(30);
    expect(parseMoney(1250)).toBe(125000);
    expect(parseMoney(-0.01)).toBe(-1);
  });

  it('rounds a third decimal half away from zero', () => {
    expect(parseMoney('0.005')).toBe(1);
    expect(parseMoney('0.004')).toBe(0);
    expect(parseMoney('-2.345')).toBe(-235);
  });

  it('refuses what is not a plain decimal', () => {
    for (const bad of ['', '-', '.', '1,250.00', '1e3', 'abc', '12.3.4']) {
      expect(() => parseMoney(bad), bad).toThrow(TypeError);
    }
    expect(() => parseMoney(Number.NaN)).toThrow(TypeError);
    expect(() => parseMoney(null as unknown as string)).toThrow(TypeError);
    expect(() => parseMoney('9'.repeat(20))).toThrow(RangeError);
  });

  it('formatMoney is the inverse', () => {
    expect(formatMoney(125000)).toBe('1250.00');
    expect(formatMoney(-5)).toBe('-0.05');
    expect(formatMoney(0)).toBe('0.00');
    for (const cents of [1, 99, 100, 123456789, -98765]) expect(parseMoney(formatMoney(cents))).toBe(cents);
    expect(() => formatMoney(1.5)).toThrow(TypeError);
  });
});

import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT_CENTS } from './format-cents.ts';
import { readCents, sumCents } from './read-cents.ts';

const ok = (r: ReturnType<typeof readCents>) => {
  if (!r.ok) throw new Error(r.refusal.message);
  return r.cents;
};

describe('readCents', () => {
  it('reads Procore decimals and numbers as integer cents', () => {
    expect(ok(readCents('1250.00', 'x', 'refuse'))).toBe(125000);
    expect(ok(readCents('1250.5', 'x', 'refuse'))).toBe(125050);
    expect(ok(readCents(' -12.34 ', 'x', 'refuse'))).toBe(-1234);
    expect(ok(readCents(3, 'x', 'refuse'))).toBe(300);
    expect(ok(readCents(0.1, 'x', 'refuse'))).toBe(10);
    expect(ok(readCents('0', 'x', 'refuse'))).toBe(0);
  });

  it('rounds a third decimal half away from zero (parseMoney)', () => {
    expect(ok(readCents('10.005', 'x', 'refuse'))).toBe(1001);
    expect(ok(readCents('10.004', 'x', 'refuse'))).toBe(1000);
    expect(ok(readCents('-0.005', 'x', 'refuse'))).toBe(-1);
    expect(ok(readCents(1.005, 'x', 'refuse'))).toBe(101); // no floating point on the way
  });

  it('treats a missing amount as the caller says: a default, or a refusal', () => {
    expect(ok(readCents(null, 'x', 0))).toBe(0);
    expect(ok(readCents(undefined, 'x', 0))).toBe(0);
    expect(ok(readCents('  ', 'x', 0))).toBe(0);
    const refused = readCents(null, 'Line 1 of commitment SC-1', 'refuse');
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.refusal.code).toBe('INCOMPLETE_RECORD');
      expect(refused.refusal.message).toBe('Line 1 of commitment SC-1 has no amount in Procore; enter the amount in Procore and export again.');
    }
  });

  it('refuses text that is not a plain decimal, quoting it', () => {
    for (const bad of ['1,250.00', '1e3', '$5', 'abc', '--1']) {
      const r = readCents(bad, 'The amount of line 2', 'refuse');
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.refusal.code).toBe('INVALID_AMOUNT');
        expect(r.refusal.message).toContain(`"${bad}"`);
      }
    }
    expect(readCents(Number.NaN, 'x', 0).ok).toBe(false);
  });

  it('refuses amounts beyond what QuickBooks can hold (13 digits)', () => {
    expect(ok(readCents('9999999999999.99', 'x', 'refuse'))).toBe(MAX_AMOUNT_CENTS);
    const r = readCents('10000000000000.00', 'The amount', 'refuse');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.refusal.code).toBe('INVALID_AMOUNT');
      expect(r.refusal.message).toContain('9,999,999,999,999.99');
    }
  });
});

describe('sumCents', () => {
  it('adds exactly', () => {
    const r = sumCents([10, 20, -5], 'x');
    expect(r.ok && r.cents).toBe(25);
    const floats = sumCents([10, 20], 'x'); // 0.10 + 0.20 = 0.30 exactly in cents
    expect(floats.ok && floats.cents).toBe(30);
    const empty = sumCents([], 'x');
    expect(empty.ok && empty.cents).toBe(0);
  });

  it('refuses a total beyond 13 digits', () => {
    const r = sumCents([MAX_AMOUNT_CENTS, 1], 'The commitment');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.refusal.code).toBe('INVALID_AMOUNT');
  });
});

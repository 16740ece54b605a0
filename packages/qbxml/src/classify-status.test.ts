import { describe, expect, it } from 'vitest';
import { classifyStatus } from './classify-status.ts';

describe('classifyStatus', () => {
  it.each([
    [0, 'ok', 'none', 'no'],
    [1, 'no-match', 'no-match', 'no'],
    [500, 'warning', 'other', 'no'],
    [530, 'warning', 'unsupported', 'no'],
    [531, 'warning', 'unsupported', 'no'],
    [550, 'warning', 'other', 'no'],
    [560, 'warning', 'other', 'no'],
    [570, 'warning', 'other', 'no'],
    [600, 'warning', 'other', 'after-requery'],
    [1000, 'error', 'internal', 'next-session'],
    [1010, 'error', 'internal', 'next-session'],
    [1030, 'error', 'unsupported', 'no'],
    [1060, 'error', 'validation', 'no'],
    [3000, 'error', 'validation', 'no'],
    [3100, 'error', 'duplicate-name', 'no'],
    [3120, 'error', 'not-found', 'no'],
    [3140, 'error', 'invalid-reference', 'no'],
    [3170, 'error', 'record-in-use', 'next-session'],
    [3171, 'error', 'closed-period', 'no'],
    [3175, 'error', 'record-in-use', 'next-session'],
    [3176, 'error', 'record-in-use', 'next-session'],
    [3180, 'error', 'other', 'no'],
    [3200, 'error', 'stale-edit-sequence', 'after-requery'],
    [3210, 'error', 'validation', 'no'],
    [3231, 'error', 'other', 'next-session'],
    [3250, 'error', 'unsupported', 'no'],
    [3260, 'error', 'permission', 'no'],
    [3261, 'error', 'permission', 'no'],
    [3391, 'error', 'iterator-expired', 'after-requery'],
  ] as const)('%i → %s / %s / retry %s', (code, outcome, category, retry) => {
    const status = classifyStatus(code);
    expect(status).toMatchObject({ outcome, category, retry });
    expect(status.explanation.length).toBeGreaterThan(20);
    expect(status.explanation).toMatch(/\.$/);
  });

  it.each([
    [2, 'info', 'none', 'no'],
    [499, 'info', 'none', 'no'],
    [501, 'warning', 'other', 'no'],
    [999, 'warning', 'other', 'no'],
    [1001, 'error', 'internal', 'next-session'],
    [1999, 'error', 'internal', 'next-session'],
    [2000, 'error', 'unsupported', 'no'],
    [2999, 'error', 'unsupported', 'no'],
    [3010, 'error', 'validation', 'no'],
    [3099, 'error', 'validation', 'no'],
    [3150, 'error', 'other', 'no'],
    [9001, 'error', 'other', 'no'],
    [9150, 'error', 'validation', 'no'],
    [12345, 'error', 'other', 'no'],
  ] as const)('unknown code %i falls in its range: %s / %s', (code, outcome, category, retry) => {
    expect(classifyStatus(code)).toMatchObject({ outcome, category, retry });
  });

  it('never treats warnings or info as failures', () => {
    for (let code = 2; code < 1000; code += 37) expect(classifyStatus(code, code < 500 ? 'Info' : 'Warning').outcome).not.toBe('error');
  });

  it('lets an explicit Error severity win for an unknown code below 1000', () => {
    expect(classifyStatus(777, 'Error')).toMatchObject({ outcome: 'error', category: 'other' });
    expect(classifyStatus(777, 'error').outcome).toBe('error');
    expect(classifyStatus(777, 'Warning').outcome).toBe('warning');
  });

  it('trusts the table for known codes whatever the severity says', () => {
    expect(classifyStatus(0, 'Error').outcome).toBe('ok');
    expect(classifyStatus(1, 'Info').outcome).toBe('no-match');
  });

  it('handles nonsense codes as errors', () => {
    expect(classifyStatus(-1).outcome).toBe('error');
    expect(classifyStatus(Number.NaN).outcome).toBe('error');
    expect(classifyStatus(1.5).outcome).toBe('error');
  });

  it('explains in plain words what to do', () => {
    expect(classifyStatus(3171).explanation).toMatch(/closing date/);
    expect(classifyStatus(3140).explanation).toMatch(/first/);
    expect(classifyStatus(3100).explanation).toMatch(/existing record/);
  });
});

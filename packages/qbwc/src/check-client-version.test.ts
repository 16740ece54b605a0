import { describe, expect, it } from 'vitest';
import {
  QBWC_MIN_ACCEPTED_VERSION,
  QBWC_MIN_SUPPORTED_VERSION,
  QBWC_RECOMMENDED_VERSION,
  checkClientVersion,
  compareQbwcVersions,
  parseQbwcVersion,
} from './check-client-version.ts';

describe('checkClientVersion', () => {
  it('exports the policy', () => {
    expect(QBWC_MIN_ACCEPTED_VERSION).toBe('2.2.0.42');
    expect(QBWC_RECOMMENDED_VERSION).toBe('2.3.0.20');
    expect(QBWC_MIN_SUPPORTED_VERSION).toBe('2.0.0.0');
  });

  it.each([
    ['2.2.0.42', 'ok'],
    ['2.2.0.71', 'ok'],
    ['2.3.0.20', 'ok'],
    ['2.3.0.215', 'ok'],
    ['2.3', 'ok'],
    ['3', 'ok'],
    ['10.0.0.0', 'ok'],
    [' 2.3.0.20 ', 'ok'],
    ['2.2.0.41', 'warn'],
    ['2.2.0.9', 'warn'],
    ['2.1.0.30', 'warn'],
    ['2.0.1.6', 'warn'],
    ['2.0.0.0', 'warn'],
    ['2', 'warn'],
    ['1.5.0.0', 'error'],
    ['1.9.9.999', 'error'],
    ['0.1', 'error'],
    ['', 'error'],
    ['abc', 'error'],
    ['2.3.0.20.1', 'error'],
    ['2.3.x.20', 'error'],
    ['v2.3.0.20', 'error'],
    ['-2.3', 'error'],
  ])('%j → %s', (version, level) => {
    const check = checkClientVersion(version);
    expect(check.level).toBe(level);
    if (level === 'ok') expect(check.result).toBe('');
    if (level === 'warn') {
      expect(check.result).toMatch(/^W:/);
      expect(check.result).toContain(QBWC_RECOMMENDED_VERSION);
    }
    if (level === 'error') {
      expect(check.result).toMatch(/^E:/);
      expect(check.result).toContain(`install QuickBooks Web Connector ${QBWC_RECOMMENDED_VERSION}`);
    }
  });

  it('compares numerically, not as text or decimals', () => {
    // As text "2.2.0.9" > "2.2.0.42"; as a double 2.2 == 2.2. Numerically 9 < 42.
    expect(checkClientVersion('2.2.0.9').level).toBe('warn');
    expect(checkClientVersion('2.10.0.0').level).toBe('ok');
  });

  it('names the version it saw, cleaned for a dialog', () => {
    expect(checkClientVersion('2.1.0.30').result).toContain('2.1.0.30');
    expect(checkClientVersion('1.5').result).toContain('1.5.0.0');
    const weird = checkClientVersion(`bad\u0000\u0007${'x'.repeat(100)}`).result;
    expect(weird).not.toMatch(/[\u0000-\u001f]/);
    expect(weird.length).toBeLessThan(250);
    expect(checkClientVersion('').result).not.toContain('("")');
  });
});

describe('parseQbwcVersion / compareQbwcVersions', () => {
  it('pads to four parts', () => {
    expect(parseQbwcVersion('2.3')).toEqual([2, 3, 0, 0]);
    expect(parseQbwcVersion('2.3.0.20')).toEqual([2, 3, 0, 20]);
    expect(parseQbwcVersion('2..3')).toBeNull();
    expect(parseQbwcVersion('1e3')).toBeNull();
  });

  it('orders versions', () => {
    const v = (s: string) => parseQbwcVersion(s) as NonNullable<ReturnType<typeof parseQbwcVersion>>;
    expect(compareQbwcVersions(v('2.2.0.42'), v('2.2.0.71'))).toBeLessThan(0);
    expect(compareQbwcVersions(v('2.3.0.20'), v('2.2.0.71'))).toBeGreaterThan(0);
    expect(compareQbwcVersions(v('2.3'), v('2.3.0.0'))).toBe(0);
  });
});

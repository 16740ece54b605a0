import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from './format-date.ts';

describe('formatDate (DATETYPE)', () => {
  it.each(['2026-11-20', '2024-02-29', '2026-12-31'])('accepts %s', (value) => {
    expect(formatDate(value, 'X.TxnDate', 'Date')).toBe(value);
  });

  it.each(['2026-02-29', '2026-13-01', '2026-00-10', '2026-1-5', '11/20/2026', '2026-11-20T00:00:00-05:00', ''])('rejects %s', (value) => {
    expect(() => formatDate(value, 'X.TxnDate', 'Date')).toThrow(/use YYYY-MM-DD/);
  });
});

describe('formatDateTime (DATETIMETYPE with offset)', () => {
  it.each(['2026-11-20T08:00:00-05:00', '2026-06-01T23:59:59+14:00', '2026-01-01T00:00:00+00:00', '2026-03-08T02:30:00-08:00'])('accepts %s', (value) => {
    expect(formatDateTime(value, 'X.FromModifiedDate', 'Modified since')).toBe(value);
  });

  it.each([
    '2026-11-20T08:00:00',
    '2026-11-20T13:00:00Z',
    '2026-11-20',
    '2026-11-20T24:00:00-05:00',
    '2026-11-20T08:60:00-05:00',
    '2026-11-20T08:00:00-15:00',
    '2026-11-31T08:00:00-05:00',
    '2026-11-20 08:00:00-05:00',
    '2026-11-20T08:00:00.000-05:00',
  ])('rejects %s', (value) => {
    expect(() => formatDateTime(value, 'X.FromModifiedDate', 'Modified since')).toThrow(/UTC offset QuickBooks reported/);
  });
});

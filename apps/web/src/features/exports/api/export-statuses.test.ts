import { describe, expect, it } from 'vitest';
import type { ExportItem, ExportStatus } from './export-queries.ts';
import { eligibleIds, summarizeResults } from './export-statuses.ts';

const item = (procoreId: string, status: ExportStatus) => ({ procoreId, status }) as ExportItem;

describe('bulk actions act on the selected rows they apply to', () => {
  const items = [item('1', 'not_synced'), item('2', 'sent_to_accounting'), item('3', 'rejected'), item('4', 'failed'), item('5', 'synced')];
  const all = new Set(['1', '2', '3', '4', '5']);
  it.each([
    ['send', ['1', '3']],
    ['approve', ['2']],
    ['reject', ['2']],
    ['retry', ['4']],
    ['dismiss', ['4']],
  ] as const)('%s', (action, expected) => {
    expect(eligibleIds(items, all, action)).toEqual(expected);
  });
  it('ignores rows that are not selected', () => {
    expect(eligibleIds(items, new Set(['2', '5']), 'send')).toEqual([]);
    expect(eligibleIds(items, new Set(['3']), 'send')).toEqual(['3']);
  });
});

describe('the outcome of a bulk action in words', () => {
  it('counts applied, already done and refused with the reasons', () => {
    expect(summarizeResults('approve', [{ outcome: 'applied', message: null }, { outcome: 'applied', message: null }])).toEqual({ message: '2 approved', tone: 'success' });
    expect(
      summarizeResults('send', [
        { outcome: 'applied', message: null },
        { outcome: 'already', message: null },
        { outcome: 'refused', message: 'This record cannot be sent to accounting: it is synced.' },
      ]),
    ).toEqual({ message: '1 sent to accounting; 1 already sent to accounting; 1 not sent to accounting: This record cannot be sent to accounting: it is synced.', tone: 'info' });
    expect(summarizeResults('reject', [{ outcome: 'refused', message: 'Say why.' }, { outcome: 'refused', message: 'Say why.' }]).tone).toBe('error');
  });
});

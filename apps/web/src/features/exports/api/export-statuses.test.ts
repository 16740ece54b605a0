import { describe, expect, it } from 'vitest';
import type { ExportItem, ExportStatus } from './export-queries.ts';
import { eligibleIds, statusDisplayFor, summarizeResults } from './export-statuses.ts';

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
    expect(
      summarizeResults('approve', [
        { outcome: 'applied', message: null },
        { outcome: 'applied', message: null },
      ]),
    ).toEqual({ message: '2 approved', tone: 'success' });
    expect(
      summarizeResults('send', [
        { outcome: 'applied', message: null },
        { outcome: 'already', message: null },
        { outcome: 'refused', message: 'This record cannot be sent to accounting: it is synced.' },
      ]),
    ).toEqual({
      message: '1 sent to accounting; 1 already sent to accounting; 1 not sent to accounting: This record cannot be sent to accounting: it is synced.',
      tone: 'info',
    });
    expect(
      summarizeResults('reject', [
        { outcome: 'refused', message: 'Say why.' },
        { outcome: 'refused', message: 'Say why.' },
      ]).tone,
    ).toBe('error');
  });
});

describe('records Procore has not approved (data safety)', () => {
  const notReady = {
    code: 'NOT_APPROVED_IN_PROCORE',
    procoreStatus: 'pending',
    message: 'Not approved in Procore: status Pending — approve it in Procore first.',
  };
  const pending = { ...item('7', 'not_synced'), notReady } as ExportItem;
  const sentThenSetBack = { ...item('8', 'sent_to_accounting'), notReady } as ExportItem;
  it('say so instead of "Ready to export"', () => {
    expect(statusDisplayFor(pending).label).toBe('Not approved in Procore');
    expect(statusDisplayFor(item('1', 'not_synced')).label).toBe('Ready to export');
  });
  it('are left out of send and approve (the server refuses them too), not out of reject', () => {
    const all = new Set(['1', '2', '7', '8']);
    const items = [item('1', 'not_synced'), item('2', 'sent_to_accounting'), pending, sentThenSetBack];
    expect(eligibleIds(items, all, 'send')).toEqual(['1']);
    expect(eligibleIds(items, all, 'approve')).toEqual(['2']);
    expect(eligibleIds(items, all, 'reject')).toEqual(['2', '8']);
  });
});

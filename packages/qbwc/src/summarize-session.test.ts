import { describe, expect, it } from 'vitest';
import { MAX_SUMMARY_LENGTH, pluralize, summarizeSession } from './summarize-session.ts';

describe('summarizeSession', () => {
  it.each([
    [{ requestsDone: 0, requestsFailed: 0 }, 'Nothing to sync'],
    [{ requestsDone: 0, requestsFailed: 0, byKind: { vendor: 0 } }, 'Nothing to sync'],
    [{ requestsDone: 15, requestsFailed: 1, byKind: { vendor: 12, bill: 3 } }, '12 vendors, 3 bills synced; 1 needs attention'],
    [{ requestsDone: 1, requestsFailed: 0, byKind: { vendor: 1 } }, '1 vendor synced'],
    [{ requestsDone: 2, requestsFailed: 3, byKind: { vendor: 2 } }, '2 vendors synced; 3 need attention'],
    [{ requestsDone: 0, requestsFailed: 2 }, 'Nothing synced; 2 need attention'],
    [{ requestsDone: 0, requestsFailed: 1 }, 'Nothing synced; 1 needs attention'],
    [{ requestsDone: 7, requestsFailed: 0 }, '7 records synced'],
    [{ requestsDone: 1, requestsFailed: 0 }, '1 record synced'],
    [{ requestsDone: 10, requestsFailed: 0, byKind: { vendor: 4 } }, '4 vendors, 6 other records synced'],
    [{ requestsDone: 5, requestsFailed: 0, byKind: { vendor: 4 } }, '4 vendors, 1 other record synced'],
    [{ requestsDone: 4, requestsFailed: 0, byKind: { company: 2, purchaseOrder: 1, 'job cost': 1 } }, '2 companies, 1 purchase order, 1 job cost synced'],
    [{ requestsDone: 6, requestsFailed: 0, byKind: { budget_line_item: 3, BillPayment: 2, class: 1 } }, '3 budget line items, 2 bill payments, 1 class synced'],
    [{ requestsDone: 1234, requestsFailed: 0, byKind: { item: 1234 } }, '1,234 items synced'],
    [{ requestsDone: 3, requestsFailed: 0, byKind: { vendor: 3, bill: 0, check: -2 } }, '3 vendors synced'],
  ])('%j → %s', (input, expected) => {
    expect(summarizeSession(input)).toBe(expected);
  });

  it('treats bad numbers as zero', () => {
    expect(summarizeSession({ requestsDone: Number.NaN, requestsFailed: -1 })).toBe('Nothing to sync');
    expect(summarizeSession({ requestsDone: 2.7, requestsFailed: Number.POSITIVE_INFINITY })).toBe('2 records synced');
  });

  it('stays under the length limit with many or long kinds', () => {
    const byKind = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`recordKindNumber${i}`, i + 1]));
    const done = Object.values(byKind).reduce((a, b) => a + b, 0);
    const line = summarizeSession({ requestsDone: done, requestsFailed: 3, byKind });
    expect(line.length).toBeLessThanOrEqual(MAX_SUMMARY_LENGTH);
    expect(line).toMatch(/^1 record kind number0, 2 record kind number1s?, .*, \d+ more kinds synced; 3 need attention$/);

    const huge = summarizeSession({ requestsDone: 5, requestsFailed: 0, byKind: { ['x'.repeat(5000)]: 5 } });
    expect(huge.length).toBeLessThanOrEqual(MAX_SUMMARY_LENGTH);
  });

  it('keeps control characters out of the status column', () => {
    expect(summarizeSession({ requestsDone: 1, requestsFailed: 0, byKind: { 'bad\nkind\u0000': 1 } })).toBe('1 bad kind synced');
  });
});

describe('pluralize', () => {
  it.each([
    ['vendor', 'vendors'],
    ['bill', 'bills'],
    ['company', 'companies'],
    ['day', 'days'],
    ['tax', 'taxes'],
    ['class', 'classes'],
    ['batch', 'batches'],
    ['status', 'statuses'],
    ['entry', 'entries'],
    ['journal entry', 'journal entries'],
    ['purchase order', 'purchase orders'],
    ['person', 'people'],
    ['bills', 'bills'],
    ['data', 'data'],
  ])('%s → %s', (singular, plural) => {
    expect(pluralize(singular)).toBe(plural);
  });
});

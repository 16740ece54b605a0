import { describe, expect, it } from 'vitest';
import { createQboApiError, type QboErrorCode } from '@connector/qbo';
import { errorCodeForStatus } from '../qbwc/error-code-for-status.ts';
import { isAnsweringQboError, qboErrorAsResponse, qboReadAsResponse, qboRecordAsResponse } from './qbo-outcome-as-response.ts';
import { sideOfAccount } from './render-with-qbo-refs.ts';

const fault = (code: QboErrorCode, status: number | null, faults: Array<{ code: string; message: string; detail?: string }> = []) =>
  createQboApiError({
    status,
    code,
    fault: faults.length ? { type: 'ValidationFault', errors: faults.map((f) => ({ ...f, element: null, detail: f.detail ?? null })) } : null,
    method: 'POST',
    path: 'purchaseorder',
    outcome: status !== null && status < 500 ? 'rejected' : 'unknown',
    intuitTid: '1-abc',
  });

describe('a QuickBooks Online outcome as the QuickBooks Desktop answer it stands for', () => {
  it('a record written: status 0, the Desktop-shaped record and its element, matched to the row by requestID', () => {
    const response = qboRecordAsResponse('VendorAdd', 'row-1', { retElement: 'VendorRet', record: { ListID: '58', EditSequence: '0', Name: 'Acme' } });
    expect(response).toMatchObject({
      rsType: 'VendorAddRs',
      requestType: 'VendorAdd',
      requestId: 'row-1',
      statusCode: 0,
      statusSeverity: 'Info',
      status: { outcome: 'ok' },
      records: [{ ListID: '58', Name: 'Acme' }],
      recordTypes: ['VendorRet'],
    });
  });

  it('a read that found nothing is status 1 (no match), as a Desktop query', () => {
    expect(qboReadAsResponse('VendorQuery', 'row-2', [])).toMatchObject({ statusCode: 1, status: { outcome: 'no-match' }, records: [] });
  });

  // Every Fault code that says what became of the request, with the Desktop code whose rules then apply.
  const cases: Array<[QboErrorCode, number, 'create' | 'update' | 'read', number, string]> = [
    ['QBO_STALE_OBJECT', 400, 'update', 3200, 'QB_CHANGED_IN_QUICKBOOKS'],
    ['QBO_DUPLICATE_NAME', 400, 'create', 3100, 'QB_DUPLICATE_NAME'],
    ['QBO_OBJECT_NOT_FOUND', 400, 'update', 3120, 'QB_NOT_FOUND'],
    ['QBO_OBJECT_NOT_FOUND', 400, 'create', 3140, 'QB_MISSING_REFERENCE'],
    ['QBO_OBJECT_NOT_FOUND', 400, 'read', 1, 'QB_NO_MATCH'],
    ['QBO_FORBIDDEN', 403, 'create', 3260, 'QB_PERMISSION_DENIED'],
    ['QBO_VALIDATION', 400, 'create', 3000, 'QB_VALIDATION'],
    ['QBO_REQUEST_REJECTED', 400, 'create', 3000, 'QB_VALIDATION'],
  ];
  it.each(cases)('%s (HTTP %i) on %s → QuickBooks status %i (%s), Intuit’s raw codes kept in the message', (code, status, operation, desktop, ours) => {
    const error = fault(code, status, [{ code: '6240', message: 'Duplicate Name Exists Error', detail: 'The name supplied already exists.' }]);
    expect(isAnsweringQboError(error)).toBe(true);
    const response = qboErrorAsResponse('VendorAdd', 'row-3', error, operation)!;
    expect(response.statusCode).toBe(desktop);
    expect(response.records).toEqual([]);
    expect(response.statusMessage).toBe(
      `QuickBooks Online HTTP ${status}, 6240 Duplicate Name Exists Error: The name supplied already exists. (intuit_tid 1-abc)`,
    );
    if (desktop >= 1000) expect(errorCodeForStatus(response.status.category)).toBe(ours);
    else expect(response.status.outcome).toBe('no-match');
  });

  it('outcomes that say nothing of the record are not answers: throttled, unavailable, no answer, token refused, unreadable', () => {
    const notAnswers: Array<[QboErrorCode, number | null]> = [
      ['QBO_RATE_LIMITED', 429],
      ['QBO_UNAVAILABLE', 503],
      ['QBO_NETWORK_ERROR', null],
      ['QBO_TIMEOUT', null],
      ['QBO_UNAUTHORIZED', 401],
      ['QBO_NOT_FOUND', 404],
      ['QBO_BAD_RESPONSE', 200],
    ];
    for (const [code, status] of notAnswers) {
      const error = fault(code, status);
      expect(isAnsweringQboError(error), code).toBe(false);
      expect(qboErrorAsResponse('PurchaseOrderAdd', 'row-4', error, 'create'), code).toBeNull();
    }
  });
});

describe('sideOfAccount', () => {
  it('reads AccountType first, then Classification', () => {
    expect(sideOfAccount({ AccountType: 'Income' })).toBe('income');
    expect(sideOfAccount({ AccountType: 'Other Income' })).toBe('income');
    expect(sideOfAccount({ AccountType: 'Cost of Goods Sold' })).toBe('expense');
    expect(sideOfAccount({ AccountType: 'Expense' })).toBe('expense');
    expect(sideOfAccount({ AccountType: 'Other Expense' })).toBe('expense');
    expect(sideOfAccount({ AccountType: 'Bank', Classification: 'Asset' })).toBeNull();
    expect(sideOfAccount({ Classification: 'Revenue' })).toBe('income');
    expect(sideOfAccount({ Classification: 'Expense' })).toBe('expense');
    expect(sideOfAccount({})).toBeNull();
  });
});

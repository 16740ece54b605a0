import { describe, expect, it } from 'vitest';
import { errorCodeFor } from './qbo-api-error.ts';
import { readQboFault } from './read-qbo-fault.ts';

describe('Fault reading', () => {
  it("reads Intuit's envelope (Handling common errors) and the gateway's lower-case one", () => {
    expect(
      readQboFault({ Fault: { Error: [{ Message: 'Stale Object Error', Detail: 'd', code: '5010', element: 'SyncToken' }], type: 'ValidationFault' } }),
    ).toEqual({
      type: 'ValidationFault',
      errors: [{ code: '5010', message: 'Stale Object Error', detail: 'd', element: 'SyncToken' }],
    });
    expect(
      readQboFault({ fault: { error: [{ message: 'AuthenticationFailed', detail: 'Token expired', code: '3200' }], type: 'AUTHENTICATION' } })?.errors[0],
    ).toEqual({
      code: '3200',
      message: 'AuthenticationFailed',
      detail: 'Token expired',
      element: null,
    });
    expect(readQboFault({ QueryResponse: {} })).toBeNull();
    expect(readQboFault('<html>')).toBeNull();
  });

  it('maps status and Fault codes to ours: Fault codes first, 401 always unauthorized', () => {
    const f = (code: string) => ({ type: 'ValidationFault', errors: [{ code, message: '', detail: null, element: null }] });
    const cases: Array<[number, string | null, string]> = [
      [400, '5010', 'QBO_STALE_OBJECT'],
      [400, '6240', 'QBO_DUPLICATE_NAME'],
      [400, '610', 'QBO_OBJECT_NOT_FOUND'],
      [400, '6000', 'QBO_VALIDATION'],
      [401, '3200', 'QBO_UNAUTHORIZED'],
      [403, null, 'QBO_FORBIDDEN'],
      [404, null, 'QBO_NOT_FOUND'],
      [429, null, 'QBO_RATE_LIMITED'],
      [500, null, 'QBO_UNAVAILABLE'],
      [400, null, 'QBO_REQUEST_REJECTED'],
      [409, null, 'QBO_REQUEST_REJECTED'],
    ];
    for (const [status, code, ours] of cases) expect([status, code, errorCodeFor(status, code === null ? null : f(code))]).toEqual([status, code, ours]);
  });
});

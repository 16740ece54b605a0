import { describe, expect, it } from 'vitest';
import { assertRequestId, buildVersionedRequestId, MAX_BATCH_REQUEST_ID_LENGTH } from './request-id.ts';

describe('versioned requestid', () => {
  it('is the same for a resend of a version and different for the next version or another record', () => {
    const v1 = buildVersionedRequestId('company-7/commitment-981', 1);
    expect(buildVersionedRequestId('company-7/commitment-981', 1)).toBe(v1);
    expect(buildVersionedRequestId('company-7/commitment-981', 2)).not.toBe(v1);
    expect(buildVersionedRequestId('company-7/commitment-982', 1)).not.toBe(v1);
  });

  it('fits a batch requestid up to version 99 and passes the checks', () => {
    const id = buildVersionedRequestId('k', 99);
    expect(id.length).toBeLessThanOrEqual(MAX_BATCH_REQUEST_ID_LENGTH);
    expect(() => assertRequestId(id, MAX_BATCH_REQUEST_ID_LENGTH)).not.toThrow();
    expect(() => buildVersionedRequestId('k', 0)).toThrow(RangeError);
    expect(() => assertRequestId('has space')).toThrow(/ASCII/);
  });
});

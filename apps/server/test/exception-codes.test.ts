// One typed list of exception codes (@connector/contract EXCEPTION_CODES): every code the pure rules, the
// job-cost reader and the Procore client can put on a record is in it, with where it comes from and what to do.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { EXCEPTION_CODES, type ExceptionCode } from '@connector/contract';
import type { RefusalCode, RequisitionProblemCode, UnattributedCode } from '@connector/mapping';
import type { ProcoreErrorCode } from '@connector/procore';
import { APP_ERRORS } from '@connector/sync';

describe('the exception code table', () => {
  it('holds every code the mapping rules, the job-cost reader and the Procore client produce', () => {
    expectTypeOf<RefusalCode>().toExtend<ExceptionCode>();
    expectTypeOf<UnattributedCode>().toExtend<ExceptionCode>();
    expectTypeOf<RequisitionProblemCode>().toExtend<ExceptionCode>();
    expectTypeOf<ProcoreErrorCode>().toExtend<ExceptionCode>();
  });

  it('says what to do for each code, and keeps the raw code of the side it comes from', () => {
    for (const [code, info] of Object.entries(EXCEPTION_CODES)) {
      expect(info.action.length, code).toBeGreaterThan(10);
      if ('qbStatusCodes' in info) expect(info.source, code).toBe('quickbooks');
      if ('procoreStatuses' in info) expect(info.source, code).toBe('procore');
      // The prefix says the side the code stands for, so a reader of a row knows where to look.
      if (info.source === 'quickbooks') expect(code).toMatch(/^QB_/);
      if (info.source === 'procore') expect(code).toMatch(/^PROCORE_/);
    }
  });

  it('does not reuse an HTTP API error code with another meaning', () => {
    // PROCORE_UNAVAILABLE / PROCORE_SIGN_IN_REQUIRED / QBXML_INVALID / STORED_VALUE_INVALID are both an API answer and a
    // record's exception: the same meaning.
    const shared = Object.keys(EXCEPTION_CODES).filter((c) => Object.hasOwn(APP_ERRORS, c));
    expect(shared.sort()).toEqual(['PROCORE_REQUEST_FAILED', 'PROCORE_SIGN_IN_REQUIRED', 'PROCORE_UNAVAILABLE', 'QBXML_INVALID', 'STORED_VALUE_INVALID']);
  });
});

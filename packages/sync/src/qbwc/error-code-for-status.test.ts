import { describe, expect, it } from 'vitest';
import { EXCEPTION_CODES, type ExceptionCode } from '@connector/contract';
import { classifyStatus } from '@connector/qbxml';
import { errorCodeForStatus } from './error-code-for-status.ts';

describe('our exception code for a QuickBooks status', () => {
  it('every raw QuickBooks code the exception table names classifies to that same code of ours', () => {
    for (const [code, info] of Object.entries(EXCEPTION_CODES) as Array<[ExceptionCode, { qbStatusCodes?: readonly number[] }]>) {
      for (const raw of info.qbStatusCodes ?? []) expect(errorCodeForStatus(classifyStatus(raw).category), `${raw}`).toBe(code);
    }
  });

  it('any status, known or not, maps to a code of the table', () => {
    for (const raw of [0, 1, 500, 530, 1000, 3000, 3100, 3120, 3140, 3170, 3171, 3175, 3176, 3180, 3200, 3210, 3250, 3260, 3261, 3391, 9001, 99999]) {
      expect(Object.hasOwn(EXCEPTION_CODES, errorCodeForStatus(classifyStatus(raw).category)), `${raw}`).toBe(true);
    }
  });
});

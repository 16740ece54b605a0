import { describe, expect, it } from 'vitest';
import { PREPARE_EXPORT_JOB, WRITE_PROCORE_ORIGIN_JOB } from '../jobs/job-kinds.ts';
import { APPLY_LIST_REFRESH_JOB, PUSH_JOB_COSTS_JOB, PUSH_OWNER_PAYMENTS_JOB } from '../imports/import-jobs.ts';
import { describeFailedJob } from './describe-failed-job.ts';

describe('describeFailedJob', () => {
  // Every job kind the product queues has its own words on the Exceptions screen, not "Background job <kind>".
  it.each([PREPARE_EXPORT_JOB, WRITE_PROCORE_ORIGIN_JOB, PUSH_JOB_COSTS_JOB, APPLY_LIST_REFRESH_JOB, PUSH_OWNER_PAYMENTS_JOB])(
    '%s is described in words',
    (kind) => {
      expect(describeFailedJob(kind, {}, null)).not.toMatch(/^Background job/);
    },
  );

  it('payments received name what they push', () => {
    expect(describeFailedJob(PUSH_OWNER_PAYMENTS_JOB, { companyId: 'x' }, null)).toMatch(/owner invoices into Procore/);
  });

  it('a kind it does not know is named as it is, and a damaged payload is read loosely', () => {
    expect(describeFailedJob('something.new', null, null)).toBe('Background job something.new');
    expect(describeFailedJob('export.write-procore-origin', { recordType: 7, procoreId: ['x'] }, null)).toBe(
      'Write the QuickBooks id back to Procore (origin_id): 7',
    );
  });
});

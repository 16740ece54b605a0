import type { Database } from '@connector/db';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.ts';
import { describeEntries, type AuditRow } from './list-activity.ts';

// No user-id actors in these rows, so describeEntries reads nothing from the database.
const db = {} as Database;
const stored = (fields: Partial<AuditRow>): AuditRow => ({
  id: 'a0000000-0000-4000-8000-000000000001',
  companyId: 'c1',
  at: new Date('2026-12-01T10:00:00Z'),
  actor: 'qbwc',
  action: 'request.done',
  direction: 'to_quickbooks',
  outcome: 'ok',
  subjectType: null,
  subjectId: null,
  detail: null,
  ...fields,
});

describe('describeEntries: the stored direction and outcome are checked where they are read', () => {
  it('passes a row whose direction and outcome are the API lists’ values', async () => {
    const [item] = await describeEntries(db, [stored({ direction: 'from_procore', outcome: 'info' })]);
    expect(item).toMatchObject({ direction: 'from_procore', outcome: 'info' });
  });

  it.each([
    ['direction', { direction: 'sideways' }],
    ['outcome', { outcome: 'maybe' }],
  ] as const)('refuses a stored %s outside the list, naming the row', async (column, fields) => {
    const failure = await describeEntries(db, [stored(fields)]).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'INTERNAL', details: { auditEntryId: 'a0000000-0000-4000-8000-000000000001', column } });
    expect((failure as Error).message).toContain('Audit entry a0000000-0000-4000-8000-000000000001');
  });
});

import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.ts';
import {
  readApplyListRefreshPayload,
  readApplyProcoreChangePayload,
  readFieldDifferences,
  readPrepareExportPayload,
  readReconcileProcorePayload,
  readWriteOriginPayload,
} from './read-stored.ts';

/** The AppError a reader throws for a malformed stored value, or the value it answered. */
function outcome(read: () => unknown): unknown {
  try {
    return read();
  } catch (error) {
    return error;
  }
}

describe('JSON columns and job payloads are checked where they are read', () => {
  it('export_records.field_differences: NULL or the stored differences pass; another shape fails naming the row', () => {
    expect(readFieldDifferences(null, 'commitment 101')).toBeNull();
    const stored = [{ field: 'Memo', ours: 'SC-001', theirs: null, source: 'commitment' }];
    expect(readFieldDifferences(stored, 'commitment 101')).toEqual(stored);
    const failure = outcome(() => readFieldDifferences([{ field: 'Memo', ours: 5 }], 'commitment 101'));
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'STORED_VALUE_INVALID', details: { table: 'export_records', column: 'field_differences', id: 'commitment 101' } });
    expect((failure as Error).message).toContain('export_records.field_differences of row commitment 101');
  });

  it('export.prepare payload: an export id, else the job is named', () => {
    expect(readPrepareExportPayload({ id: 'j1', payload: { exportId: 'e1' } })).toEqual({ exportId: 'e1' });
    expect(outcome(() => readPrepareExportPayload({ id: 'j1', payload: { export: 'e1' } }))).toMatchObject({
      code: 'STORED_VALUE_INVALID',
      details: { table: 'jobs', column: 'payload', id: 'j1' },
    });
  });

  it('write-origin payload: a project or vendor with its ListID and EditSequence, else the job is named', () => {
    const payload = { recordType: 'vendor', procoreId: '42', listId: '80000001-1', editSequence: '171' };
    expect(readWriteOriginPayload({ id: 'j2', payload })).toEqual(payload);
    expect(outcome(() => readWriteOriginPayload({ id: 'j2', payload: { ...payload, recordType: 'commitment' } }))).toMatchObject({
      code: 'STORED_VALUE_INVALID',
      details: { id: 'j2' },
    });
    expect(outcome(() => readWriteOriginPayload({ id: 'j2', payload: { ...payload, listId: undefined } }))).toMatchObject({
      code: 'STORED_VALUE_INVALID',
      details: { id: 'j2' },
    });
  });

  it('apply-list-refresh payload: a list kind (job costs has its own job), else the job is named', () => {
    expect(readApplyListRefreshPayload({ id: 'j3', payload: { kind: 'vendors' } })).toEqual({ kind: 'vendors' });
    expect(outcome(() => readApplyListRefreshPayload({ id: 'j3', payload: { kind: 'job_costs' } }))).toMatchObject({
      code: 'STORED_VALUE_INVALID',
      details: { id: 'j3' },
    });
    expect(outcome(() => readApplyListRefreshPayload({ id: 'j3', payload: null }))).toMatchObject({ code: 'STORED_VALUE_INVALID', details: { id: 'j3' } });
  });

  it('procore.reconcile payload: optional full and actor, else the job is named', () => {
    expect(readReconcileProcorePayload({ id: 'j4', payload: { full: false, actor: 'schedule' } })).toEqual({ full: false, actor: 'schedule' });
    expect(readReconcileProcorePayload({ id: 'j4', payload: {} })).toEqual({});
    expect(outcome(() => readReconcileProcorePayload({ id: 'j4', payload: { full: 'yes' } }))).toMatchObject({
      code: 'STORED_VALUE_INVALID',
      details: { id: 'j4' },
    });
  });

  it('procore.apply-change payload: a kept resource type and a webhook event, else the job is named', () => {
    const payload = { resourceType: 'purchase_order_contract', resourceId: '77', projectId: '280001', eventType: 'update', ulid: '01HZX' };
    expect(readApplyProcoreChangePayload({ id: 'j5', payload })).toEqual(payload);
    expect(readApplyProcoreChangePayload({ id: 'j5', payload: { ...payload, projectId: null } })).toMatchObject({ projectId: null });
    expect(outcome(() => readApplyProcoreChangePayload({ id: 'j5', payload: { ...payload, resourceType: 'rfi' } }))).toMatchObject({
      code: 'STORED_VALUE_INVALID',
      details: { id: 'j5' },
    });
    expect(outcome(() => readApplyProcoreChangePayload({ id: 'j5', payload: { ...payload, eventType: 'moved' } }))).toMatchObject({
      code: 'STORED_VALUE_INVALID',
      details: { id: 'j5' },
    });
  });
});

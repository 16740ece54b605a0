import {
  ApplyListRefreshJobPayload,
  applyProcoreChangeJobPayload,
  checkStored,
  PrepareExportJobPayload,
  ReconcileProcoreJobPayload,
  StoredFieldDifferences,
  WriteOriginJobPayload,
  type FieldDifference,
  type RefreshKind,
} from '@connector/contract';
import { AppError } from '../errors/app-error.ts';
import { SYNCED_RESOURCES, WEBHOOK_EVENT_TYPES, type ProcoreResourceType } from '../procore/procore-resources.ts';

/** Which stored value: its table, column and row id (the error names them, so the row can be found and mended). */
export interface StoredAt {
  table: string;
  column: string;
  id: string;
}

function refuse(at: StoredAt, problem: string): never {
  throw new AppError('STORED_VALUE_INVALID', `${at.table}.${at.column} of row ${at.id} is not in the shape the connector writes (${problem}).`, {
    ...at,
    problem,
  });
}

/** export_records.field_differences: SQL NULL (no 3200) or the differences the 3200 reader stored. */
export function readFieldDifferences(value: unknown, id: string): FieldDifference[] | null {
  if (value === null || value === undefined) return null;
  const checked = checkStored(StoredFieldDifferences, value);
  return checked.ok ? checked.value : refuse({ table: 'export_records', column: 'field_differences', id }, checked.problem);
}

type JobRow = { id: string; payload: unknown };

/** export.prepare's payload. */
export function readPrepareExportPayload(job: JobRow): { exportId: string } {
  const checked = checkStored(PrepareExportJobPayload, job.payload);
  return checked.ok ? checked.value : refuse({ table: 'jobs', column: 'payload', id: job.id }, checked.problem);
}

/** The payload of the job writing a QuickBooks ListID back to Procore. */
export function readWriteOriginPayload(job: JobRow): { recordType: 'project' | 'vendor'; procoreId: string; listId: string; editSequence: string } {
  const checked = checkStored(WriteOriginJobPayload, job.payload);
  return checked.ok ? checked.value : refuse({ table: 'jobs', column: 'payload', id: job.id }, checked.problem);
}

/** imports.apply-list-refresh's payload. */
export function readApplyListRefreshPayload(job: JobRow): { kind: Exclude<RefreshKind, 'job_costs'> } {
  const checked = checkStored(ApplyListRefreshJobPayload, job.payload);
  return checked.ok ? checked.value : refuse({ table: 'jobs', column: 'payload', id: job.id }, checked.problem);
}

/** procore.reconcile's payload. */
export function readReconcileProcorePayload(job: JobRow): { full?: boolean; actor?: string } {
  const checked = checkStored(ReconcileProcoreJobPayload, job.payload);
  return checked.ok ? checked.value : refuse({ table: 'jobs', column: 'payload', id: job.id }, checked.problem);
}

const APPLY_PROCORE_CHANGE_PAYLOAD = applyProcoreChangeJobPayload(
  SYNCED_RESOURCES.map((r) => r.resourceType),
  WEBHOOK_EVENT_TYPES,
);

/** procore.apply-change's payload (one webhook delivery). */
export function readApplyProcoreChangePayload(job: JobRow): {
  resourceType: ProcoreResourceType;
  resourceId: string;
  projectId: string | null;
  eventType: (typeof WEBHOOK_EVENT_TYPES)[number];
  ulid: string;
} {
  const checked = checkStored(APPLY_PROCORE_CHANGE_PAYLOAD, job.payload);
  return checked.ok ? checked.value : refuse({ table: 'jobs', column: 'payload', id: job.id }, checked.problem);
}

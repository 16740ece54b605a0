import {
  ApplyListRefreshJobPayload,
  applyProcoreChangeJobPayload,
  checkStored,
  PrepareExportJobPayload,
  ReconcileProcoreJobPayload,
  SendDailySummaryJobPayload,
  StoredCompanySettings,
  StoredExportOptions,
  StoredExportSourceEnvelope,
  STORED_EXPORT_SOURCE_RECORDS,
  StoredFieldDifferences,
  StoredIntentPush,
  StoredProcoreCommitmentChangeOrder,
  StoredProcoreProject,
  StoredProcoreRecordData,
  StoredProcoreStandardCostCode,
  StoredProcoreVendor,
  StoredPreviewFields,
  StoredQbBillPaymentData,
  StoredQbCostTxnData,
  StoredQbListEntry,
  StoredQbTxnCurrency,
  StoredQbxmlRequestEnvelope,
  StoredRequestResult,
  StoredTxnLineLinks,
  WriteOriginJobPayload,
  type CompanySettingsValues,
  type FieldDifference,
  type RefreshKind,
} from '@connector/contract';
import type { ExportRecord, PreviewField, QbListEntry, QbTxnCurrency, QbTxnLineLink } from '@connector/mapping';
import type { CommitmentChangeOrder, Project, StandardCostCode, Vendor } from '@connector/procore';
import { assertValidRequest, type QbRecord, type QbxmlRequest } from '@connector/qbxml';
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

/** The daily summary job's payload: the day it mails. */
export function readSendDailySummaryPayload(job: JobRow): { day: string } {
  const checked = checkStored(SendDailySummaryJobPayload, job.payload);
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

/**
 * queued_requests.payload: the qbXML request as enqueue-request.ts stored it (checked by the builder then too). The
 * envelope is a schema; the rest is packages/qbxml's builder in check mode, which reads every field as it will write
 * it — so a payload that would crash the builder (a list that is not a list) or carry a value it refuses is named here,
 * and the Web Connector path fails that one request instead of throwing on every poll.
 */
export function readQueuedRequestPayload(row: { id: string; payload: unknown }): QbxmlRequest {
  const at = { table: 'queued_requests', column: 'payload', id: row.id };
  const checked = checkStored(StoredQbxmlRequestEnvelope, row.payload);
  if (!checked.ok) refuse(at, checked.problem);
  const request = row.payload as QbxmlRequest;
  try {
    assertValidRequest(request);
  } catch (error) {
    refuse(at, error instanceof Error ? error.message : String(error));
  }
  return request;
}

/** What queued_requests.result holds (StoredRequestResult): the phase of a 3100 look-up, the record(s) QuickBooks returned. */
export interface StoredRequestResultValue {
  phase?: 'lookup-existing';
  matchedExisting?: boolean;
  record?: QbRecord | null;
  recordCount?: number;
  records?: QbRecord[];
}

/** queued_requests.result: SQL NULL (not answered yet) or what apply-request-response.ts stored. */
export function readRequestResult(row: { id: string; result: unknown }): StoredRequestResultValue | null {
  if (row.result === null || row.result === undefined) return null;
  const checked = checkStored(StoredRequestResult, row.result);
  return checked.ok ? (checked.value as StoredRequestResultValue) : refuse({ table: 'queued_requests', column: 'result', id: row.id }, checked.problem);
}

/** company_settings.values (the row is keyed by company): the saved settings; the caller fills in defaults. */
export function readCompanySettings(values: unknown, companyId: string): Partial<CompanySettingsValues> {
  const checked = checkStored(StoredCompanySettings, values);
  return checked.ok ? checked.value : refuse({ table: 'company_settings', column: 'values', id: companyId }, checked.problem);
}

/** record_links.lines: SQL NULL (a list link) or every line of the transaction. One check covers the whole array. */
export function readTxnLineLinks(value: unknown, id: string): QbTxnLineLink[] | null {
  if (value === null || value === undefined) return null;
  const checked = checkStored(StoredTxnLineLinks, value);
  return checked.ok ? checked.value : refuse({ table: 'record_links', column: 'lines', id }, checked.problem);
}

/** procore_records.data: Procore's own record (an object with its numeric id); its other fields are read as Procore names them. */
export function readProcoreRecordData(row: { id: string; data: unknown }): Record<string, unknown> & { id: number } {
  const checked = checkStored(StoredProcoreRecordData, row.data);
  return checked.ok
    ? (checked.value as Record<string, unknown> & { id: number })
    : refuse({ table: 'procore_records', column: 'data', id: row.id }, checked.problem);
}

/**
 * procore_records.data of a vendor, project or standard cost code, exported as our copy holds it (listSource): every
 * field the mappers read is checked, so a damaged copy fails its export naming the row instead of reaching QuickBooks.
 */
export function readProcoreListRecord(recordType: 'vendor', row: { id: string; data: unknown }): Vendor;
export function readProcoreListRecord(recordType: 'project', row: { id: string; data: unknown }): Project;
export function readProcoreListRecord(recordType: 'cost_code', row: { id: string; data: unknown }): StandardCostCode;
export function readProcoreListRecord(recordType: 'vendor' | 'project' | 'cost_code', row: { id: string; data: unknown }): Vendor | Project | StandardCostCode;
export function readProcoreListRecord(recordType: 'vendor' | 'project' | 'cost_code', row: { id: string; data: unknown }): Vendor | Project | StandardCostCode {
  const schema = recordType === 'vendor' ? StoredProcoreVendor : recordType === 'project' ? StoredProcoreProject : StoredProcoreStandardCostCode;
  const checked = checkStored(schema, row.data);
  return checked.ok ? checked.value : refuse({ table: 'procore_records', column: 'data', id: row.id }, checked.problem);
}

// The stored schemas and packages/procore's types must stay one: a field added to one and not the other fails tsc here.
type Same<A, B> = [A, B] extends [B, A] ? true : never;
const sameVendor: Same<StoredProcoreVendor, Vendor> = true;
const sameProject: Same<StoredProcoreProject, Project> = true;
const sameCostCode: Same<StoredProcoreStandardCostCode, StandardCostCode> = true;
const sameListEntry: Same<StoredQbListEntry, QbListEntry> = true;
const sameTxnCurrency: Same<StoredQbTxnCurrency, QbTxnCurrency> = true;
void [sameVendor, sameProject, sameCostCode, sameListEntry, sameTxnCurrency];

/** export_records.options: SQL NULL reads as no options; otherwise the choices and bookkeeping the pipeline wrote. */
export function readExportOptions(row: { id: string; options: unknown }): StoredExportOptions {
  if (row.options === null || row.options === undefined) return {};
  const checked = checkStored(StoredExportOptions, row.options);
  return checked.ok ? checked.value : refuse({ table: 'export_records', column: 'options', id: row.id }, checked.problem);
}

/** A reader's refusal (STORED_VALUE_INVALID), for the callers that fail or skip the one thing a damaged row belongs to. */
export function isStoredValueInvalid(error: unknown): error is AppError {
  return error instanceof AppError && error.code === 'STORED_VALUE_INVALID';
}

/** The reader's value, or null when the row is damaged: for lists, where one damaged row must not hide the others. */
export function readOrNull<T>(read: () => T): T | null {
  try {
    return read();
  } catch (error) {
    if (isStoredValueInvalid(error)) return null;
    throw error;
  }
}

/**
 * procore_create_intents.push: what an open intent will record once Procore is found to have the record. A damaged row
 * fails the push job naming it; the intent stays open, so nothing is created twice while it is mended.
 */
export function readIntentPush(row: { id: string; push: unknown }): { contentHash: string; amountCents: number; detail: Record<string, unknown> | null } {
  const checked = checkStored(StoredIntentPush, row.push);
  return checked.ok ? checked.value : refuse({ table: 'procore_create_intents', column: 'push', id: row.id }, checked.problem);
}

/** What export_records.source holds (packages/sync exports/read-export-source.ts `ExportSource`). */
export interface StoredExportSourceValue {
  record: ExportRecord;
  costCodeMap?: Record<string, number | null>;
}

/**
 * export_records.source: SQL NULL (not read from Procore yet) or the record the export sends. The envelope first, then
 * the schema of its record type, so the refusal names the field (`/record/commitment/id`), not a failed union.
 */
export function readStoredExportSource(row: { id: string; source: unknown }): StoredExportSourceValue | null {
  if (row.source === null || row.source === undefined) return null;
  const at = { table: 'export_records', column: 'source', id: row.id };
  const envelope = checkStored(StoredExportSourceEnvelope, row.source);
  if (!envelope.ok) refuse(at, envelope.problem);
  const record = checkStored(STORED_EXPORT_SOURCE_RECORDS[envelope.value.record.type], (row.source as { record: unknown }).record);
  if (!record.ok) refuse(at, `/record${record.problem}`);
  // Checked as far as the schemas go; the rest of a transaction is Procore's answer as read at prepare.
  return row.source as StoredExportSourceValue;
}

/**
 * qb_list_entries.data: the QuickBooks list entry the import stored (a customer, job, vendor, item, account or class).
 * The table's key is (company, list type, ListID): the refusal names the row as `<list type> <ListID>`.
 */
export function readStoredQbListEntry(row: { listType: string; listId: string; data: unknown }): QbListEntry {
  const checked = checkStored(StoredQbListEntry, row.data);
  return checked.ok ? checked.value : refuse({ table: 'qb_list_entries', column: 'data', id: `${row.listType} ${row.listId}` }, checked.problem);
}

/** export_records.preview: SQL NULL (not previewed) or the fields the preview showed. */
export function readPreviewFields(row: { id: string; preview: unknown }): PreviewField[] | null {
  if (row.preview === null || row.preview === undefined) return null;
  const checked = checkStored(StoredPreviewFields, row.preview);
  return checked.ok ? checked.value : refuse({ table: 'export_records', column: 'preview', id: row.id }, checked.problem);
}

/** What qb_transactions.data holds of a bill, check or credit card charge (StoredQbCostTxnData), defaults filled in. */
export interface StoredQbCostTxnValue {
  payeeName: string | null;
  memo: string | null;
  headerAmountCents: number | null;
  linkedPurchaseOrderTxnIds: string[];
  currency: QbTxnCurrency | null;
}
/** What qb_transactions.data holds of a bill payment (StoredQbBillPaymentData), defaults filled in. */
export interface StoredQbBillPaymentValue {
  payeeName: string | null;
  applied: Array<{ billTxnId: string; amountCents: number }>;
  currency: QbTxnCurrency | null;
}

/**
 * qb_transactions.data of a BillPaymentCheck: the bills it pays. The table's key is (company, TxnType, TxnID): the
 * refusal names the row as `<TxnType> <TxnID>`.
 */
export function readQbBillPaymentData(row: { txnType: string; txnId: string; data: unknown }): StoredQbBillPaymentValue {
  const checked = checkStored(StoredQbBillPaymentData, row.data);
  if (!checked.ok) refuse({ table: 'qb_transactions', column: 'data', id: `${row.txnType} ${row.txnId}` }, checked.problem);
  return { payeeName: checked.value.payeeName ?? null, applied: checked.value.applied ?? [], currency: checked.value.currency ?? null };
}

/** qb_transactions.data of a bill, check or credit card charge (named like readQbBillPaymentData's rows). */
export function readQbCostTxnData(row: { txnType: string; txnId: string; data: unknown }): StoredQbCostTxnValue {
  const checked = checkStored(StoredQbCostTxnData, row.data);
  if (!checked.ok) refuse({ table: 'qb_transactions', column: 'data', id: `${row.txnType} ${row.txnId}` }, checked.problem);
  const v = checked.value;
  return {
    payeeName: v.payeeName ?? null,
    memo: v.memo ?? null,
    headerAmountCents: v.headerAmountCents ?? null,
    linkedPurchaseOrderTxnIds: v.linkedPurchaseOrderTxnIds ?? [],
    currency: v.currency ?? null,
  };
}

/**
 * procore_records.data of a commitment change order: the fields Update Job Costs reads (status, commitment, line items
 * with amount, cost code and commitment line). The rest of Procore's record is passed on as stored.
 */
export function readProcoreChangeOrder(row: { id: string; data: unknown }): CommitmentChangeOrder {
  const checked = checkStored(StoredProcoreCommitmentChangeOrder, row.data);
  return checked.ok ? (row.data as CommitmentChangeOrder) : refuse({ table: 'procore_records', column: 'data', id: row.id }, checked.problem);
}

/**
 * Display only: a stored JSON object's fields, or none when the value is not an object (damaged). For titles, names and
 * labels, where one damaged row must show as its id rather than fail a whole list; callers still check each field's type
 * (displayText).
 */
export function displayFields(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Display only: a text field of a stored object, or null when it is absent, not text, or the value is not an object. */
export function displayText(value: unknown, field: string): string | null {
  const v = displayFields(value)[field];
  return typeof v === 'string' ? v : null;
}

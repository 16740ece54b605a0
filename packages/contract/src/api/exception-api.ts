import { Type, type Static } from 'typebox';
import { CompanyParams, ErrorBody, nullable, NullableInteger, NullableString, PAGE_PROPERTIES, stringEnum } from './common-schemas.ts';
import { FieldDifference } from './export-api.ts';

/**
 * Which way a record was going: an export to QuickBooks, or a QuickBooks transaction on its way to Procore; or
 * `background`: a background job that failed for good (a webhook applied, a reconciliation, a refresh applied, a
 * write-back to Procore, the daily summary…), the job's own dead letter (issue 20).
 */
export const EXCEPTION_DIRECTIONS = ['to_quickbooks', 'to_procore', 'background'] as const;
export type ExceptionDirection = (typeof EXCEPTION_DIRECTIONS)[number];
/**
 * What a person can do about a row: retry / dismiss / keep_quickbooks / resend_ours for an export (the export routes);
 * retry for an import (POST /imports/failures/retry).
 */
export const EXCEPTION_ACTIONS = ['retry', 'dismiss', 'keep_quickbooks', 'resend_ours'] as const;
export type ExceptionAction = (typeof EXCEPTION_ACTIONS)[number];

/**
 * A failed background job's own facts (direction `background`): which job, its kind, the attempts it had, and
 * Procore's raw answer beside our code (procoreStatus, Procore's code and message) when Procore refused it.
 */
export const FailedJobBody = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  attempts: Type.Integer(),
  maxAttempts: Type.Integer(),
  procoreStatus: NullableInteger,
  procoreCode: NullableString,
  procoreMessage: NullableString,
});
export type FailedJobBody = Static<typeof FailedJobBody>;

/** One row of the Exceptions screen, whichever way the record was going. */
export const ExceptionItemBody = Type.Object({
  direction: stringEnum(EXCEPTION_DIRECTIONS),
  /** Unique in the list: `export:<recordType>:<procoreId>` or `import:<txnType>:<txnId>`. */
  key: Type.String(),
  recordType: Type.String(),
  recordId: Type.String(),
  title: Type.String(),
  procoreProjectId: NullableString,
  amountCents: NullableInteger,
  /** Our code (exception-codes.ts) and the sentence about this record; what to do about it. */
  code: NullableString,
  reason: NullableString,
  todo: NullableString,
  qbStatusCode: NullableInteger,
  qbStatusMessage: NullableString,
  /** 3200: field by field, ours vs QuickBooks' (as stored). */
  fieldDifferences: nullable(Type.Array(FieldDifference)),
  keepQuickbooksWarning: NullableString,
  actions: Type.Array(stringEnum(EXCEPTION_ACTIONS)),
  /** It waits for another record and leaves the list by itself once that syncs. */
  waitsForAnother: Type.Boolean(),
  updatedAt: Type.String(),
  /** Direction `background` only: the failed job (retry / dismiss: POST …/exceptions/jobs/:jobId/retry | dismiss). */
  job: Type.Optional(FailedJobBody),
});
export type ExceptionItemBody = Static<typeof ExceptionItemBody>;

export const ExceptionListBody = Type.Object({
  total: Type.Integer(),
  counts: Type.Object({ to_quickbooks: Type.Integer(), to_procore: Type.Integer(), background: Type.Integer() }),
  items: Type.Array(ExceptionItemBody),
});
export type ExceptionListBody = Static<typeof ExceptionListBody>;

export const FailedJobParams = Type.Object({ companyId: Type.String({ format: 'uuid' }), jobId: Type.String({ format: 'uuid' }) });
export type FailedJobParams = Static<typeof FailedJobParams>;

/**
 * What a retry or dismissal of a failed job did. `queued`: a new job with a fresh attempt count (`jobId`; a queued job
 * with the same dedupe key is that job); `already_retried` / `already_dismissed`: a second click, nothing more done.
 */
export const FAILED_JOB_OUTCOMES = ['queued', 'already_retried', 'dismissed', 'already_dismissed'] as const;
export const FailedJobActionBody = Type.Object({ outcome: stringEnum(FAILED_JOB_OUTCOMES), jobId: NullableString });
export type FailedJobActionBody = Static<typeof FailedJobActionBody>;

export const exceptionApi = {
  /** GET …/exceptions[?direction=] — failed exports and QuickBooks transactions not brought into Procore, one list. */
  list: {
    params: CompanyParams,
    querystring: Type.Object({ ...PAGE_PROPERTIES, direction: Type.Optional(stringEnum(EXCEPTION_DIRECTIONS)) }, { additionalProperties: false }),
    response: { 200: ExceptionListBody, 404: ErrorBody },
  },
  /** POST …/exceptions/jobs/:jobId/retry — a failed background job queued again with a fresh attempt count (audited). */
  retryJob: { params: FailedJobParams, response: { 200: FailedJobActionBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
  /** POST …/exceptions/jobs/:jobId/dismiss — a failed background job leaves the list, left undone (audited). */
  dismissJob: { params: FailedJobParams, response: { 200: FailedJobActionBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
} as const;

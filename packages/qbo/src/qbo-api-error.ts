// A failed QuickBooks Online call as a typed value: our code (stable, for the exception queue and the UI),
// Intuit's raw Fault codes and texts kept beside it, and a sentence a person can act on.
//
// The Fault codes we give a name to ("Handling common errors", developer.intuit.com … /handling_common_errors;
// "Top QuickBooks Online API Errors and How to Handle Them", developer.intuit.com/hub/blog/2017/06/08):
//   5010 Stale Object Error — the SyncToken we sent is not the current one (someone else saved the record):
//        StaleObjectError; re-read, diff, never clobber.
//   6240 Duplicate Name Exists Error — a name list record (customer, vendor, employee, …) already uses the name.
//   610  Object Not Found — the record, or one it refers to, was deleted or made inactive.
//   6140 Duplicate Doc Num.
// QuickBooks Online's 3200 is NOT Desktop's 3200: in QBO it is the gateway's "AuthenticationFailed" on a 401
// (a token problem), while in qbXML 3200 is the stale EditSequence (what QBO calls 5010). Only the HTTP
// status and 5010 mean "stale" here.
//
// `outcome` tells the caller whether Intuit certainly did not apply the request ('rejected': a 4xx, a 429)
// or might have ('unknown': timeout, network error, 5xx). A write that ends 'unknown' can be sent again
// with the same requestid: Intuit answers a reused requestid with the first answer (see request-id.ts).

import type { QboFault, QboFaultError } from './read-qbo-fault.ts';

export type QboErrorCode =
  | 'QBO_STALE_OBJECT'
  | 'QBO_DUPLICATE_NAME'
  | 'QBO_OBJECT_NOT_FOUND'
  | 'QBO_VALIDATION'
  | 'QBO_UNAUTHORIZED'
  | 'QBO_FORBIDDEN'
  | 'QBO_NOT_FOUND'
  | 'QBO_RATE_LIMITED'
  | 'QBO_REQUEST_REJECTED'
  | 'QBO_UNAVAILABLE'
  | 'QBO_NETWORK_ERROR'
  | 'QBO_TIMEOUT'
  | 'QBO_BAD_RESPONSE';

export type QboOutcome = 'rejected' | 'unknown';

export const QBO_FAULT_CODES = Object.freeze({
  STALE_OBJECT: '5010',
  DUPLICATE_NAME: '6240',
  OBJECT_NOT_FOUND: '610',
  DUPLICATE_DOC_NUM: '6140',
  /** 401 from Intuit's gateway (token refused). Not Desktop's stale-edit-sequence 3200. */
  AUTHENTICATION_FAILED: '3200',
});

export const QBO_ERROR_EXPLANATIONS: Readonly<Record<QboErrorCode, string>> = Object.freeze({
  QBO_STALE_OBJECT: 'someone else changed this record in QuickBooks Online since we read it: read it again and compare before saving',
  QBO_DUPLICATE_NAME: 'QuickBooks Online already has a customer, vendor, employee or other name-list record with this name',
  QBO_OBJECT_NOT_FOUND: 'the record, or a record it refers to, was deleted or made inactive in QuickBooks Online',
  QBO_VALIDATION: 'QuickBooks Online refused the change',
  QBO_UNAUTHORIZED: 'the QuickBooks Online connection was refused: connect QuickBooks Online again',
  QBO_FORBIDDEN: 'the connected QuickBooks Online user or subscription may not do this',
  QBO_NOT_FOUND: 'QuickBooks Online does not know this address',
  QBO_RATE_LIMITED: 'QuickBooks Online asked us to slow down (throttle): try again shortly',
  QBO_REQUEST_REJECTED: 'QuickBooks Online refused the request',
  QBO_UNAVAILABLE: 'QuickBooks Online is unavailable right now: try again later',
  QBO_NETWORK_ERROR: 'QuickBooks Online could not be reached (network error)',
  QBO_TIMEOUT: 'QuickBooks Online did not answer in time',
  QBO_BAD_RESPONSE: 'QuickBooks Online answered something the connector cannot read',
});

/** Our code for a failed answer: Fault codes first (they say more than the status), then the status. */
export function errorCodeFor(status: number, fault: QboFault | null): QboErrorCode {
  const codes = new Set((fault?.errors ?? []).map((e) => e.code));
  if (status === 401) return 'QBO_UNAUTHORIZED';
  if (codes.has(QBO_FAULT_CODES.STALE_OBJECT)) return 'QBO_STALE_OBJECT';
  if (codes.has(QBO_FAULT_CODES.DUPLICATE_NAME)) return 'QBO_DUPLICATE_NAME';
  if (codes.has(QBO_FAULT_CODES.OBJECT_NOT_FOUND)) return 'QBO_OBJECT_NOT_FOUND';
  if (status === 429) return 'QBO_RATE_LIMITED';
  if (status === 403) return 'QBO_FORBIDDEN';
  if (status >= 500) return 'QBO_UNAVAILABLE';
  if (status === 404) return 'QBO_NOT_FOUND';
  if (status === 400 && fault !== null) return 'QBO_VALIDATION';
  return 'QBO_REQUEST_REJECTED';
}

export interface QboApiErrorFields {
  status: number | null;
  code: QboErrorCode;
  fault: QboFault | null;
  method: string;
  /** Path with the realm id and query names only (no query values: they may carry names). */
  path: string;
  outcome: QboOutcome;
  retryAfterMs?: number | undefined;
  attempts?: number;
  explanation?: string;
  /** The intuit_tid response header: Intuit support finds the request by it ("Report an Error to Intuit",
   * developer.intuit.com …/sdks-and-samples-collections/php/exception-handling). */
  intuitTid?: string | null;
}

export class QboApiError extends Error {
  override name = 'QboApiError';
  /** HTTP status; null when no answer arrived (network error, timeout). */
  readonly status: number | null;
  readonly code: QboErrorCode;
  /** Intuit's Fault.type, when given. */
  readonly faultType: string | null;
  /** Intuit's Fault.Error[], raw codes and texts. */
  readonly faults: QboFaultError[];
  readonly explanation: string;
  readonly method: string;
  readonly path: string;
  readonly outcome: QboOutcome;
  readonly retryAfterMs: number | undefined;
  readonly attempts: number;
  /** Intuit's transaction id of the answer (intuit_tid header), for a support ticket; null when absent. */
  readonly intuitTid: string | null;

  constructor(fields: QboApiErrorFields, options?: { cause?: unknown }) {
    const explanation = fields.explanation ?? QBO_ERROR_EXPLANATIONS[fields.code];
    const faults = fields.fault?.errors ?? [];
    const statusText = fields.status === null ? 'no answer' : `HTTP ${fields.status}`;
    const intuitText = faults.length > 0 ? ` — Intuit: ${faults.map((f) => `${f.code} ${f.message}${f.detail ? `: ${f.detail}` : ''}`).join('; ')}` : '';
    super(`${fields.code}: ${fields.method} ${fields.path} → ${statusText}: ${explanation}${intuitText}`, options);
    this.status = fields.status;
    this.code = fields.code;
    this.faultType = fields.fault?.type ?? null;
    this.faults = faults;
    this.explanation = explanation;
    this.method = fields.method;
    this.path = fields.path;
    this.outcome = fields.outcome;
    this.retryAfterMs = fields.retryAfterMs;
    this.attempts = fields.attempts ?? 1;
    this.intuitTid = fields.intuitTid ?? null;
  }

  /** True when Intuit's Fault carries this code (e.g. '6140'). */
  hasFaultCode(code: string): boolean {
    return this.faults.some((f) => f.code === code);
  }
}

/** 5010: the SyncToken sent was not the record's current one. The caller re-reads, diffs, and never clobbers. */
export class StaleObjectError extends QboApiError {
  override name = 'StaleObjectError';
}

/** Builds the right class for the code. */
export function createQboApiError(fields: QboApiErrorFields, options?: { cause?: unknown }): QboApiError {
  return fields.code === 'QBO_STALE_OBJECT' ? new StaleObjectError(fields, options) : new QboApiError(fields, options);
}

export function isStaleObject(error: unknown): error is StaleObjectError {
  return error instanceof StaleObjectError;
}

export function isDuplicateName(error: unknown): boolean {
  return error instanceof QboApiError && error.code === 'QBO_DUPLICATE_NAME';
}

export function isObjectNotFound(error: unknown): boolean {
  return error instanceof QboApiError && error.code === 'QBO_OBJECT_NOT_FOUND';
}

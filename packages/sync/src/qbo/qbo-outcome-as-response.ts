// A QuickBooks Online call's outcome → the qbXML response a Desktop company would have given for the same request
// (issue 22: the accounting-backend seam). What follows an answer — the row's state, the exception queue, the 3100
// look-up, the 3200 read-back and diff, links — is decided once, on the Desktop shape, by applyRequestResponse and
// settle-export.ts; QuickBooks Online's outcomes are re-spelled into that shape here, as readQboAnswer re-spells its
// records. Intuit's raw Fault codes and texts stay in the status message, beside the Desktop code they stand for.
//
// Fault → Desktop status (Intuit, "Handling common errors"; qbXML status codes, docs/qbxml.md#status-codes):
//   5010 Stale Object          → 3200 the EditSequence is stale (the same rule: re-read, diff, never clobber)
//   6240 Duplicate Name Exists → 3100 the name is in use (the same rule: look the existing record up and match it)
//   610  Object Not Found      → 3120 on an update (the record itself is gone), 3140 on a create (a record it refers to)
//   403                        → 3260 not permitted
//   other 4xx with a Fault     → 3000 refused as invalid (6140 duplicate doc number, validation faults)
// A read that finds nothing is status 1 (no match), as a Desktop query by ListID/TxnID/name answers.
// Outcomes that say nothing about the record — 429, 5xx, no answer, a token refused — are not answers: the caller
// keeps the request in flight and sends it again with the same requestid (Intuit replays a reused requestid's first
// answer, so a write that did land is not made twice: packages/qbo request-id.ts).
import type { DesktopShapedAnswer } from '@connector/mapping';
import type { QboApiError, QboErrorCode } from '@connector/qbo';
import { classifyStatus } from '@connector/qbxml';
import type { ReceivedResponse } from '../qbwc/prepare-received-response.ts';

/** QBO error codes that say what became of the request (the others are retried with the same requestid). */
const ANSWERING: Partial<Record<QboErrorCode, (operation: 'create' | 'update' | 'read') => number>> = {
  QBO_STALE_OBJECT: () => 3200,
  QBO_DUPLICATE_NAME: () => 3100,
  QBO_OBJECT_NOT_FOUND: (operation) => (operation === 'read' ? 1 : operation === 'update' ? 3120 : 3140),
  QBO_FORBIDDEN: () => 3260,
  QBO_VALIDATION: () => 3000,
  QBO_REQUEST_REJECTED: () => 3000,
};

/** Whether this failure is an answer about the request (true) or a reason to send it again later (false). */
export function isAnsweringQboError(error: Pick<QboApiError, 'code'>): boolean {
  return ANSWERING[error.code] !== undefined;
}

function response(requestType: string, rowId: string, statusCode: number, statusMessage: string, found: DesktopShapedAnswer[]): ReceivedResponse {
  const status = classifyStatus(statusCode);
  const statusSeverity = status.outcome === 'error' ? 'Error' : status.outcome === 'warning' ? 'Warning' : 'Info';
  return {
    rsType: `${requestType}Rs`,
    requestType,
    requestId: rowId,
    statusCode,
    statusSeverity,
    statusMessage,
    status,
    records: found.map((f) => f.record),
    recordTypes: found.map((f) => f.retElement),
  };
}

/** QuickBooks Online wrote (or found) the record: status 0 with the Desktop-shaped record. */
export function qboRecordAsResponse(requestType: string, rowId: string, answer: DesktopShapedAnswer): ReceivedResponse {
  return response(requestType, rowId, 0, 'Status OK (QuickBooks Online)', [answer]);
}

/** A read found these records (none: status 1, as a Desktop query that matched nothing). */
export function qboReadAsResponse(requestType: string, rowId: string, found: DesktopShapedAnswer[]): ReceivedResponse {
  if (found.length === 0) return response(requestType, rowId, 1, 'QuickBooks Online has no record matching the request.', []);
  return response(requestType, rowId, 0, 'Status OK (QuickBooks Online)', found);
}

/**
 * A failed call as the Desktop answer it stands for, or null when it is no answer (throttled, unavailable, no answer,
 * token refused): the request is sent again later with the same requestid.
 */
export function qboErrorAsResponse(requestType: string, rowId: string, error: QboApiError, operation: 'create' | 'update' | 'read'): ReceivedResponse | null {
  const code = ANSWERING[error.code]?.(operation);
  if (code === undefined) return null;
  const intuit = error.faults.map((f) => `${f.code} ${f.message}${f.detail ? `: ${f.detail}` : ''}`).join('; ');
  const statusMessage = `QuickBooks Online ${error.status === null ? '' : `HTTP ${error.status}, `}${intuit || error.code}${error.intuitTid ? ` (intuit_tid ${error.intuitTid})` : ''}`;
  return response(requestType, rowId, code, statusMessage, []);
}

import type { Prisma } from '@connector/db';
import { writeAudit } from '../audit/write-audit.ts';
import { isAppError } from '../errors/app-error.ts';
import type { AnswerWrites } from './batch-answer-writes.ts';
import { readQueuedRequestPayload, readRequestResult } from '../stored/read-stored.ts';
import { PRIORITY } from '../queue/request-status.ts';
import { errorCodeForStatus } from './error-code-for-status.ts';
import { lookupQueryFor } from './prepare-request-for-send.ts';
import { QUERY_RECORDS_KEPT_IN_RESULT, recordCountOf, type ReceivedResponse } from './prepare-received-response.ts';
import type { QbwcServiceConfig } from './qbwc-config.ts';

type Row = Prisma.QueuedRequestGetPayload<object>;
type Session = { id: string; companyId: string };
export type RequestOutcome = 'done' | 'failed' | 'continuing' | 'deferred' | 'requeued';

/**
 * One request's response → its next state. Info and warning statuses are successes (docs/qbxml.md#status-codes);
 * 3100 on a list Add looks up the existing record instead of failing; "in use" errors wait for the
 * next session; everything else lands in the exception queue with our code, QuickBooks' raw code
 * and message, and a sentence saying what to do. The row's new state and its audit entry go to `writes`, which
 * receiveResponseXML flushes once for the whole message (batch-answer-writes.ts).
 */
export function applyRequestResponse(
  writes: AnswerWrites,
  config: QbwcServiceConfig,
  session: Session,
  row: Row,
  response: ReceivedResponse,
  now: Date,
): RequestOutcome {
  // QuickBooks has answered this request, so a damaged result must not stop the answer being recorded: it only says
  // whether this was the 3100 look-up (the payload, read only for a 3100, likewise: see canLookUp).
  const phase = readOrNull(() => readRequestResult(row))?.phase;
  const raw = { statusCode: response.statusCode, statusSeverity: response.statusSeverity, statusMessage: response.statusMessage };
  const base = { ...raw, deferredInSessionId: null, updatedAt: now };
  const audit = (action: string, outcome: 'ok' | 'error' | 'info', detail: Record<string, unknown>) =>
    writes.audit({
      companyId: session.companyId,
      actor: 'qbwc',
      action,
      direction: 'from_quickbooks',
      outcome,
      subjectType: 'queued_request',
      subjectId: row.id,
      detail: { kind: row.kind, ...raw, ...detail } as Prisma.InputJsonValue,
    });
  const { status } = response;

  if (status.outcome !== 'error') {
    const remaining = response.iteratorRemainingCount ?? 0;
    const count = recordCountOf(response);
    const received = row.recordsReceived + count;
    if (response.iteratorId && remaining > 0) {
      writes.update(row.id, {
        ...base,
        status: 'queued',
        iteratorId: response.iteratorId,
        iteratorSessionId: session.id,
        iteratorRemaining: remaining,
        recordsReceived: received,
      });
      return 'continuing';
    }
    if (phase === 'lookup-existing') {
      const existing = response.records[0];
      if (!existing) {
        const message = `QuickBooks said the name is already in use, but no ${row.kind.replace(/Add$/, '').toLowerCase()} with that name was found (it may be inactive or of another type). Rename it in Procore or in QuickBooks, then retry.`;
        writes.update(row.id, { ...base, status: 'failed', errorCode: 'QB_DUPLICATE_NAME', errorMessage: message, completedAt: now });
        audit('request.failed', 'error', { errorCode: 'QB_DUPLICATE_NAME', message });
        return 'failed';
      }
      writes.update(row.id, {
        ...base,
        status: 'done',
        result: { matchedExisting: true, record: existing } as Prisma.InputJsonValue,
        completedAt: now,
        errorCode: null,
        errorMessage: null,
      });
      audit('request.matched_existing', 'ok', { record: existing });
      return 'done';
    }
    const result = isQuery(row.kind)
      ? { recordCount: received, records: count <= QUERY_RECORDS_KEPT_IN_RESULT && received === count ? response.records : undefined }
      : { record: response.records[0] ?? null };
    writes.update(row.id, {
      ...base,
      status: 'done',
      result: result as Prisma.InputJsonValue,
      recordsReceived: received,
      iteratorId: null,
      iteratorRemaining: null,
      completedAt: now,
      errorCode: null,
      errorMessage: status.outcome === 'warning' ? `QuickBooks accepted this with a warning: ${response.statusMessage}` : null,
    });
    audit('request.done', 'ok', isQuery(row.kind) ? { recordCount: received } : { record: response.records[0] ?? null });
    return 'done';
  }

  if (status.category === 'duplicate-name' && phase !== 'lookup-existing' && canLookUp(row)) {
    // 3100 on an Add: the record is already in QuickBooks. Match it rather than add it again (docs/qbxml.md#status-codes).
    writes.update(row.id, { ...base, status: 'queued', result: { phase: 'lookup-existing' }, priority: PRIORITY.lookup });
    audit('request.duplicate_name', 'info', { next: 'looking up the existing record' });
    return 'requeued';
  }
  if (status.category === 'iterator-expired') {
    writes.update(row.id, {
      ...base,
      status: 'queued',
      iteratorId: null,
      iteratorSessionId: null,
      iteratorRemaining: null,
      recordsReceived: 0,
      deferredInSessionId: session.id,
    });
    audit('request.deferred', 'info', { reason: 'iterator expired; the read restarts next session' });
    return 'deferred';
  }
  if (status.retry === 'next-session' && row.attempts < config.maxAttempts) {
    writes.update(row.id, {
      ...base,
      status: 'queued',
      deferredInSessionId: session.id,
      errorCode: errorCodeForStatus(status.category),
      errorMessage: status.explanation,
    });
    audit('request.deferred', 'info', { reason: status.explanation, attempts: row.attempts });
    return 'deferred';
  }
  const errorCode = errorCodeForStatus(status.category);
  const errorMessage = `${status.explanation} (QuickBooks ${response.statusCode}: ${response.statusMessage})`;
  writes.update(row.id, { ...base, status: 'failed', errorCode, errorMessage, completedAt: now });
  audit('request.failed', 'error', { errorCode, message: errorMessage });
  return 'failed';
}

/** Whether a 3100 on this request can be answered by looking the existing record up (a list Add, payload readable). */
function canLookUp(row: Row): boolean {
  const request = readOrNull(() => readQueuedRequestPayload(row));
  return request !== null && lookupQueryFor(request) !== null;
}

/** The checked value, or null when the stored JSON is damaged (STORED_VALUE_INVALID); anything else is thrown. */
function readOrNull<T>(read: () => T): T | null {
  try {
    return read();
  } catch (error) {
    if (isAppError(error) && error.code === 'STORED_VALUE_INVALID') return null;
    throw error;
  }
}

function isQuery(kind: string): boolean {
  return kind.endsWith('Query');
}

/** Puts requests of a message back in the queue (not processed by QuickBooks, safe to send again). */
export async function requeueRequests(tx: Prisma.TransactionClient, companyId: string, messageId: string, ids?: string[]) {
  await tx.queuedRequest.updateMany({
    where: { companyId, messageId, status: 'sent', ...(ids ? { id: { in: ids } } : {}) },
    data: { status: 'queued', iteratorId: null, iteratorSessionId: null, iteratorRemaining: null, recordsReceived: 0 },
  });
}

export async function failRequestsOfMessage(
  tx: Prisma.TransactionClient,
  session: Session,
  messageId: string,
  errorCode: string,
  errorMessage: string,
  detail: Record<string, unknown>,
  now: Date,
): Promise<number> {
  const rows = await tx.queuedRequest.findMany({ where: { companyId: session.companyId, messageId, status: 'sent' }, select: { id: true } });
  await tx.queuedRequest.updateMany({
    where: { companyId: session.companyId, messageId, status: 'sent' },
    data: { status: 'failed', errorCode, errorMessage, completedAt: now },
  });
  for (const row of rows) {
    await writeAudit(tx, {
      companyId: session.companyId,
      actor: 'qbwc',
      action: 'request.failed',
      direction: 'from_quickbooks',
      outcome: 'error',
      subjectType: 'queued_request',
      subjectId: row.id,
      detail: { errorCode, message: errorMessage, ...detail } as Prisma.InputJsonValue,
    });
  }
  return rows.length;
}

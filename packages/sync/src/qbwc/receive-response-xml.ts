import type { Database, Prisma } from '@connector/db';
import { describeMismatch, matchResponses, QbxmlParseError, readSentMessage, type QbxmlResponseMessage, type ResponseMismatch } from '@connector/qbxml';
import { writeAudit } from '../audit/write-audit.ts';
import { applyRequestResponse, failRequestsOfMessage, requeueRequests, type RequestOutcome } from './apply-request-response.ts';
import { batchAnswerWrites } from './batch-answer-writes.ts';
import { computeProgress } from './compute-progress.ts';
import { explainHresult } from './explain-hresult.ts';
import { failSession } from './fail-session.ts';
import { isLive, lockAndTouchSession } from './lock-session.ts';
import { RESPONSE_EXCERPT_CHARS, type ReceivedResponse } from './prepare-received-response.ts';
import type { QbwcServiceConfig, ServiceLogger } from './qbwc-config.ts';
import { runAfterResponses } from './run-after-responses.ts';

export interface ReceiveResponseXmlInput {
  ticket: string;
  /** QuickBooks' answer; or, when responseChars is set, its first MISMATCH_EXCERPT_CHARS (the rest stayed on the worker). */
  response: string;
  hresult: string;
  message: string;
  /**
   * Set when the worker that parsed the SOAP body kept the answer's text (apps/server parse-soap-worker.ts, issue 19):
   * its length in UTF-16 code units. Only for a non-blank answer without an HRESULT, whose parsed form comes with it.
   */
  responseChars?: number;
}

/** One request's answer as it was applied: the import pipeline stores query records from it (QuickBooks to Procore). */
export interface AppliedResponse {
  requestRowId: string;
  kind: string;
  dedupeKey: string;
  outcome: RequestOutcome;
  response: ReceivedResponse;
}

export type AfterResponses = (tx: Prisma.TransactionClient, companyId: string, now: Date, applied: readonly AppliedResponse[]) => Promise<void>;

export type ParseResponse = (xml: string) => Promise<QbxmlResponseMessage>;

/** How much of a mismatching answer is kept in the audit entry and the log: enough to see what came back. */
export const MISMATCH_EXCERPT_CHARS = RESPONSE_EXCERPT_CHARS;
const MAX_MISMATCHES_KEPT = 50;

/**
 * QBWC receiveResponseXML (QBWC guide ch. 10): apply QuickBooks' answer to the message this session
 * has out, request by request (matched on requestID and response type), and return percent done: 100
 * only when no work is left, negative when the session must stop (QBWC then calls getLastError).
 * An answer that does not fit what was sent is not applied at all (see answerDoesNotMatch).
 */
export async function receiveResponseXml(
  db: Database,
  config: QbwcServiceConfig,
  parseResponse: ParseResponse,
  input: ReceiveResponseXmlInput,
  now = new Date(),
  afterResponses?: AfterResponses,
  logger?: ServiceLogger,
): Promise<number> {
  // Parse before taking any lock: a response can be tens of megabytes (parsed off-thread).
  let parsed: QbxmlResponseMessage | null = null;
  let parseError: string | null = null;
  // What the audit entries say of the answer's size: its length, also when only its start came to the event loop.
  const responseChars = input.responseChars ?? input.response.length;
  if (!input.hresult.trim() && (input.responseChars !== undefined || input.response.trim())) {
    try {
      parsed = await parseResponse(input.response);
    } catch (error) {
      if (!(error instanceof QbxmlParseError)) throw error;
      parseError = error.message;
    }
  }

  return db.prisma.$transaction(
    async (tx) => {
      const session = await lockAndTouchSession(tx, input.ticket, now);
      if (!session || !isLive(session)) return -1;
      const message = await tx.qbwcMessage.findFirst({
        where: { companyId: session.companyId, sessionId: session.id, status: 'sent' },
        orderBy: { sentAt: 'desc' },
      });
      if (!message) {
        // A replay of a response we already applied: nothing to do, report where we are.
        return (await computeProgress(tx, session.id, session.companyId)).percent;
      }
      const audit = (action: string, outcome: 'ok' | 'error' | 'info', detail: Record<string, unknown>) =>
        writeAudit(tx, {
          companyId: session.companyId,
          actor: 'qbwc',
          action,
          direction: 'from_quickbooks',
          outcome,
          subjectType: 'qbwc_message',
          subjectId: message.id,
          detail: detail as Prisma.InputJsonValue,
        });

      if (input.hresult.trim()) {
        // The request processor refused the whole message (QBWC passes its HRESULT): nothing in it
        // was applied, so its requests can be judged without ambiguity.
        const explanation = explainHresult(input.hresult, input.message);
        await tx.qbwcMessage.update({ where: { id: message.id }, data: { status: 'answered', answeredAt: now } });
        if (message.purpose === 'recovery') {
          await failSession(tx, session, explanation, { hresult: input.hresult }, now);
        } else {
          const failed = await failRequestsOfMessage(
            tx,
            session,
            message.id,
            'QB_REQUEST_REJECTED',
            explanation,
            { hresult: input.hresult, message: input.message },
            now,
          );
          await tx.qbwcSession.update({ where: { id: session.id }, data: { requestsFailed: { increment: failed } } });
          await runAfterResponses(afterResponses, tx, session.companyId, now, []);
        }
        await audit('qbwc.response_error', 'error', { hresult: input.hresult, message: input.message });
        if (message.purpose === 'recovery') return -1;
        return (await computeProgress(tx, session.id, session.companyId)).percent;
      }

      if (!parsed) {
        // Unreadable or empty: QuickBooks may have applied it. Keep the outcome open for recovery.
        const reason = parseError ?? 'QuickBooks returned an empty response.';
        await tx.qbwcMessage.update({ where: { id: message.id }, data: { status: message.messageSetId && message.purpose === 'work' ? 'lost' : 'abandoned' } });
        if (!message.messageSetId || message.purpose !== 'work') {
          await requeueRequests(tx, session.companyId, message.id);
        }
        const lastError = `The response from QuickBooks could not be read (${reason}). Its outcome will be checked with QuickBooks on the next run before anything is re-sent.`;
        await audit('qbwc.response_unreadable', 'error', { reason, bytes: responseChars });
        await failSession(tx, session, lastError, {}, now);
        return -1;
      }

      const target =
        message.purpose === 'recovery' ? await tx.qbwcMessage.findFirstOrThrow({ where: { id: message.recoversId!, companyId: session.companyId } }) : message;
      // A status check QuickBooks holds no state for (messageSetStatusCode ≠ 0 and no answers) means it
      // never ran the message: its requests are safe to send again. Anything else is the stored answer
      // of the target message and must fit it exactly like a live answer.
      const setUnknown =
        message.purpose === 'recovery' && parsed.responses.length === 0 && parsed.messageSetStatusCode !== undefined && parsed.messageSetStatusCode !== 0;
      const sent = readSentMessage(target.requestXml);
      const match = setUnknown ? null : matchResponses(sent, parsed.responses);
      if (match && match.mismatches.length > 0) {
        return answerDoesNotMatch(tx, session, message, target, match.mismatches, input.response, responseChars, now, audit, logger);
      }

      if (message.purpose === 'recovery') {
        await audit('qbwc.recovery_answered', setUnknown ? 'info' : 'ok', {
          recoveredMessageId: target.id,
          messageSetStatusCode: parsed.messageSetStatusCode ?? null,
          responses: parsed.responses.length,
        });
        await tx.qbwcMessage.update({ where: { id: message.id }, data: { status: 'answered', answeredAt: now } });
        await tx.qbwcMessage.update({ where: { id: target.id }, data: { status: 'recovered', answeredAt: now } });
      } else {
        await tx.qbwcMessage.update({ where: { id: message.id }, data: { status: 'answered', answeredAt: now } });
      }
      const byRequestId = new Map<string, ReceivedResponse>();
      for (const { request, response } of match?.answered ?? []) byRequestId.set(request.requestId, response);

      let done = 0;
      let failed = 0;
      const applied: AppliedResponse[] = [];
      // Each request's new state and audit entry are written together after the loop (a few statements per message,
      // not two per request: batch-answer-writes.ts), before anything reads them (the hook, the progress count).
      const writes = batchAnswerWrites(tx, session.companyId);
      const rows = await tx.queuedRequest.findMany({ where: { companyId: session.companyId, messageId: target.id, status: 'sent' } });
      for (const row of rows) {
        const response = byRequestId.get(row.requestId ?? row.id);
        if (!response) {
          // Not processed: stopOnError halted before it (matchResponses allows a gap only after an error
          // answer), or (recovery) QuickBooks kept no record of the message set, which means it never
          // ran it. Either way it is safe to send again.
          await requeueRequests(tx, session.companyId, target.id, [row.id]);
          continue;
        }
        const outcome = applyRequestResponse(writes, config, session, row, response, now);
        applied.push({ requestRowId: row.id, kind: row.kind, dedupeKey: row.dedupeKey, outcome, response });
        if (outcome === 'done') done += 1;
        if (outcome === 'failed') failed += 1;
      }
      if (message.purpose === 'work') {
        writes.audit({
          companyId: session.companyId,
          actor: 'qbwc',
          action: 'qbwc.response_received',
          direction: 'from_quickbooks',
          outcome: 'ok',
          subjectType: 'qbwc_message',
          subjectId: message.id,
          detail: { responses: parsed.responses.length, done, failed, bytes: responseChars },
        });
      }
      await writes.flush();
      await runAfterResponses(afterResponses, tx, session.companyId, now, applied);
      // The session row is locked (lockAndTouchSession) since it was read: its counts plus this answer's are current.
      const counts = { requestsDone: session.requestsDone + done, requestsFailed: session.requestsFailed + failed };
      const progress = await computeProgress(tx, session.id, session.companyId, counts);
      await tx.qbwcSession.update({
        where: { id: session.id },
        data: { requestsDone: { increment: done }, requestsFailed: { increment: failed }, progress: progress.percent },
      });
      return progress.percent;
    },
    { timeout: 120_000 },
  );
}

type Audit = (action: string, outcome: 'ok' | 'error' | 'info', detail: Record<string, unknown>) => Promise<unknown>;
type MessageRow = { id: string; purpose: string; messageSetId: string | null };

/**
 * QuickBooks' answer does not fit the message it answers (an unknown, missing or repeated requestID, a
 * response of another type, a request left unanswered). Then no part of it can be trusted — a wrong
 * TxnID stored as a customer, or a write re-sent that already ran, would follow — so nothing is applied
 * and the WHOLE message's outcome is unknown:
 * - a message that writes becomes 'lost': the next sendRequestXML asks QuickBooks for its stored outcome
 *   with oldMessageSetID before anything is re-sent (Intuit SDK "Error recovery"; docs/qbxml.md#error-recovery, docs/data-safety.md#nothing-lost);
 * - a read-only message is re-queued (reading again is harmless);
 * - the answer to a recovery status check leaves its target 'lost' and re-queues nothing.
 * The session stops (negative percent, then getLastError — QBWC guide p.72), and the raw answer is
 * audited and logged, cut to MISMATCH_EXCERPT_CHARS (2,000 in the log).
 */
async function answerDoesNotMatch(
  tx: Prisma.TransactionClient,
  session: { id: string; companyId: string },
  message: MessageRow,
  target: MessageRow,
  mismatches: ResponseMismatch[],
  rawResponse: string,
  rawResponseChars: number,
  now: Date,
  audit: Audit,
  logger: ServiceLogger | undefined,
): Promise<number> {
  const recovery = message.purpose === 'recovery';
  await tx.qbwcMessage.update({
    where: { id: message.id },
    data: { status: recovery ? 'answered' : target.messageSetId ? 'lost' : 'abandoned', answeredAt: recovery ? now : null },
  });
  if (!recovery && !target.messageSetId) await requeueRequests(tx, session.companyId, target.id);

  const problems = mismatches.map(describeMismatch);
  const shown = problems.slice(0, 3).join('; ') + (problems.length > 3 ? `; and ${problems.length - 3} more` : '');
  const next = recovery
    ? 'Nothing was applied or re-sent: the message stays unresolved and is checked with QuickBooks again on the next run. If this repeats, contact support with the Activity log.'
    : target.messageSetId
      ? 'Nothing from it was applied. Its outcome will be checked with QuickBooks (error recovery) on the next run before anything is re-sent.'
      : 'Nothing from it was applied; it will be read again on the next run.';
  const lastError = `QuickBooks' answer${recovery ? ' to the error-recovery status check' : ''} does not match what was sent: ${shown}. ${next}`;
  const excerpt = rawResponse.slice(0, MISMATCH_EXCERPT_CHARS);
  const detail = {
    recovery,
    targetMessageId: target.id,
    messageSetId: target.messageSetId,
    // Bounded like the answer: a message of hundreds of requests can mismatch on every one.
    mismatches: mismatches.slice(0, MAX_MISMATCHES_KEPT),
    mismatchCount: mismatches.length,
    bytes: rawResponseChars,
    truncated: excerpt.length < rawResponseChars,
    response: excerpt,
  };
  await audit('qbwc.response_mismatch', 'error', detail);
  // The log gets a shorter excerpt than the audit entry: enough to recognise the answer beside the entry.
  logger?.error(
    { companyId: session.companyId, messageId: message.id, ...detail, response: excerpt.slice(0, 2_000) },
    'QuickBooks answer does not match what was sent',
  );
  await failSession(tx, session, lastError, { mismatches: problems.slice(0, MAX_MISMATCHES_KEPT) }, now);
  return -1;
}

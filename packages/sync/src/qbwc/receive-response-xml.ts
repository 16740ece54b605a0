import type { Database, Prisma } from '@connector/db';
import { QbxmlParseError, type QbxmlResponse, type QbxmlResponseMessage } from '@connector/qbxml';
import { writeAudit } from '../audit/write-audit.ts';
import { applyRequestResponse, failRequestsOfMessage, requeueRequests, type RequestOutcome } from './apply-request-response.ts';
import { computeProgress } from './compute-progress.ts';
import { explainHresult } from './explain-hresult.ts';
import { failSession } from './fail-session.ts';
import { isLive, lockSession } from './lock-session.ts';
import type { QbwcServiceConfig } from './qbwc-config.ts';

export interface ReceiveResponseXmlInput {
  ticket: string;
  response: string;
  hresult: string;
  message: string;
}

/** One request's answer as it was applied: the import pipeline stores query records from it (issue 6). */
export interface AppliedResponse {
  requestRowId: string;
  kind: string;
  dedupeKey: string;
  outcome: RequestOutcome;
  response: QbxmlResponse;
}

export type AfterResponses = (tx: Prisma.TransactionClient, companyId: string, now: Date, applied: readonly AppliedResponse[]) => Promise<void>;

export type ParseResponse = (xml: string) => Promise<QbxmlResponseMessage>;

/**
 * QBWC receiveResponseXML (QBWC guide ch. 10): apply QuickBooks' answer to the message this session
 * has out, request by request (matched on requestID), and return percent done: 100 only when no
 * work is left, negative when the session must stop (QBWC then calls getLastError).
 */
export async function receiveResponseXml(
  db: Database,
  config: QbwcServiceConfig,
  parseResponse: ParseResponse,
  input: ReceiveResponseXmlInput,
  now = new Date(),
  afterResponses?: AfterResponses,
): Promise<number> {
  // Parse before taking any lock: a response can be tens of megabytes (parsed off-thread).
  let parsed: QbxmlResponseMessage | null = null;
  let parseError: string | null = null;
  if (!input.hresult.trim() && input.response.trim()) {
    try {
      parsed = await parseResponse(input.response);
    } catch (error) {
      if (!(error instanceof QbxmlParseError)) throw error;
      parseError = error.message;
    }
  }

  return db.prisma.$transaction(
    async (tx) => {
      const session = await lockSession(tx, input.ticket);
      if (!session || !isLive(session)) return -1;
      const message = await tx.qbwcMessage.findFirst({
        where: { companyId: session.companyId, sessionId: session.id, status: 'sent' },
        orderBy: { sentAt: 'desc' },
      });
      await tx.qbwcSession.update({ where: { id: session.id }, data: { lastActivityAt: now } });
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
          const failed = await failRequestsOfMessage(tx, session, message.id, 'QB_REQUEST_REJECTED', explanation, { hresult: input.hresult, message: input.message }, now);
          await tx.qbwcSession.update({ where: { id: session.id }, data: { requestsFailed: { increment: failed } } });
          if (afterResponses) await afterResponses(tx, session.companyId, now, []);
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
        await audit('qbwc.response_unreadable', 'error', { reason, bytes: input.response.length });
        await failSession(tx, session, lastError, {}, now);
        return -1;
      }

      const target = message.purpose === 'recovery' ? await tx.qbwcMessage.findUniqueOrThrow({ where: { id: message.recoversId! } }) : message;
      const byRequestId = new Map<string, QbxmlResponse>();
      for (const response of parsed.responses) if (response.requestId) byRequestId.set(response.requestId, response);

      if (message.purpose === 'recovery') {
        const storedSetFound = parsed.responses.length > 0 && (parsed.messageSetStatusCode ?? 0) === 0;
        await audit('qbwc.recovery_answered', storedSetFound ? 'ok' : 'info', {
          recoveredMessageId: target.id,
          messageSetStatusCode: parsed.messageSetStatusCode ?? null,
          responses: parsed.responses.length,
        });
        await tx.qbwcMessage.update({ where: { id: message.id }, data: { status: 'answered', answeredAt: now } });
        await tx.qbwcMessage.update({ where: { id: target.id }, data: { status: 'recovered', answeredAt: now } });
      } else {
        await tx.qbwcMessage.update({ where: { id: message.id }, data: { status: 'answered', answeredAt: now } });
      }

      let done = 0;
      let failed = 0;
      const applied: AppliedResponse[] = [];
      const rows = await tx.queuedRequest.findMany({ where: { companyId: session.companyId, messageId: target.id, status: 'sent' } });
      for (const row of rows) {
        const response = byRequestId.get(row.requestId ?? row.id);
        if (!response) {
          // Not processed: stopOnError halted before it, or (recovery) QuickBooks kept no record of the
          // message set, which means it never ran it. Either way it is safe to send again.
          await requeueRequests(tx, session.companyId, target.id, [row.id]);
          continue;
        }
        const outcome = await applyRequestResponse(tx, config, session, row, response, now);
        applied.push({ requestRowId: row.id, kind: row.kind, dedupeKey: row.dedupeKey, outcome, response });
        if (outcome === 'done') done += 1;
        if (outcome === 'failed') failed += 1;
      }
      await tx.qbwcSession.update({
        where: { id: session.id },
        data: { requestsDone: { increment: done }, requestsFailed: { increment: failed } },
      });
      if (message.purpose === 'work') {
        await audit('qbwc.response_received', 'ok', { responses: parsed.responses.length, done, failed, bytes: input.response.length });
      }
      if (afterResponses) await afterResponses(tx, session.companyId, now, applied);
      const progress = await computeProgress(tx, session.id, session.companyId);
      await tx.qbwcSession.update({ where: { id: session.id }, data: { progress: progress.percent } });
      return progress.percent;
    },
    { timeout: 120_000 },
  );
}

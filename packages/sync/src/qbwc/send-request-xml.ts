import { randomBytes } from 'node:crypto';
import type { Database, Prisma } from '@connector/db';
import { buildRecoveryStatusMessage, buildRequestMessage, isWriteRequest, QbxmlBuildError } from '@connector/qbxml';
import { writeAudit } from '../audit/write-audit.ts';
import { isAppError } from '../errors/app-error.ts';
import { abandonInFlightMessages } from './abandon-in-flight-messages.ts';
import { bindCompanyFile, type HcpInput } from './bind-company-file.ts';
import { failSession } from './fail-session.ts';
import { isLive, lockAndTouchSession, type LockedSession } from './lock-session.ts';
import { prepareRequestForSend } from './prepare-request-for-send.ts';
import type { QbwcServiceConfig } from './qbwc-config.ts';
import type { AfterResponses } from './receive-response-xml.ts';
import { runAfterResponses } from './run-after-responses.ts';

export interface SendRequestXmlInput extends HcpInput {
  ticket: string;
}

/**
 * QBWC sendRequestXML (QBWC guide ch. 10): the next qbXML message for this session, or '' (then QBWC
 * calls getLastError, which explains). Order of business: verify the company file (first call),
 * recover the outcome of any write message whose response was lost, then send queued work.
 */
export async function sendRequestXml(
  db: Database,
  config: QbwcServiceConfig,
  input: SendRequestXmlInput,
  now = new Date(),
  afterResponses?: AfterResponses,
): Promise<string> {
  return db.prisma.$transaction(
    async (tx) => {
      const session = await lockAndTouchSession(tx, input.ticket, now);
      if (!session || !isLive(session)) return '';

      if (session.companyFile === null) {
        if (!input.strHCPResponse.trim()) {
          await failSession(
            tx,
            session,
            'The Web Connector did not send QuickBooks company information, so the company file cannot be verified. Nothing was sent. Use QuickBooks Web Connector 2.2.0.42 or later.',
          );
          return '';
        }
        const bound = await bindCompanyFile(tx, session.companyId, config.ownerId, input, now);
        if (!bound.ok) {
          await failSession(tx, session, bound.message, bound.detail, now);
          return '';
        }
        await tx.qbwcSession.update({ where: { id: session.id }, data: { companyFile: bound.companyFile } });
      }

      // A message of this session still out means QBWC gave up on its response and moved on: treat it
      // as lost now, so its outcome is recovered before anything else goes to QuickBooks.
      await abandonInFlightMessages(tx, session.companyId, [session.id]);

      const recovery = await nextRecoveryMessage(tx, session, now);
      if (recovery !== null) return recovery;
      const work = await nextWorkMessage(tx, config, session, now, afterResponses);
      if (work !== null) return work;

      await tx.qbwcSession.update({
        where: { id: session.id },
        data: { lastError: 'Nothing left to send: the queue emptied during this session.' },
      });
      return '';
    },
    { timeout: 60_000 },
  );
}

async function nextRecoveryMessage(tx: Prisma.TransactionClient, session: LockedSession, now: Date): Promise<string | null> {
  const lost = await tx.qbwcMessage.findFirst({
    where: { companyId: session.companyId, status: 'lost' },
    orderBy: { sentAt: 'desc' },
  });
  if (!lost || !lost.messageSetId) return null;
  const xml = buildRecoveryStatusMessage(lost.messageSetId);
  const message = await tx.qbwcMessage.create({
    data: {
      companyId: session.companyId,
      sessionId: session.id,
      messageSetId: lost.messageSetId,
      purpose: 'recovery',
      status: 'sent',
      requestXml: xml,
      requestIds: [],
      recoversId: lost.id,
      sentAt: now,
    },
  });
  await tx.qbwcSession.update({ where: { id: session.id }, data: { state: 'exchanging', roundTrips: { increment: 1 } } });
  await writeAudit(tx, {
    companyId: session.companyId,
    actor: 'qbwc',
    action: 'qbwc.recovery_requested',
    direction: 'to_quickbooks',
    subjectType: 'qbwc_message',
    subjectId: message.id,
    detail: { lostMessageId: lost.id, messageSetId: lost.messageSetId, requestXml: xml },
  });
  return xml;
}

async function nextWorkMessage(
  tx: Prisma.TransactionClient,
  config: QbwcServiceConfig,
  session: LockedSession,
  now: Date,
  afterResponses?: AfterResponses,
): Promise<string | null> {
  const candidates = await tx.queuedRequest.findMany({
    where: {
      companyId: session.companyId,
      status: 'queued',
      OR: [{ deferredInSessionId: null }, { deferredInSessionId: { not: session.id } }],
    },
    orderBy: [{ priority: 'asc' }, { createdAt: 'asc' }],
    take: config.batchSize,
  });
  if (candidates.length === 0) return null;
  // One priority level per message: a dependency (vendor, job, item) is answered before the
  // transaction that references it is sent, so a 3140 "invalid reference" cannot come from ordering.
  const level = candidates[0]!.priority;
  const batch = candidates.filter((c) => c.priority === level);

  const requests = [];
  let refused = 0;
  for (const row of batch) {
    try {
      // The stored payload is checked by the builder as it is read (read-stored.ts); a request made from it (the
      // look-up after a 3100, an iterator step) is checked alone here, so one bad request cannot sink the message.
      const request = prepareRequestForSend(row, session.id);
      if ((request as unknown) !== row.payload) buildRequestMessage({ requests: [{ requestId: row.id, request }] });
      requests.push({ row, request });
    } catch (error) {
      // A row the builder refuses, or whose stored JSON is damaged (STORED_VALUE_INVALID), fails alone with the reason.
      // Rethrowing would fail this call and every later poll on the same row: the queue would never move again.
      const errorCode = error instanceof QbxmlBuildError ? 'QBXML_INVALID' : isAppError(error) && error.code === 'STORED_VALUE_INVALID' ? error.code : null;
      if (errorCode === null) throw error;
      const { message } = error as Error;
      refused += 1;
      await tx.queuedRequest.update({
        where: { id: row.id },
        data: { status: 'failed', errorCode, errorMessage: message, completedAt: now },
      });
      await writeAudit(tx, {
        companyId: session.companyId,
        actor: 'system',
        action: 'request.failed',
        outcome: 'error',
        subjectType: 'queued_request',
        subjectId: row.id,
        detail: { errorCode, message },
      });
    }
  }
  if (refused > 0) {
    await tx.qbwcSession.update({ where: { id: session.id }, data: { requestsFailed: { increment: refused } } });
    // What waited on these requests (an export) settles now, into the exception queue, as after a refused message.
    await runAfterResponses(afterResponses, tx, session.companyId, now, []);
  }
  if (requests.length === 0) return nextWorkMessage(tx, config, session, now, afterResponses);

  const writes = requests.some(({ request }) => isWriteRequest(request));
  // qbXML error recovery: a message that writes carries newMessageSetID (≤ 23 chars) so that a lost
  // response can be recovered with oldMessageSetID (Intuit SDK "Error recovery"; docs/qbxml.md#error-recovery).
  const messageSetId = writes ? randomBytes(10).toString('hex') : null;
  const xml = buildRequestMessage({
    requests: requests.map(({ row, request }) => ({ requestId: row.id, request })),
    onError: 'continueOnError',
    ...(messageSetId ? { newMessageSetId: messageSetId } : {}),
  });
  // The requestID echoed by QuickBooks is the queued request's own id (36 chars, ≤ 50 allowed).
  const ids = requests.map(({ row }) => row.id);
  const audit = { requests: requests.map(({ row }) => ({ id: row.id, kind: row.kind })), messageSetId, requestXml: xml };
  // One statement for what sending a message writes: the message row, its requests marked sent, the session's round
  // trip, and the audit entry qbwc.message_sent (each data-modifying WITH runs whether or not the outer query reads
  // it; they touch different rows). Four statements before, each a round trip with Prisma's and the driver's CPU, and
  // Prisma compiled the message's create afresh every time (its plan cache keys on the request ids): a large share of
  // a round trip's CPU (issue 19, profile of bench-round-trips.ts). Same rows as qbwcMessage.create, the Prisma
  // updates and writeAudit wrote: random UUIDs as Prisma's uuid(), answered_at NULL, the audit entry's `at` from this
  // process's clock as Prisma's now(), its outcome writeAudit's default ('info').
  await tx.$executeRaw`
    WITH message AS (
      INSERT INTO qbwc_messages (id, company_id, session_id, message_set_id, purpose, status, request_xml, request_ids, sent_at)
      VALUES (gen_random_uuid(), ${session.companyId}::uuid, ${session.id}::uuid, ${messageSetId}, 'work', 'sent', ${xml}, ${ids}::uuid[], ${now})
      RETURNING id
    ), sent AS (
      UPDATE queued_requests
         SET status = 'sent', message_id = (SELECT id FROM message), sent_at = ${now}, attempts = attempts + 1,
             request_id = id::text, updated_at = ${now}
       WHERE company_id = ${session.companyId}::uuid AND id = ANY(${ids}::uuid[])
    ), round_trip AS (
      UPDATE qbwc_sessions SET state = 'exchanging', round_trips = round_trips + 1 WHERE id = ${session.id}::uuid
    ), audit AS (
      INSERT INTO audit_entries (id, company_id, at, actor, action, direction, outcome, subject_type, subject_id, detail)
      SELECT gen_random_uuid(), ${session.companyId}::uuid, ${new Date()}, 'qbwc', 'qbwc.message_sent', 'to_quickbooks', 'info', 'qbwc_message',
             id::text, ${JSON.stringify(audit)}::jsonb
        FROM message
    )
    SELECT id::text FROM message`;
  return xml;
}

// The QuickBooks Online end of the accounting-backend seam (issue 22). The export pipeline queues the same requests
// for every company (queued_requests: dependencies first by priority, deduplicated by key); a Desktop company's wait
// for the Web Connector to poll, an Online company's are delivered here, from the job runner, over Intuit's REST API.
// Each answer is re-spelled as the Desktop answer it stands for (readQboAnswer, qbo-outcome-as-response.ts) and
// applied by the same code as a Web Connector answer (applyRequestResponse, then the services' after-response hook:
// links, exception queue, 3100 match, 3200 read-back and diff), so the domain is not forked.
//
// Exactly once, across crashes and a second instance:
// - a claim marks a batch `sent` and gives each write a versioned requestid (packages/qbo request-id.ts) before any
//   call: key = the request row, version = its attempt;
// - a row found `sent` with no Web Connector message is a delivery whose answer was never applied (the process died,
//   QuickBooks Online throttled or did not answer): it is sent again first, with the SAME requestid, and Intuit answers
//   a reused requestid with its first answer instead of writing again;
// - what a write is sent as (and the batch it goes in) is stored before the call (qbo_sent), so the resend is exactly the
//   first send, batch composition included;
// - an answer is applied only while its row is still `sent` under that requestid (a twin run applies nothing twice).
import { createHash, randomUUID } from 'node:crypto';
import type { Database, Prisma } from '@connector/db';
import { buildVersionedRequestId, DEFAULT_BATCH_SIZE, type QboClient } from '@connector/qbo';
import { applyRequestResponse, type RequestOutcome } from '../qbwc/apply-request-response.ts';
import { batchAnswerWrites } from '../qbwc/batch-answer-writes.ts';
import type { QbwcServiceConfig } from '../qbwc/qbwc-config.ts';
import type { AfterResponses, AppliedResponse } from '../qbwc/receive-response-xml.ts';
import { runAfterResponses } from '../qbwc/run-after-responses.ts';
import { prepareQboRequest, type Delivered, type QboSent } from './prepare-qbo-request.ts';
import { createQboRefCache, type QboRefCache } from './render-with-qbo-refs.ts';
import { sendQboWrites, type SentRow } from './send-qbo-writes.ts';

type Row = Prisma.QueuedRequestGetPayload<object>;

export interface DeliverQboRequestsOptions {
  db: Database;
  client: QboClient;
  /** maxAttempts: how often a "try later" answer is retried (the same rule as the Web Connector's). */
  config: Pick<QbwcServiceConfig, 'maxAttempts'>;
  afterResponses?: AfterResponses | undefined;
  /** Requests claimed at a time (one priority level per claim, as one Web Connector message carries one; default 30). */
  batchSize?: number;
  /** Writes per QuickBooks Online batch request (≤ 30, Intuit; default 10, packages/qbo); 1 sends each write alone. */
  writeBatchSize?: number;
  /** Claims per run; the caller runs again when work is left (a run stays well inside its job lease). */
  maxClaims?: number;
  now?: () => Date;
  /** Called before each claim: throws when the run no longer holds its job lease. */
  beforeClaim?: () => Promise<void>;
}

export interface QboDeliverySummary {
  delivered: number;
  failed: number;
  /** Work was left when the run stopped (maxClaims reached). */
  more: boolean;
}

export async function deliverQboRequests(options: DeliverQboRequestsOptions, companyId: string): Promise<QboDeliverySummary> {
  const now = options.now ?? (() => new Date());
  const cache = createQboRefCache();
  // Stands where a Web Connector session id would (deferred_in_session_id): "not again within this run".
  const runId = randomUUID();
  const summary: QboDeliverySummary = { delivered: 0, failed: 0, more: false };
  for (let claim = 0; claim < (options.maxClaims ?? 20); claim++) {
    await options.beforeClaim?.();
    const rows = await claimQboWork(options.db, companyId, runId, now(), options.batchSize ?? DEFAULT_CLAIM);
    if (rows.length === 0) return summary;
    let applied = 0;
    await deliverClaim(options, companyId, rows, cache, async (group) => {
      const outcomes = await applyDelivered(options, companyId, runId, group, now());
      for (const outcome of outcomes) {
        if (outcome === null) continue;
        applied += 1;
        if (outcome === 'failed') summary.failed += 1;
      }
    });
    summary.delivered += applied;
    // Every answer of the claim was someone else's to apply (a twin run that kept a lapsed lease): stop rather than
    // claim the same rows again in a loop; whatever is left is picked up by the next run (qbo.deliveries schedule).
    if (applied === 0) return summary;
  }
  summary.more = true;
  return summary;
}

/**
 * The next requests to deliver: those left in flight first (same requestid), else the queued ones of the lowest
 * priority level, marked sent with their requestid. The job runs one delivery per company at a time (its dedupe key),
 * so the claim needs no skip-locked dance; the row lock only orders it against an export action.
 */
async function claimQboWork(db: Database, companyId: string, runId: string, at: Date, batchSize: number): Promise<Row[]> {
  return db.prisma.$transaction(async (tx) => {
    // All of them, not a page: a stored batch must be resent whole (the in-flight set is one claim's leftovers).
    const inFlight = await tx.queuedRequest.findMany({
      where: { companyId, status: 'sent', messageId: null },
      orderBy: [{ priority: 'asc' }, { createdAt: 'asc' }],
    });
    if (inFlight.length > 0) return inFlight;
    const candidates = await tx.queuedRequest.findMany({
      where: { companyId, status: 'queued', OR: [{ deferredInSessionId: null }, { deferredInSessionId: { not: runId } }] },
      orderBy: [{ priority: 'asc' }, { createdAt: 'asc' }],
      take: batchSize,
    });
    if (candidates.length === 0) return [];
    // One priority level at a time: a vendor, job or item is answered before what refers to it is rendered.
    const level = candidates[0]!.priority;
    const batch = candidates.filter((c) => c.priority === level);
    const claimed = batch.map((row) => ({
      ...row,
      status: 'sent',
      attempts: row.attempts + 1,
      requestId: buildVersionedRequestId(`${companyId}/${row.id}`, row.attempts + 1),
      sentAt: at,
      // A row back in the queue (the look-up after 6240, a retry) is sent anew: what an earlier attempt stored is dropped.
      qboSent: null,
    }));
    await tx.$executeRaw`
      UPDATE queued_requests q
         SET status = 'sent', attempts = q.attempts + 1, request_id = u.request_id, sent_at = ${at}, updated_at = ${at}, qbo_sent = NULL
        FROM unnest(${claimed.map((r) => r.id)}::uuid[], ${claimed.map((r) => r.requestId)}::text[]) AS u(id, request_id)
       WHERE q.company_id = ${companyId}::uuid AND q.id = u.id AND q.status = 'queued'`;
    return claimed;
  });
}

type DeliveredRow = { row: Row; delivered: Delivered };

/**
 * A claim's rows → their answers, each group handed to `apply` (one transaction) as soon as it is answered: each
 * answered-here request alone, each lone write alone, each batch whole (so a batch is either applied or still in
 * flight, never half: its resend is the same batch). Applying as they come keeps what Intuit has answered but we have
 * not recorded to the one call in progress when a later call fails: a resend relies on Intuit still remembering the
 * requestid. Writes are stored (qbo_sent) before they are sent; rows already holding one are resent from it.
 */
async function deliverClaim(
  options: DeliverQboRequestsOptions,
  companyId: string,
  rows: Row[],
  cache: QboRefCache,
  apply: (group: DeliveredRow[]) => Promise<void>,
): Promise<void> {
  const { client } = options;
  const toSend: Array<{ row: Row; sent: QboSent }> = [];
  for (const row of rows) {
    const stored = row.qboSent as QboSent | null;
    if (stored) {
      toSend.push({ row, sent: stored });
      continue;
    }
    const prepared = await prepareQboRequest(client, row, cache);
    if ('answered' in prepared) await apply([{ row, delivered: prepared.answered }]);
    else toSend.push({ row, sent: prepared.write });
  }
  const fresh = toSend.filter(({ row }) => row.qboSent === null);
  if (fresh.length > 0) await storeSent(options.db, companyId, planBatches(companyId, fresh, options.writeBatchSize ?? DEFAULT_BATCH_SIZE));
  // Send by batch (or alone), in claim order, exactly as stored; a throw leaves the rest in flight with what they will be sent as.
  const byBatch = new Map<string, Array<{ row: Row; sent: QboSent }>>();
  for (const { row } of toSend) {
    const item = { row, sent: row.qboSent as unknown as QboSent };
    const key = item.sent.batch?.requestIdPrefix ?? `alone:${item.row.id}`;
    byBatch.set(key, [...(byBatch.get(key) ?? []), item]);
  }
  for (const members of byBatch.values()) {
    members.sort((a, b) => Number(a.sent.batch?.bId.slice(1) ?? 0) - Number(b.sent.batch?.bId.slice(1) ?? 0));
    const sentRows: SentRow[] = members.map(({ row, sent }) => ({ id: row.id, requestId: row.requestId!, sent }));
    const answers = await sendQboWrites(client, sentRows);
    await apply(members.map(({ row }) => ({ row, delivered: answers.get(row.id)! })));
  }
}

/** Requests claimed at a time by default: three full batch requests of packages/qbo's DEFAULT_BATCH_SIZE (none half empty). */
const DEFAULT_CLAIM = 3 * DEFAULT_BATCH_SIZE;

/**
 * Which writes go together. More than one write of the claim → batches of `size` in claim order, each named by a
 * requestid prefix derived from its rows' own requestids (so it is the same batch, under the same requestid, whoever
 * computes it) with bIds b1…bn; a single write goes alone under its row's requestid.
 */
function planBatches(companyId: string, writes: Array<{ row: Row; sent: QboSent }>, size: number): Array<{ row: Row; sent: QboSent }> {
  if (writes.length < 2 || size < 2) return writes;
  const planned: Array<{ row: Row; sent: QboSent }> = [];
  for (let i = 0; i < writes.length; i += size) {
    const chunk = writes.slice(i, i + size);
    if (chunk.length === 1) {
      planned.push(chunk[0]!);
      continue;
    }
    // 32 hex characters: with the client's "-1" suffix the batch requestid stays within Intuit's 36 (request-id.ts).
    const requestIdPrefix = createHash('sha256')
      .update(`${companyId}/batch/${chunk.map(({ row }) => row.requestId).join(',')}`)
      .digest('hex')
      .slice(0, 32);
    chunk.forEach(({ row, sent }, n) => planned.push({ row, sent: { ...sent, batch: { requestIdPrefix, bId: `b${n + 1}` } } }));
  }
  return planned;
}

/** Stores what each write will be sent as, in one statement, before any of them is sent. */
async function storeSent(db: Database, companyId: string, writes: Array<{ row: Row; sent: QboSent }>): Promise<void> {
  const rows = writes.map(({ row, sent }) => ({ id: row.id, request_id: row.requestId, qbo_sent: sent }));
  await db.prisma.$executeRaw`
    UPDATE queued_requests q SET qbo_sent = u.qbo_sent
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS u(id uuid, request_id text, qbo_sent jsonb)
     WHERE q.company_id = ${companyId}::uuid AND q.id = u.id AND q.status = 'sent' AND q.message_id IS NULL AND q.request_id = u.request_id`;
  for (const write of writes) write.row.qboSent = write.sent as unknown as Prisma.JsonValue;
}

/**
 * A group's answers applied in one transaction, through the Web Connector path's code. Null for a row that is not ours
 * to apply any more (applied by a twin run: the fence is status 'sent' under the same requestid).
 */
async function applyDelivered(
  options: DeliverQboRequestsOptions,
  companyId: string,
  runId: string,
  group: DeliveredRow[],
  at: Date,
): Promise<Array<RequestOutcome | null>> {
  return options.db.prisma.$transaction(
    async (tx) => {
      const current = await tx.queuedRequest.findMany({
        where: { companyId, id: { in: group.map(({ row }) => row.id) }, status: 'sent', messageId: null },
      });
      const writes = batchAnswerWrites(tx, companyId);
      const applied: AppliedResponse[] = [];
      const outcomes = group.map(({ row, delivered }): RequestOutcome | null => {
        const fresh = current.find((c) => c.id === row.id && c.requestId === row.requestId);
        if (!fresh) return null;
        if ('refused' in delivered) {
          const { errorCode, message } = delivered.refused;
          writes.update(row.id, { status: 'failed', errorCode, errorMessage: message, completedAt: at, updatedAt: at });
          writes.audit({
            companyId,
            actor: 'connector',
            action: 'request.failed',
            outcome: 'error',
            subjectType: 'queued_request',
            subjectId: row.id,
            detail: { kind: row.kind, edition: 'online', errorCode, message },
          });
          return 'failed';
        }
        if (delivered.sent) {
          // What was sent to QuickBooks Online, as qbwc.message_sent keeps the qbXML (docs/data-safety.md#audit-trail).
          const { batch, ...sent } = delivered.sent;
          writes.audit({
            companyId,
            actor: 'connector',
            action: 'qbo.request_sent',
            direction: 'to_quickbooks',
            subjectType: 'queued_request',
            subjectId: row.id,
            detail: {
              kind: row.kind,
              ...sent,
              requestId: batch ? `${batch.requestIdPrefix}-1` : row.requestId,
              ...(batch ? { bId: batch.bId } : {}),
            } as Prisma.InputJsonValue,
          });
        }
        const outcome = applyRequestResponse(
          writes,
          { maxAttempts: options.config.maxAttempts } as QbwcServiceConfig,
          { id: runId, companyId },
          fresh,
          delivered.response,
          at,
        );
        applied.push({ requestRowId: row.id, kind: row.kind, dedupeKey: row.dedupeKey, outcome, response: delivered.response });
        return outcome;
      });
      await writes.flush();
      // Exports advance (links, dependents queued, exception queue) as after a Web Connector answer; a refusal too.
      if (outcomes.some((o) => o !== null)) await runAfterResponses(options.afterResponses, tx, companyId, at, applied);
      return outcomes;
    },
    { timeout: 30_000 },
  );
}

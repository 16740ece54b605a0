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
// - an answer is applied only while its row is still `sent` under that requestid (a twin run applies nothing twice).
import { randomUUID } from 'node:crypto';
import type { Database, Prisma } from '@connector/db';
import { isQboRenderable, QboAnswerError, qboCustomerDisplayName, readQboAnswer, type DesktopShapedAnswer, type QboRendering } from '@connector/mapping';
import { buildVersionedRequestId, QboApiError, quoteQueryValue, type QboClient, type SparseUpdate } from '@connector/qbo';
import { isWriteRequest, type QbxmlRequest } from '@connector/qbxml';
import { isAppError } from '../errors/app-error.ts';
import { applyRequestResponse, type RequestOutcome } from '../qbwc/apply-request-response.ts';
import { batchAnswerWrites } from '../qbwc/batch-answer-writes.ts';
import { lookupQueryFor } from '../qbwc/prepare-request-for-send.ts';
import type { ReceivedResponse } from '../qbwc/prepare-received-response.ts';
import type { QbwcServiceConfig } from '../qbwc/qbwc-config.ts';
import type { AfterResponses, AppliedResponse } from '../qbwc/receive-response-xml.ts';
import { runAfterResponses } from '../qbwc/run-after-responses.ts';
import { readQueuedRequestPayload, readRequestResult } from '../stored/read-stored.ts';
import { qboErrorAsResponse, qboReadAsResponse, qboRecordAsResponse } from './qbo-outcome-as-response.ts';
import { createQboRefCache, readOrNull, renderWithQboRefs, type QboRefCache } from './render-with-qbo-refs.ts';

type Row = Prisma.QueuedRequestGetPayload<object>;

export interface DeliverQboRequestsOptions {
  db: Database;
  client: QboClient;
  /** maxAttempts: how often a "try later" answer is retried (the same rule as the Web Connector's). */
  config: Pick<QbwcServiceConfig, 'maxAttempts'>;
  afterResponses?: AfterResponses | undefined;
  /** Requests claimed at a time (one priority level per claim, as one Web Connector message carries one). */
  batchSize?: number;
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

/** What became of one request: an answer to apply, or a refusal made here before anything was sent. */
type Delivered =
  | { response: ReceivedResponse; sent?: { entity: string; operation: string; requestId: string; payload: unknown } }
  | { refused: { errorCode: string; message: string } };

export async function deliverQboRequests(options: DeliverQboRequestsOptions, companyId: string): Promise<QboDeliverySummary> {
  const now = options.now ?? (() => new Date());
  const cache = createQboRefCache();
  // Stands where a Web Connector session id would (deferred_in_session_id): "not again within this run".
  const runId = randomUUID();
  const summary: QboDeliverySummary = { delivered: 0, failed: 0, more: false };
  for (let claim = 0; claim < (options.maxClaims ?? 20); claim++) {
    await options.beforeClaim?.();
    const rows = await claimQboWork(options.db, companyId, runId, now(), options.batchSize ?? 25);
    if (rows.length === 0) return summary;
    let applied = 0;
    for (const row of rows) {
      const delivered = await deliverOne(options.client, row, cache);
      const outcome = await applyDelivered(options, companyId, runId, row, delivered, now());
      if (outcome === null) continue;
      applied += 1;
      if (outcome === 'failed') summary.failed += 1;
    }
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
    const inFlight = await tx.queuedRequest.findMany({
      where: { companyId, status: 'sent', messageId: null },
      orderBy: [{ priority: 'asc' }, { createdAt: 'asc' }],
      take: batchSize,
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
    }));
    await tx.$executeRaw`
      UPDATE queued_requests q
         SET status = 'sent', attempts = q.attempts + 1, request_id = u.request_id, sent_at = ${at}, updated_at = ${at}
        FROM unnest(${claimed.map((r) => r.id)}::uuid[], ${claimed.map((r) => r.requestId)}::text[]) AS u(id, request_id)
       WHERE q.company_id = ${companyId}::uuid AND q.id = u.id AND q.status = 'queued'`;
    return claimed;
  });
}

async function deliverOne(client: QboClient, row: Row, cache: QboRefCache): Promise<Delivered> {
  let request: QbxmlRequest;
  try {
    request = readQueuedRequestPayload(row);
  } catch (error) {
    if (isAppError(error) && error.code === 'STORED_VALUE_INVALID') return { refused: { errorCode: error.code, message: error.message } };
    throw error;
  }
  // After a 6240 (→ 3100) on an Add: find the record that has the name, as the Web Connector path does.
  if (readRequestResult(row)?.phase === 'lookup-existing') {
    const lookup = lookupQueryFor(request);
    // A job named as its customer has another DisplayName on QBO (render-qbo-customer.ts): look for that one.
    if (lookup?.type === 'CustomerQuery' && request.type === 'CustomerAdd' && request.parentRef?.fullName !== undefined)
      lookup.fullNames = [`${request.parentRef.fullName}:${qboCustomerDisplayName(request.name, request.parentRef.fullName)}`];
    if (lookup) return readOnQbo(client, lookup, row.id, request.type);
  }
  if (!isWriteRequest(request)) return readOnQbo(client, request, row.id);
  if (!isQboRenderable(request) || request.type === 'EstimateAdd' || request.type === 'EstimateMod') return notOnOnline(request.type);
  const rendering: QboRendering = await renderWithQboRefs(client, request, cache);
  if (!rendering.ok) return { refused: { errorCode: rendering.refusal.code, message: rendering.refusal.message } };
  const requestId = row.requestId!;
  const sent = { entity: rendering.entity, operation: rendering.operation, requestId, payload: rendering.payload };
  const entity = rendering.entity as 'Vendor' | 'Customer' | 'Item' | 'PurchaseOrder' | 'Bill' | 'Invoice';
  try {
    const answer =
      rendering.operation === 'create'
        ? await client.create(entity, rendering.payload as never, { requestId })
        : await client.update(entity, rendering.payload as SparseUpdate<typeof entity>, { requestId });
    return { response: qboRecordAsResponse(request.type, row.id, readQboAnswer(request.type, answer)), sent };
  } catch (error) {
    if (error instanceof QboApiError) {
      const response = qboErrorAsResponse(request.type, row.id, error, rendering.operation);
      if (response) return { response, sent };
    }
    // Throttled, unavailable, no answer, a token refused, an answer we cannot read: the row stays in flight and is
    // sent again with the same requestid by the next run (the job's retry).
    throw error;
  }
}

/** The reads the export pipeline queues: a look-up by name after 3100, a read-back by id after 3200. */
const READS: Partial<Record<string, { entity: 'Vendor' | 'Customer' | 'Item' | 'PurchaseOrder' | 'Invoice'; nameField?: string }>> = {
  VendorQuery: { entity: 'Vendor', nameField: 'DisplayName' },
  CustomerQuery: { entity: 'Customer', nameField: 'FullyQualifiedName' },
  ItemQuery: { entity: 'Item', nameField: 'FullyQualifiedName' },
  PurchaseOrderQuery: { entity: 'PurchaseOrder' },
  InvoiceQuery: { entity: 'Invoice' },
};

/** The Desktop record shape a QBO entity is read into (readQboAnswer reads the answer of this write). */
const SHAPE_OF: Record<string, 'VendorMod' | 'CustomerMod' | 'ItemServiceMod' | 'ItemOtherChargeMod' | 'PurchaseOrderMod' | 'InvoiceMod'> = {
  Vendor: 'VendorMod',
  Customer: 'CustomerMod',
  Item: 'ItemServiceMod',
  PurchaseOrder: 'PurchaseOrderMod',
  Invoice: 'InvoiceMod',
};

async function readOnQbo(client: QboClient, request: QbxmlRequest, rowId: string, lookingUpFor?: string): Promise<Delivered> {
  const read = READS[request.type];
  if (!read) return notOnOnline(request.type);
  const q = request as { listIds?: string[]; txnIds?: string[]; fullNames?: string[] };
  const records: Array<Record<string, unknown>> = [];
  try {
    for (const id of [...(q.listIds ?? []), ...(q.txnIds ?? [])]) {
      const record = await readOrNull(() => client.read(read.entity, id));
      if (record) records.push(record as Record<string, unknown>);
    }
    for (const name of q.fullNames ?? []) {
      if (!read.nameField) return notOnOnline(request.type);
      records.push(
        ...((await client.queryAll(read.entity, `select * from ${read.entity} where ${read.nameField} = ${quoteQueryValue(name)}`)) as Array<
          Record<string, unknown>
        >),
      );
    }
  } catch (error) {
    if (error instanceof QboApiError) {
      const response = qboErrorAsResponse(request.type, rowId, error, 'read');
      if (response) return { response };
    }
    throw error;
  }
  // An item created for an "other charge" code is a Service item on QBO (render-qbo-item.ts): read back as what was asked.
  const shape = read.entity === 'Item' && lookingUpFor === 'ItemOtherChargeAdd' ? 'ItemOtherChargeMod' : SHAPE_OF[read.entity]!;
  let found: DesktopShapedAnswer[];
  try {
    found = records.map((record) => readQboAnswer(shape, record));
  } catch (error) {
    if (error instanceof QboAnswerError) return { refused: { errorCode: 'QBO_BAD_RESPONSE', message: error.message } };
    throw error;
  }
  return { response: qboReadAsResponse(request.type, rowId, found) };
}

function notOnOnline(type: string): Delivered {
  return {
    refused: {
      errorCode: 'QBO_NOT_SUPPORTED',
      message: `The connector does not send ${type} to QuickBooks Online yet (QuickBooks Online estimates and reads other than look-ups are not built). Nothing was written; switch this company back to QuickBooks Desktop to send it, or dismiss it.`,
    },
  };
}

/** One answer applied in its own transaction, through the Web Connector path's code. Null: not ours to apply any more. */
async function applyDelivered(
  options: DeliverQboRequestsOptions,
  companyId: string,
  runId: string,
  row: Row,
  delivered: Delivered,
  at: Date,
): Promise<RequestOutcome | null> {
  return options.db.prisma.$transaction(
    async (tx) => {
      const current = await tx.queuedRequest.findFirst({ where: { id: row.id, companyId, status: 'sent', messageId: null, requestId: row.requestId } });
      if (!current) return null;
      const writes = batchAnswerWrites(tx, companyId);
      const applied: AppliedResponse[] = [];
      let outcome: RequestOutcome;
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
        outcome = 'failed';
      } else {
        if (delivered.sent) {
          // What was sent to QuickBooks Online, as qbwc.message_sent keeps the qbXML (docs/data-safety.md#audit-trail).
          writes.audit({
            companyId,
            actor: 'connector',
            action: 'qbo.request_sent',
            direction: 'to_quickbooks',
            subjectType: 'queued_request',
            subjectId: row.id,
            detail: { kind: row.kind, ...delivered.sent } as Prisma.InputJsonValue,
          });
        }
        outcome = applyRequestResponse(
          writes,
          { maxAttempts: options.config.maxAttempts } as QbwcServiceConfig,
          { id: runId, companyId },
          current,
          delivered.response,
          at,
        );
        applied.push({ requestRowId: row.id, kind: row.kind, dedupeKey: row.dedupeKey, outcome, response: delivered.response });
      }
      await writes.flush();
      // Exports advance (links, dependents queued, exception queue) as after a Web Connector answer; a refusal too.
      await runAfterResponses(options.afterResponses, tx, companyId, at, applied);
      return outcome;
    },
    { timeout: 30_000 },
  );
}

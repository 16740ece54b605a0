// Sends stored writes to QuickBooks Online (issue 22, deliver-qbo-requests.ts) and reads each answer into the Desktop
// shape. A lone write goes as its own call under the row's requestid; writes that went together go as one batch
// (Intuit: up to 30 operations per batch request, "Batch operations", developer.intuit.com …/batch) under the batch's
// requestid, so a resend of the same stored batch is answered with its first answer. A batch costs one API call for
// up to `batchSize` records (issue 22: "API calls per record ≤ 0.2 with batching"), and QuickBooks Online answers
// each item on its own: one item's Fault fails that item only.
import { readQboAnswer } from '@connector/mapping';
import { createQboApiError, errorCodeOfFault, QboApiError, type BatchItem, type QboClient, type SparseUpdate } from '@connector/qbo';
import { qboErrorAsResponse, qboRecordAsResponse } from './qbo-outcome-as-response.ts';
import type { Delivered, QboSent } from './prepare-qbo-request.ts';

export interface SentRow {
  id: string;
  /** The row's own requestid (a lone write). */
  requestId: string;
  sent: QboSent;
}

/** Thrown when QuickBooks Online answered a batch without a word on one of its items: the batch is sent again. */
export class QboBatchItemUnansweredError extends Error {
  override name = 'QboBatchItemUnansweredError';
}

/**
 * The answers of writes sent together (same batch prefix) or alone. Throws what says nothing about the records
 * (throttled, unavailable, no answer, token refused, an unreadable answer): the rows stay in flight and the same stored
 * writes are sent again under the same requestids.
 */
export async function sendQboWrites(client: QboClient, rows: readonly SentRow[]): Promise<Map<string, Delivered>> {
  const answers = new Map<string, Delivered>();
  const batch = rows[0]?.sent.batch;
  if (!batch) {
    for (const row of rows) answers.set(row.id, await sendAlone(client, row));
    return answers;
  }
  const items = rows.map(
    (row) => ({ bId: row.sent.batch!.bId, operation: row.sent.operation, entity: row.sent.entity, payload: row.sent.payload }) as BatchItem,
  );
  const results = await client.batch(items, { requestIdPrefix: batch.requestIdPrefix, batchSize: items.length });
  rows.forEach((row, i) => {
    const result = results[i]!;
    if (result.ok) {
      answers.set(row.id, {
        response: qboRecordAsResponse(row.sent.requestType, row.id, readQboAnswer(row.sent.requestType, result.record)),
        sent: row.sent,
      });
      return;
    }
    if (result.fault === null)
      throw new QboBatchItemUnansweredError(`QuickBooks Online answered batch ${batch.requestIdPrefix} without item ${row.sent.batch!.bId}`);
    const error = createQboApiError({
      status: 400,
      code: errorCodeOfFault(result.fault),
      fault: result.fault,
      method: 'POST',
      path: 'batch',
      outcome: 'rejected',
    });
    const response = qboErrorAsResponse(row.sent.requestType, row.id, error, row.sent.operation);
    // A Fault that says nothing of the record (none of Intuit's item faults is one today): send the batch again.
    if (!response) throw error;
    answers.set(row.id, { response, sent: row.sent });
  });
  return answers;
}

async function sendAlone(client: QboClient, row: SentRow): Promise<Delivered> {
  const { entity, operation, payload, requestType } = row.sent;
  try {
    const answer =
      operation === 'create'
        ? await client.create(entity, payload as never, { requestId: row.requestId })
        : await client.update(entity, payload as SparseUpdate<typeof entity>, { requestId: row.requestId });
    return { response: qboRecordAsResponse(requestType, row.id, readQboAnswer(requestType, answer)), sent: row.sent, requestId: row.requestId };
  } catch (error) {
    if (error instanceof QboApiError) {
      const response = qboErrorAsResponse(requestType, row.id, error, operation);
      if (response) return { response, sent: row.sent, requestId: row.requestId };
    }
    throw error;
  }
}

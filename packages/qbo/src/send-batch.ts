// Batch: many operations in one POST /batch, each answered on its own.
//
// Request: { BatchItemRequest: [{ bId, operation: create|update|delete, <Entity>: {...} } | { bId, Query }] };
// answer: { BatchItemResponse: [{ bId, <Entity>: {...} } | { bId, QueryResponse } | { bId, Fault }] }, each
// item correlated by bId, the HTTP status 200 even when items fail ("Batch operation",
// https://developer.intuit.com/app/developer/qbo/docs/learn/explore-the-quickbooks-online-api/batch;
// "Building Smarter with Intuit: Batch without a Scratch", blogs.intuit.com 2023-07-19).
// Limits: "Recommended maximum number of payloads in a single batch request is 30", 40 batch requests per
// minute per realm and app ("API call limits and throttles", …/docs/learn/limits-and-throttles); the batch page
// itself says "up to 10 payloads", so 10 is the default and 30 the ceiling. Items in one batch cannot see
// each other's results (blogs.intuit.com 2017-07-27 "What are Batch Operations"): the caller must not put a
// create and something that refers to it in the same batch.
// requestid on a batch: ≤ 36 characters, and then each bId ≤ 10 characters ("Request ID update for QuickBooks
// Online integration", blogs.intuit.com 2015-04-06).

import { readFaultObject, type QboFault } from './read-qbo-fault.ts';
import type { QboEntityMap, QboEntityName } from './qbo-entities.ts';
import type { QboRequestFunction } from './qbo-transport.ts';
import { MAX_BATCH_REQUEST_ID_LENGTH } from './request-id.ts';

export const MAX_BATCH_SIZE = 30;
export const DEFAULT_BATCH_SIZE = 10;
export const MAX_BATCH_ITEM_ID_LENGTH = 10;

export type BatchOperation = 'create' | 'update' | 'delete';

export type BatchItem = {
  [E in QboEntityName]: { bId: string; operation: BatchOperation; entity: E; payload: Partial<QboEntityMap[E]> };
}[QboEntityName];

export type BatchItemResult =
  | { bId: string; ok: true; entity: QboEntityName; record: Record<string, unknown> }
  | { bId: string; ok: false; fault: QboFault }
  /** Intuit answered the batch but said nothing about this item (treat like a lost answer: resend the chunk). */
  | { bId: string; ok: false; fault: null };

export interface BatchChunkRequest {
  /** The chunk's requestid: resend the same chunk with the same id. */
  requestId: string;
  items: BatchItem[];
}

/**
 * Splits items into chunks of `batchSize`, each with its own requestid "<requestIdPrefix>-<n>" — so the split
 * must be the same when resent: same items, same order, same size (the caller's versioned prefix, see
 * request-id.ts, names exactly that list).
 */
export function splitIntoBatches(items: readonly BatchItem[], batchSize: number, requestIdPrefix: string): BatchChunkRequest[] {
  if (!Number.isSafeInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
    throw new RangeError(`batch size must be 1…${MAX_BATCH_SIZE}, got ${String(batchSize)}`);
  }
  const seen = new Set<string>();
  for (const item of items) {
    if (item.bId === '' || item.bId.length > MAX_BATCH_ITEM_ID_LENGTH)
      throw new RangeError(`bId must be 1…${MAX_BATCH_ITEM_ID_LENGTH} characters, got "${item.bId}"`);
    if (seen.has(item.bId)) throw new TypeError(`bId "${item.bId}" is used twice`);
    seen.add(item.bId);
  }
  const chunks: BatchChunkRequest[] = [];
  for (let i = 0; i < items.length; i += batchSize) {
    const requestId = `${requestIdPrefix}-${chunks.length + 1}`;
    if (requestId.length > MAX_BATCH_REQUEST_ID_LENGTH) {
      throw new RangeError(`batch requestid "${requestId}" is longer than ${MAX_BATCH_REQUEST_ID_LENGTH} characters: shorten the prefix`);
    }
    chunks.push({ requestId, items: items.slice(i, i + batchSize) });
  }
  return chunks;
}

interface BatchResponseBody {
  BatchItemResponse?: Array<Record<string, unknown>>;
}

export async function sendBatchChunk(request: QboRequestFunction, chunk: BatchChunkRequest): Promise<BatchItemResult[]> {
  const body = {
    BatchItemRequest: chunk.items.map((item) => ({ bId: item.bId, operation: item.operation, [item.entity]: item.payload })),
  };
  const response = await request<BatchResponseBody>({ method: 'POST', path: 'batch', body, requestId: chunk.requestId, kind: 'batch' });
  const answers = new Map<string, Record<string, unknown>>();
  for (const answer of response.body?.BatchItemResponse ?? []) {
    if (typeof answer['bId'] === 'string') answers.set(answer['bId'], answer);
  }
  return chunk.items.map((item): BatchItemResult => {
    const answer = answers.get(item.bId);
    if (answer === undefined) return { bId: item.bId, ok: false, fault: null };
    const fault = readFaultObject(answer['Fault']);
    if (fault !== null) return { bId: item.bId, ok: false, fault };
    const record = answer[item.entity];
    if (typeof record === 'object' && record !== null) return { bId: item.bId, ok: true, entity: item.entity, record: record as Record<string, unknown> };
    return { bId: item.bId, ok: false, fault: null };
  });
}

// Procore's bulk /sync endpoints take at most 1000 items per call (API-CONTRACT.md "Sync endpoints";
// Procore docs: "Using Sync Actions"). This sends `updates` in chunks, one after the other (the sync
// actions are heavy and some, like direct costs, refuse concurrent calls with 409), and returns a result
// per input record. A chunk that fails as a whole (HTTP error after retries) marks its records
// 'request_failed' and stops the run: the remaining records are reported 'not_sent', never dropped.

import { matchSyncResults, type SyncFailure, type SyncItemKeys, type SyncResult } from './match-sync-results.ts';
import { ProcoreApiError } from './procore-api-error.ts';
import type { Query } from './procore-transport.ts';
import type { RequestFunction } from './send-procore-request.ts';

export const MAX_SYNC_CHUNK_SIZE = 1000;

export async function syncInChunks<TItem extends SyncItemKeys, TEntity>(
  request: RequestFunction,
  chunkSize: number,
  path: string,
  baseBody: Readonly<Record<string, unknown>>,
  updates: readonly TItem[],
  options: { query?: Query | undefined } = {},
): Promise<SyncResult<TItem, TEntity>> {
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1 || chunkSize > MAX_SYNC_CHUNK_SIZE) {
    throw new RangeError(`sync chunk size must be 1…${MAX_SYNC_CHUNK_SIZE}, got ${String(chunkSize)}`);
  }
  const result: SyncResult<TItem, TEntity> = { entities: [], succeeded: [], failures: [], calls: 0, aborted: null };

  for (let offset = 0; offset < updates.length; offset += chunkSize) {
    const chunk = updates.slice(offset, offset + chunkSize);
    if (result.aborted) {
      result.failures.push(...chunkFailures(chunk, offset, 'not_sent', result.aborted));
      continue;
    }
    result.calls++;
    let body: unknown;
    try {
      body = (await request<unknown>('PATCH', path, { query: options.query, body: { ...baseBody, updates: chunk } })).body;
    } catch (error) {
      if (!(error instanceof ProcoreApiError)) throw error;
      result.aborted = error;
      result.failures.push(...chunkFailures(chunk, offset, 'request_failed', error));
      continue;
    }
    const matched = matchSyncResults<TItem, TEntity>(chunk, offset, body);
    result.entities.push(...matched.entities);
    result.succeeded.push(...matched.succeeded);
    result.failures.push(...matched.failures);
  }
  return result;
}

function chunkFailures<TItem>(
  chunk: readonly TItem[],
  offset: number,
  reason: 'request_failed' | 'not_sent',
  error: ProcoreApiError,
): Array<SyncFailure<TItem>> {
  const message =
    reason === 'request_failed' ? `the batch containing this record failed: ${error.explanation}` : `not sent: an earlier batch failed (${error.code})`;
  return chunk.map((item, i) => ({ index: offset + i, item, messages: [message], fields: error.fieldErrors, reason, error }));
}

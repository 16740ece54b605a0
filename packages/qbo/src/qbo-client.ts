// createQboClient(): one QuickBooks Online company (realm), one pair of token callbacks. Holds no tokens and
// does no I/O but HTTP: getAccessToken() reads the caller's store, refreshAccessToken() refreshes and stores.
//
// Refresh tokens rotate and only the latest one works (OAuth FAQ,
// https://developer.intuit.com/app/developer/qbo/docs/develop/authentication-and-authorization/faq: "get a fresh
// one using the latest refresh_token returned to you from the previous request"). So refreshAccessToken must be
// single-flight per connection across every process and store the new pair in one atomic write — that is
// the sync layer's job (as for the Procore connection); this client only shares one refresh between its own
// concurrent 401s. Modelled on packages/procore/src/procore-client.ts.

import { errorCodeFor, type QboErrorCode } from './qbo-api-error.ts';
import type { QboEntityMap, QboEntityName } from './qbo-entities.ts';
import { resourceNameOf } from './qbo-entities.ts';
import { DEFAULT_MINOR_VERSION, MIN_MINOR_VERSION, normalizeBaseUrl } from './qbo-environments.ts';
import type { QboCallEvent, QboLogger } from './qbo-transport.ts';
import { MAX_QUERY_PAGE_SIZE, paginateQuery } from './paginate-query.ts';
import { readChangesSince } from './read-changes.ts';
import type { QboFault } from './read-qbo-fault.ts';
import type { RealmThrottle } from './realm-throttle.ts';
import { DEFAULT_RETRY_POLICY } from './retry-policy.ts';
import { DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE, sendBatchChunk, splitIntoBatches, type BatchItem, type BatchItemResult } from './send-batch.ts';
import { createRequestSender } from './send-qbo-request.ts';
import { sleep as realSleep, type Sleep } from './sleep.ts';

export interface QboClientOptions {
  /** QBO_ENVIRONMENTS.sandbox.apiBaseUrl / .production.apiBaseUrl, or the simulator's URL. */
  apiBaseUrl: string;
  /** The company's realm id (the realmId Intuit returns on the OAuth redirect). */
  realmId: string;
  getAccessToken: () => Promise<string>;
  /** Called once when Intuit answers 401, with the refused token; resolves to the new access token. A
   * second 401 after it is QBO_UNAUTHORIZED; an invalid_grant from Intuit surfaces as QboOAuthError
   * (needsReconnect). Without it a 401 is an error at once. */
  refreshAccessToken?: ((staleToken: string) => Promise<string>) | undefined;
  /** Shared between every client of the same realm (Intuit limits per realm and app). */
  throttle?: RealmThrottle | undefined;
  /** ≥ 75 (default 75), sent as minorversion on every request. */
  minorVersion?: number | undefined;
  fetch?: typeof fetch | undefined;
  /** Per attempt (default 120 000: "Any requests that take longer than 120 seconds to execute will time out",
   * limits-and-throttles page). */
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  retryBaseDelayMs?: number | undefined;
  retryMaxDelayMs?: number | undefined;
  maxRetryWaitMs?: number | undefined;
  /** Longest wait for a throttle slot; beyond it the request is not sent: QBO_RATE_LIMITED with retryAfterMs. */
  maxThrottleWaitMs?: number | undefined;
  /** Query page size, ≤ 1000 (default 1000: reads are metered, fewer calls is cheaper). */
  queryPageSize?: number | undefined;
  /** Items per batch request, ≤ 30 (default 10). */
  batchSize?: number | undefined;
  signal?: AbortSignal | undefined;
  sleep?: Sleep | undefined;
  random?: (() => number) | undefined;
  now?: (() => number) | undefined;
  logger?: QboLogger | undefined;
  /** Told of every HTTP send, retries included (count calls per company: reads are metered by Intuit). */
  onCall?: ((event: QboCallEvent) => void) | undefined;
}

export interface WriteOptions {
  /** Versioned requestid (request-id.ts): the same for every resend of this write, a new one for the next. */
  requestId: string;
}

/** A sparse update: Id and SyncToken of the version read, plus the fields to change. A Line array replaces all lines. */
export type SparseUpdate<E extends QboEntityName> = Partial<QboEntityMap[E]> & { Id: string; SyncToken: string };

type EntityBody<E extends QboEntityName> = { [K in E]?: QboEntityMap[E] } & { time?: string };

export function createQboClient(options: QboClientOptions) {
  const apiBaseUrl = normalizeBaseUrl(options.apiBaseUrl, 'apiBaseUrl');
  const realmId = String(options.realmId);
  if (!/^\d+$/.test(realmId)) throw new TypeError(`realmId must be a QuickBooks company id (digits), got "${realmId}"`);
  if (typeof options.getAccessToken !== 'function') throw new TypeError('getAccessToken is required');
  const minorVersion = options.minorVersion ?? DEFAULT_MINOR_VERSION;
  if (!Number.isSafeInteger(minorVersion) || minorVersion < MIN_MINOR_VERSION) {
    throw new RangeError(`minorVersion must be ≥ ${MIN_MINOR_VERSION} (Intuit ignores lower ones), got ${String(minorVersion)}`);
  }
  const queryPageSize = options.queryPageSize ?? MAX_QUERY_PAGE_SIZE;
  if (!Number.isSafeInteger(queryPageSize) || queryPageSize < 1 || queryPageSize > MAX_QUERY_PAGE_SIZE) {
    throw new RangeError(`queryPageSize must be 1…${MAX_QUERY_PAGE_SIZE}, got ${String(queryPageSize)}`);
  }
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE)
    throw new RangeError(`batchSize must be 1…${MAX_BATCH_SIZE}, got ${String(batchSize)}`);
  const maxRetries = options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries;
  if (!Number.isSafeInteger(maxRetries) || maxRetries < 0) throw new RangeError(`maxRetries must be ≥ 0, got ${String(maxRetries)}`);
  const timeoutMs = options.timeoutMs ?? 120_000;
  if (!(timeoutMs > 0)) throw new RangeError(`timeoutMs must be > 0, got ${String(timeoutMs)}`);
  const now = options.now ?? Date.now;

  const request = createRequestSender({
    apiBaseUrl,
    realmId,
    minorVersion,
    getAccessToken: options.getAccessToken,
    refreshAccessToken: options.refreshAccessToken ?? null,
    throttle: options.throttle ?? null,
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs,
    retryPolicy: {
      maxRetries,
      baseDelayMs: options.retryBaseDelayMs ?? DEFAULT_RETRY_POLICY.baseDelayMs,
      maxDelayMs: options.retryMaxDelayMs ?? DEFAULT_RETRY_POLICY.maxDelayMs,
      maxRetryWaitMs: options.maxRetryWaitMs ?? DEFAULT_RETRY_POLICY.maxRetryWaitMs,
    },
    sleep: options.sleep ?? realSleep,
    random: options.random ?? Math.random,
    now,
    logger: options.logger ?? null,
    maxThrottleWaitMs: options.maxThrottleWaitMs ?? Number.POSITIVE_INFINITY,
    signal: options.signal ?? null,
    onCall: options.onCall ?? null,
  });

  function entityOf<E extends QboEntityName>(entity: E, body: EntityBody<E> | null, method: string): QboEntityMap[E] {
    const record = body?.[entity];
    if (record === undefined || record === null) throw new TypeError(`QuickBooks Online answered ${method} ${entity} without a ${entity}`);
    return record as QboEntityMap[E];
  }

  return {
    realmId,
    apiBaseUrl,
    minorVersion,
    request,

    /** POST /<entity>?requestid=…: creates and answers the record with its Id and SyncToken. */
    async create<E extends QboEntityName>(entity: E, payload: Partial<QboEntityMap[E]>, write: WriteOptions): Promise<QboEntityMap[E]> {
      const { body } = await request<EntityBody<E>>({ method: 'POST', path: resourceNameOf(entity), body: payload, requestId: write.requestId });
      return entityOf(entity, body, 'create');
    },

    /** GET /<entity>/<id>. A missing record is a QboApiError (610 Object Not Found, or HTTP 404). */
    async read<E extends QboEntityName>(entity: E, id: string): Promise<QboEntityMap[E]> {
      if (!/^\d+$/.test(id)) throw new TypeError(`${entity} id must be digits, got "${id}"`);
      const { body } = await request<EntityBody<E>>({ method: 'GET', path: `${resourceNameOf(entity)}/${id}` });
      return entityOf(entity, body, 'read');
    },

    /** Sparse update (sparse: true): only the fields given change. A stale SyncToken is StaleObjectError (5010). */
    async update<E extends QboEntityName>(entity: E, changes: SparseUpdate<E>, write: WriteOptions): Promise<QboEntityMap[E]> {
      if (!changes.Id || changes.SyncToken === undefined || changes.SyncToken === '')
        throw new TypeError('an update needs the Id and SyncToken of the version read');
      const { body } = await request<EntityBody<E>>({
        method: 'POST',
        path: resourceNameOf(entity),
        body: { ...changes, sparse: true },
        requestId: write.requestId,
      });
      return entityOf(entity, body, 'update');
    },

    /** Pages of a "select * from <Entity> [where …] [orderby …]" statement, to the end. */
    query<E extends QboEntityName>(entity: E, statement: string): AsyncGenerator<QboEntityMap[E][], void, undefined> {
      return paginateQuery(request, entity, statement, queryPageSize);
    },

    async queryAll<E extends QboEntityName>(entity: E, statement: string): Promise<QboEntityMap[E][]> {
      const all: QboEntityMap[E][] = [];
      for await (const page of paginateQuery(request, entity, statement, queryPageSize)) all.push(...page);
      return all;
    },

    /**
     * Sends the items in chunks of `batchSize` (default 10, ≤ 30), one POST /batch each with requestid
     * "<requestIdPrefix>-<n>", and answers one result per item in the items' order. A chunk that fails as a
     * whole (e.g. throttled past the retries) rejects the call; resend the same items with the same prefix:
     * chunks Intuit already answered replay their first answer (requestid), the others run.
     */
    async batch(items: readonly BatchItem[], write: { requestIdPrefix: string; batchSize?: number }): Promise<BatchItemResult[]> {
      const chunks = splitIntoBatches(items, write.batchSize ?? batchSize, write.requestIdPrefix);
      const results: BatchItemResult[] = [];
      for (const chunk of chunks) results.push(...(await sendBatchChunk(request, chunk)));
      return results;
    },

    /** CDC for these entity types since `changedSince` (within 30 days). */
    changesSince(entities: readonly QboEntityName[], changedSince: Date) {
      return readChangesSince(request, entities, changedSince, now());
    },
  };
}

/** Our code for a batch item's Fault (as for a whole request answered 400 with that Fault). */
export function errorCodeOfFault(fault: QboFault): QboErrorCode {
  return errorCodeFor(400, fault);
}

export type QboClient = ReturnType<typeof createQboClient>;

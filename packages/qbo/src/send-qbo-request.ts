// The request pipeline every QuickBooks Online call goes through:
//   realm throttle (wait before sending) → Authorization: Bearer, Accept: application/json, minorversion and
//   requestid in the query → fetch with timeout → 2xx: parse JSON | 401: refresh once, resend once |
//   retry policy | typed error (Fault parsed).
// Sources: "Learn about basic REST API features" (developer.intuit.com/app/developer/qbo/docs/learn/rest-api-features:
// URI formats, Accept/Authorization/Content-Type headers); the OAuth FAQ (…/develop/authentication-and-authorization/faq:
// "If a request to the QuickBooks Online API returns … 401 … get a fresh [access token] using the latest refresh_token").
// Modelled on packages/procore/src/send-procore-request.ts.

import { createQboApiError, errorCodeFor, QboApiError, type QboErrorCode } from './qbo-api-error.ts';
import type { QboCallEvent, QboLogger, QboRequest, QboRequestFunction, QboResponse } from './qbo-transport.ts';
import { readQboFault } from './read-qbo-fault.ts';
import { ThrottleWaitTooLongError, type RealmThrottle } from './realm-throttle.ts';
import { assertRequestId, MAX_BATCH_REQUEST_ID_LENGTH, MAX_REQUEST_ID_LENGTH } from './request-id.ts';
import { decideRetry, type AttemptFailure, type RetryPolicy } from './retry-policy.ts';
import type { Sleep } from './sleep.ts';

export interface RequestSenderOptions {
  apiBaseUrl: string;
  realmId: string;
  minorVersion: number;
  getAccessToken: () => Promise<string>;
  /** Receives the token Intuit refused; resolves to a new access token. */
  refreshAccessToken: ((staleToken: string) => Promise<string>) | null;
  throttle: RealmThrottle | null;
  fetch: typeof fetch;
  timeoutMs: number;
  retryPolicy: RetryPolicy;
  sleep: Sleep;
  random: () => number;
  now: () => number;
  logger: QboLogger | null;
  maxThrottleWaitMs: number;
  signal: AbortSignal | null;
  /** Told of every send (metering); must not throw. */
  onCall: ((event: QboCallEvent) => void) | null;
}

type AttemptResult =
  | { kind: 'response'; status: number; headers: Headers; text: string; durationMs: number }
  | { kind: 'network' | 'timeout'; error: unknown; durationMs: number };

export function createRequestSender(options: RequestSenderOptions): QboRequestFunction {
  const { apiBaseUrl, realmId, throttle, logger, now } = options;
  let refreshing: Promise<string> | null = null;

  /** Concurrent 401s of this client share one refresh; a token someone else already replaced is just taken.
   * Across clients and processes, single-flight is the caller's refreshAccessToken's job (the sync layer). */
  function refreshOnce(staleToken: string, refresh: (staleToken: string) => Promise<string>): Promise<string> {
    refreshing ??= (async () => {
      const current = await options.getAccessToken();
      return current !== staleToken ? current : refresh(staleToken);
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  async function send(method: string, url: URL, body: string | undefined, token: string): Promise<AttemptResult> {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const signal = AbortSignal.timeout(options.timeoutMs);
    const started = now();
    try {
      // redirect: 'manual' — a redirect must never carry the bearer token elsewhere.
      const response = await options.fetch(url, { method, headers, body, signal, redirect: 'manual' });
      const text = await response.text();
      return { kind: 'response', status: response.status, headers: response.headers, text, durationMs: now() - started };
    } catch (error) {
      return { kind: signal.aborted ? 'timeout' : 'network', error, durationMs: now() - started };
    }
  }

  return async function request<T>(req: QboRequest): Promise<QboResponse<T>> {
    if (req.method === 'POST') assertRequestId(req.requestId ?? '', req.kind === 'batch' ? MAX_BATCH_REQUEST_ID_LENGTH : MAX_REQUEST_ID_LENGTH);
    else if (req.requestId !== undefined) assertRequestId(req.requestId);
    const url = new URL(`${apiBaseUrl}/v3/company/${encodeURIComponent(realmId)}/${req.path.replace(/^\/+/, '')}`);
    for (const [name, value] of Object.entries(req.query ?? {})) url.searchParams.set(name, value);
    url.searchParams.set('minorversion', String(options.minorVersion));
    if (req.requestId !== undefined) url.searchParams.set('requestid', req.requestId);
    const path = describePath(url);
    const resource = req.path.replace(/^\/+/, '').split('/')[0] ?? '';
    const batchItems = (req.body as { BatchItemRequest?: unknown[] } | undefined)?.BatchItemRequest;
    const operations = req.kind === 'batch' && Array.isArray(batchItems) ? batchItems.length : 1;
    const method = req.method;
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);
    // A GET changes nothing; a POST carries a requestid, so Intuit answers a resend with the first answer.
    const idempotent = method === 'GET' || req.requestId !== undefined;
    let refreshedToken: string | null = null;
    let refreshed = false;
    let sends = 0;

    for (let attempt = 1; ; attempt++) {
      options.signal?.throwIfAborted();
      let permit: { release(): void } | null;
      try {
        permit = throttle
          ? await throttle.acquire({ kind: req.kind ?? 'request', maxWaitMs: options.maxThrottleWaitMs, signal: options.signal ?? undefined })
          : null;
      } catch (error) {
        if (!(error instanceof ThrottleWaitTooLongError)) throw error;
        throw new QboApiError(
          {
            status: null,
            code: 'QBO_RATE_LIMITED',
            fault: null,
            method,
            path,
            outcome: 'rejected',
            retryAfterMs: error.retryAfterMs,
            attempts: sends,
            explanation: `the QuickBooks Online throttle for this company leaves no request for ${Math.ceil(error.retryAfterMs / 1000)} s: not sent; try again later`,
          },
          { cause: error },
        );
      }
      let token: string;
      let result: AttemptResult;
      try {
        token = refreshedToken ?? (await options.getAccessToken());
        result = await send(method, url, body, token);
      } finally {
        permit?.release();
      }
      sends++;
      const status = result.kind === 'response' ? result.status : null;
      options.onCall?.({ method, resource, status, operations });
      logger?.debug({ method, path, status, attempt: sends, durationMs: result.durationMs }, 'qbo request');

      if (result.kind === 'response' && result.status >= 200 && result.status < 300) {
        return { status: result.status, headers: result.headers, body: parseSuccessBody<T>(result.text, method, path, result.status, sends) };
      }

      if (status === 401 && options.refreshAccessToken && !refreshed) {
        // Access tokens live one hour (OAuth FAQ): refresh once and resend once; a second 401 is QBO_UNAUTHORIZED.
        refreshed = true;
        logger?.warn({ method, path, status, attempt: sends }, 'qbo refused the access token; refreshing it once');
        refreshedToken = await refreshOnce(token, options.refreshAccessToken);
        attempt--; // the resend after a refresh is not a retry
        continue;
      }

      const failure: AttemptFailure = result.kind === 'response' ? { kind: 'status', status: result.status, headers: result.headers } : { kind: result.kind };
      const t = now();
      const decision = decideRetry({ idempotent, failure, attempt, policy: options.retryPolicy, nowMs: t, random: options.random });
      if (status === 429 && decision.serverWaitMs !== null) throttle?.holdUntil(t + decision.serverWaitMs);
      if (decision.retry) {
        logger?.warn({ method, path, status, attempt: sends, waitMs: decision.waitMs }, 'qbo request failed; retrying');
        await options.sleep(decision.waitMs, options.signal ?? undefined);
        continue;
      }
      const error = buildError(result, {
        method,
        path,
        outcome: decision.outcome,
        retryAfterMs: decision.serverWaitMs ?? undefined,
        attempts: sends,
        timeoutMs: options.timeoutMs,
      });
      logger?.warn({ method, path, status, code: error.code, outcome: error.outcome, attempt: sends }, 'qbo request failed');
      throw error;
    }
  };
}

/** The path with the names of query parameters only: a query statement may carry a vendor's name. */
export function describePath(url: URL): string {
  const names = [...new Set(url.searchParams.keys())];
  return names.length === 0 ? url.pathname : `${url.pathname}?${names.join('&')}`;
}

/** A 2xx we cannot read: a GET changed nothing ('rejected'); a POST was applied but its answer is lost ('unknown':
 * resend with the same requestid to get the answer again). */
function parseSuccessBody<T>(text: string, method: string, path: string, status: number, attempts: number): T {
  if (text.trim() === '') return null as T;
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new QboApiError(
      { status, code: 'QBO_BAD_RESPONSE', fault: null, method, path, outcome: method === 'GET' ? 'rejected' : 'unknown', attempts },
      { cause: error },
    );
  }
}

function buildError(
  result: AttemptResult,
  context: { method: string; path: string; outcome: 'rejected' | 'unknown'; retryAfterMs: number | undefined; attempts: number; timeoutMs: number },
): QboApiError {
  const { method, path, outcome, retryAfterMs, attempts } = context;
  if (result.kind !== 'response') {
    const code: QboErrorCode = result.kind === 'timeout' ? 'QBO_TIMEOUT' : 'QBO_NETWORK_ERROR';
    const explanation =
      result.kind === 'timeout' ? `QuickBooks Online did not answer within ${context.timeoutMs} ms` : 'QuickBooks Online could not be reached (network error)';
    return new QboApiError(
      {
        status: null,
        code,
        fault: null,
        method,
        path,
        outcome,
        attempts,
        explanation:
          outcome === 'unknown' && method !== 'GET'
            ? `${explanation}; the change may or may not have been applied (resend with the same requestid)`
            : explanation,
      },
      { cause: result.error },
    );
  }
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(result.text);
  } catch {
    // not JSON (an HTML error page from a proxy): no Fault
  }
  const fault = readQboFault(parsed);
  return createQboApiError({
    status: result.status,
    code: errorCodeFor(result.status, fault),
    fault,
    method,
    path,
    outcome,
    retryAfterMs,
    attempts,
    intuitTid: result.headers.get('intuit_tid'),
  });
}

// The request pipeline every Procore API call goes through:
//   rate limiter (wait before sending) → Authorization: Bearer + Procore-Company-Id → fetch with timeout
//   → learn X-Rate-Limit-* → 2xx: parse JSON | 401: refresh once, resend once | retry policy | typed error.
// Sources: API-CONTRACT.md "Conventions"; Procore docs: "Rate Limiting", "Pagination", and the
// Procore-Company-Id header page linked from the OpenAPI of /rest/v1.0/me (documentation/tutorial-mpz).

import { apiPathOf, buildRequestUrl } from './build-request-url.ts';
import { describeRequestPath } from './describe-request-path.ts';
import { ProcoreApiError, errorCodeForStatus, type ProcoreErrorCode } from './procore-api-error.ts';
import type { HttpMethod, ProcoreLogger, ProcoreResponse, RequestOptions } from './procore-transport.ts';
import { RateLimitWaitTooLongError, type RateLimiter } from './rate-limiter.ts';
import { readProcoreErrors } from './read-procore-errors.ts';
import { redactSecrets } from './redact-secrets.ts';
import { decideRetry, type AttemptFailure, type RetryPolicy } from './retry-policy.ts';
import type { Sleep } from './sleep.ts';

/** These two identify the user and list their companies, so they take no company header (API-CONTRACT.md
 * "Conventions"; Procore OpenAPI RestV10MeGet: "does not require the Procore-Company-Id header"). */
const COMPANY_AGNOSTIC_PATHS = new Set(['/rest/v1.0/me', '/rest/v1.0/companies']);

export interface RequestSenderOptions {
  apiBaseUrl: string;
  companyId: string;
  getAccessToken: () => Promise<string>;
  /** Receives the token Procore refused, so a shared token store can tell whether someone else already replaced it. */
  refreshAccessToken: ((staleToken: string) => Promise<string>) | null;
  rateLimiter: RateLimiter | null;
  fetch: typeof fetch;
  timeoutMs: number;
  retryPolicy: RetryPolicy;
  sleep: Sleep;
  random: () => number;
  now: () => number;
  logger: ProcoreLogger | null;
  /** Longest wait for a rate-limit slot; beyond it the request is not sent and fails PROCORE_RATE_LIMITED with retryAfterMs. */
  maxRateLimitWaitMs: number;
  /** Ends waits (rate limiter, retry backoff) and stops further attempts; the request rejects with its reason. */
  signal: AbortSignal | null;
}

type AttemptResult =
  | { kind: 'response'; status: number; headers: Headers; text: string; url: string; durationMs: number }
  | { kind: 'network' | 'timeout'; error: unknown; durationMs: number };

export type RequestFunction = <T>(method: HttpMethod, target: string, options?: RequestOptions) => Promise<ProcoreResponse<T>>;

export function createRequestSender(options: RequestSenderOptions): RequestFunction {
  const { apiBaseUrl, companyId, rateLimiter, logger, now } = options;
  let refreshing: Promise<string> | null = null;

  /** One refresh at a time for this client: concurrent 401s share it, and a caller whose token was
   * already replaced by someone else's refresh just takes the new one (refresh tokens are single-use). */
  function refreshOnce(staleToken: string, refresh: (staleToken: string) => Promise<string>): Promise<string> {
    refreshing ??= (async () => {
      const current = await options.getAccessToken();
      return current !== staleToken ? current : refresh(staleToken);
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  /** One HTTP attempt. The token is read after the rate limiter lets us go, so a long wait never sends a
   * token that expired meanwhile; `refreshedToken` (after a 401) replaces the stored one. */
  async function attemptOnce(
    method: HttpMethod,
    url: URL,
    body: string | undefined,
    refreshedToken: string | null,
  ): Promise<{ token: string; result: AttemptResult }> {
    const permit = rateLimiter ? await rateLimiter.acquire({ maxWaitMs: options.maxRateLimitWaitMs, signal: options.signal ?? undefined }) : null;
    try {
      const token = refreshedToken ?? (await options.getAccessToken());
      return { token, result: await send(method, url, body, token) };
    } finally {
      permit?.release();
    }
  }

  async function send(method: HttpMethod, url: URL, body: string | undefined, token: string): Promise<AttemptResult> {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
    if (!COMPANY_AGNOSTIC_PATHS.has(apiPathOf(url, apiBaseUrl))) headers['Procore-Company-Id'] = companyId;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    // The timeout starts once we may send: time spent waiting for the rate limiter is not Procore's.
    const signal = AbortSignal.timeout(options.timeoutMs);
    const started = now();
    try {
      // redirect: 'manual' — a redirect must never carry the bearer token to wherever it points.
      const response = await options.fetch(url, { method, headers, body, signal, redirect: 'manual' });
      const text = await response.text();
      rateLimiter?.observe(response.headers);
      return { kind: 'response', status: response.status, headers: response.headers, text, url: url.href, durationMs: now() - started };
    } catch (error) {
      return { kind: signal.aborted ? 'timeout' : 'network', error, durationMs: now() - started };
    }
  }

  return async function request<T>(method: HttpMethod, target: string, requestOptions: RequestOptions = {}): Promise<ProcoreResponse<T>> {
    const url = buildRequestUrl(apiBaseUrl, target, requestOptions.query);
    const path = describeRequestPath(url);
    const body = requestOptions.body === undefined ? undefined : JSON.stringify(requestOptions.body);
    let refreshedToken: string | null = null;
    let refreshed = false;
    let sends = 0;

    for (let attempt = 1; ; attempt++) {
      options.signal?.throwIfAborted();
      let attemptResult: Awaited<ReturnType<typeof attemptOnce>>;
      try {
        attemptResult = await attemptOnce(method, url, body, refreshedToken);
      } catch (error) {
        if (!(error instanceof RateLimitWaitTooLongError)) throw error;
        // Not sent: the caller (a job) gives its work back and comes back when the window resets, rather
        // than sleeping through it while holding its lease (README "Rate limiter").
        logger?.warn(
          { method, path, status: null, attempt: sends, waitMs: error.retryAfterMs, code: 'PROCORE_RATE_LIMITED', outcome: 'rejected' },
          'procore request not sent: rate limit wait too long',
        );
        throw new ProcoreApiError(
          {
            status: null,
            code: 'PROCORE_RATE_LIMITED',
            procoreMessage: null,
            method,
            path,
            outcome: 'rejected',
            retryAfterMs: error.retryAfterMs,
            attempts: sends,
            explanation: `the company's Procore API rate limit leaves no request for ${Math.ceil(error.retryAfterMs / 1000)} s: not sent; try again after it resets`,
          },
          { cause: error },
        );
      }
      // After a refresh, the new token serves the rest of this request's attempts.
      sends++;
      const { token, result } = attemptResult;
      const status = result.kind === 'response' ? result.status : null;
      logger?.debug(
        { method, path, status, attempt: sends, durationMs: result.durationMs, ...(status === null ? { failure: result.kind } : {}) },
        'procore request',
      );

      if (result.kind === 'response' && status !== null && status >= 200 && status < 300) {
        return { status, headers: result.headers, body: parseSuccessBody<T>(result.text, method, path, status, sends), url: result.url };
      }

      if (status === 401 && options.refreshAccessToken && !refreshed) {
        // An expired or revoked token answers 401 (API-CONTRACT.md "Conventions"; RFC 6750 §3.1 invalid_token):
        // refresh once and resend once. A second 401 means the sign-in itself is gone.
        refreshed = true;
        logger?.warn({ method, path, status, attempt: sends }, 'procore refused the access token; refreshing it once');
        refreshedToken = await refreshOnce(token, options.refreshAccessToken);
        attempt--; // the resend after a refresh is not a retry
        continue;
      }

      const failure: AttemptFailure = result.kind === 'response' ? { kind: 'status', status: result.status, headers: result.headers } : { kind: result.kind };
      const t = now();
      const decision = decideRetry({ method, failure, attempt, policy: options.retryPolicy, nowMs: t, random: options.random });
      if (decision.serverWaitMs !== null && rateLimiter && (status === 429 || status === 503)) {
        // Procore asked everyone to come back later, not just this call.
        rateLimiter.holdUntil(t + decision.serverWaitMs);
      }
      if (decision.retry) {
        logger?.warn(
          { method, path, status, ...(status === null ? { failure: result.kind } : {}), attempt: sends, waitMs: decision.waitMs },
          'procore request failed; retrying',
        );
        await options.sleep(decision.waitMs, options.signal ?? undefined);
        continue;
      }

      const error = buildError(result, {
        method,
        path,
        token,
        outcome: decision.outcome,
        retryAfterMs: decision.serverWaitMs ?? undefined,
        attempts: sends,
        timeoutMs: options.timeoutMs,
      });
      logger?.warn({ method, path, status, code: error.code, outcome: error.outcome, attempt: sends }, 'procore request failed');
      throw error;
    }
  };
}

function parseSuccessBody<T>(text: string, method: string, path: string, status: number, attempts: number): T {
  if (text.trim() === '') return null as T;
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new ProcoreApiError(
      {
        status,
        code: 'PROCORE_BAD_RESPONSE',
        procoreMessage: null,
        method,
        path,
        outcome: method === 'GET' ? 'rejected' : 'unknown',
        attempts,
        explanation: 'Procore answered with a body that is not JSON',
      },
      { cause: error },
    );
  }
}

function buildError(
  result: AttemptResult,
  context: {
    method: string;
    path: string;
    token: string;
    outcome: 'rejected' | 'unknown';
    retryAfterMs: number | undefined;
    attempts: number;
    timeoutMs: number;
  },
): ProcoreApiError {
  const { method, path, outcome, retryAfterMs, attempts } = context;
  if (result.kind !== 'response') {
    const code: ProcoreErrorCode = result.kind === 'timeout' ? 'PROCORE_TIMEOUT' : 'PROCORE_NETWORK_ERROR';
    const explanation =
      result.kind === 'timeout' ? `Procore did not answer within ${context.timeoutMs} ms` : `Procore could not be reached (${networkReason(result.error)})`;
    return new ProcoreApiError(
      {
        status: null,
        code,
        procoreMessage: null,
        method,
        path,
        outcome,
        attempts,
        explanation: outcome === 'unknown' && method !== 'GET' ? `${explanation}; the change may or may not have been applied` : explanation,
      },
      { cause: result.error },
    );
  }
  let parsed: unknown = result.text;
  try {
    parsed = JSON.parse(result.text);
  } catch {
    // not JSON: readProcoreErrors takes the text
  }
  const detail = readProcoreErrors(parsed);
  const redact = (text: string): string => redactSecrets(text, [context.token]);
  const fieldErrors = Object.fromEntries(Object.entries(detail.fields).map(([field, list]) => [field, list.map(redact)]));
  return new ProcoreApiError({
    status: result.status,
    code: errorCodeForStatus(result.status),
    procoreMessage: detail.message === null ? null : redact(detail.message),
    method,
    path,
    outcome,
    fieldErrors,
    retryAfterMs,
    attempts,
  });
}

function networkReason(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String((cause as { code: unknown }).code) : null;
  return code ?? (error instanceof Error ? error.message : 'network error');
}

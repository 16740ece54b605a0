// One POST to Procore's login host (/oauth/token or /oauth/revoke) with a JSON body, a timeout, and
// every failure turned into a ProcoreOAuthError whose text never contains a secret of the request.
// No retries here: a refresh token is single-use (API-CONTRACT.md "OAuth"), so retrying a refresh is a
// decision for the caller, who owns the stored token pair.
//
// JSON, not form encoding: the contract accepts both on /oauth/token and shows /oauth/revoke with a JSON
// body; Procore's OpenAPI lists application/json for both operations.

import { normalizeBaseUrl } from './procore-environments.ts';
import { ProcoreOAuthError } from './procore-oauth-error.ts';
import { redactSecrets } from './redact-secrets.ts';

export interface LoginCallOptions {
  loginBaseUrl: string;
  fetch?: typeof fetch | undefined;
  /** Default 30 000 ms. */
  timeoutMs?: number | undefined;
}

export const DEFAULT_OAUTH_TIMEOUT_MS = 30_000;

export async function callLoginEndpoint(
  options: LoginCallOptions,
  path: '/oauth/token' | '/oauth/revoke',
  body: Record<string, string>,
): Promise<{ status: number; json: unknown }> {
  const secrets = Object.entries(body)
    .filter(([name]) => name !== 'grant_type' && name !== 'client_id' && name !== 'redirect_uri')
    .map(([, value]) => value);
  const url = `${normalizeBaseUrl(options.loginBaseUrl, 'loginBaseUrl')}${path}`;
  const doFetch = options.fetch ?? globalThis.fetch;
  const signal = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_OAUTH_TIMEOUT_MS);

  let response: Response;
  let text: string;
  try {
    response = await doFetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
      signal,
      redirect: 'manual',
    });
    text = await response.text();
  } catch (error) {
    const timedOut = signal.aborted;
    throw new ProcoreOAuthError(
      {
        status: null,
        error: timedOut ? 'timeout' : 'network_error',
        description: timedOut
          ? `Procore's sign-in service did not answer within ${options.timeoutMs ?? DEFAULT_OAUTH_TIMEOUT_MS} ms`
          : `could not reach Procore's sign-in service at ${new URL(url).origin}`,
        retryable: true,
      },
      { cause: error },
    );
  }

  let json: unknown = null;
  if (text.trim() !== '') {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }

  if (response.status >= 200 && response.status < 300) {
    if (json === undefined) {
      throw new ProcoreOAuthError({ status: response.status, error: 'invalid_response', description: 'the answer is not JSON', retryable: false });
    }
    return { status: response.status, json };
  }

  const fields = isRecord(json) ? json : {};
  const code = typeof fields['error'] === 'string' && fields['error'] !== '' ? fields['error'] : `http_${response.status}`;
  const rawDescription =
    typeof fields['error_description'] === 'string'
      ? fields['error_description']
      : response.status === 429
        ? 'too many sign-in requests: try again shortly'
        : response.status >= 500
          ? "Procore's sign-in service is unavailable: try again shortly"
          : `Procore answered HTTP ${response.status}`;
  throw new ProcoreOAuthError({
    status: response.status,
    error: code,
    description: redactSecrets(rawDescription, secrets),
    retryable: response.status === 429 || response.status >= 500,
  });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

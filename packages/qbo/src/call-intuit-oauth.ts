// One POST to Intuit's OAuth service with the app's credentials in HTTP Basic (client_id:client_secret), as
// Intuit's client sends them (intuit/oauth-jsclient src/OAuthClient.js: createToken/refreshUsingToken send
// application/x-www-form-urlencoded with Authorization: Basic; revoke sends JSON { token }). Errors are read
// as RFC 6749 §5.2 { error, error_description } into QboOAuthError. Secrets never enter a message.

import { createQboOAuthError, QboOAuthError } from './qbo-oauth-error.ts';

export interface OAuthClientCredentials {
  clientId: string;
  clientSecret: string;
  fetch?: typeof fetch | undefined;
  /** Per call (default 30 000). */
  timeoutMs?: number | undefined;
  now?: (() => number) | undefined;
}

export interface OAuthCallResult {
  status: number;
  json: unknown;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export async function callIntuitOAuth(
  credentials: OAuthClientCredentials,
  url: string,
  body: { form: Record<string, string> } | { json: Record<string, string> },
  secrets: readonly string[],
): Promise<OAuthCallResult> {
  if (!credentials.clientId || !credentials.clientSecret) throw new TypeError('clientId and clientSecret are required');
  const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`, 'utf8').toString('base64');
  const headers: Record<string, string> = { Authorization: `Basic ${basic}`, Accept: 'application/json' };
  let payload: string;
  if ('form' in body) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    payload = new URLSearchParams(body.form).toString();
  } else {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body.json);
  }
  const signal = AbortSignal.timeout(credentials.timeoutMs ?? 30_000);
  let response: Response;
  let text: string;
  try {
    response = await (credentials.fetch ?? globalThis.fetch)(url, { method: 'POST', headers, body: payload, signal, redirect: 'manual' });
    text = await response.text();
  } catch (error) {
    const timeout = signal.aborted;
    throw new QboOAuthError(
      {
        status: null,
        error: timeout ? 'timeout' : 'network_error',
        description: timeout ? 'Intuit did not answer in time' : 'Intuit could not be reached',
        retryable: true,
      },
      { cause: error },
    );
  }
  let json: unknown = null;
  try {
    json = text.trim() === '' ? null : JSON.parse(text);
  } catch {
    // not JSON: handled below
  }
  if (response.status >= 200 && response.status < 300) return { status: response.status, json };
  const redact = (s: string): string => secrets.reduce((out, secret) => (secret.length >= 6 ? out.split(secret).join('[REDACTED]') : out), s);
  const error = isRecord(json) && typeof json['error'] === 'string' ? json['error'] : `http_${response.status}`;
  const description = isRecord(json) && typeof json['error_description'] === 'string' ? redact(json['error_description']) : `HTTP ${response.status}`;
  throw createQboOAuthError({ status: response.status, error, description, retryable: response.status === 429 || response.status >= 500 });
}

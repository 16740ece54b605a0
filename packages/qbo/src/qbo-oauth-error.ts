// A failed call to Intuit's OAuth 2.0 service (token or revoke endpoint), RFC 6749 §5.2 error codes as Intuit
// answers them: { "error": "invalid_grant" } with HTTP 400 when the refresh token (or authorization code) is
// expired, revoked, or not the latest one — Intuit rotates refresh tokens and only the latest works (OAuth FAQ,
// https://developer.intuit.com/app/developer/qbo/docs/develop/authentication-and-authorization/faq); retrying
// the same refresh cannot succeed ("QuickBooks OAuth refresh token invalid_grant", nango.dev — treat it as a
// token lifecycle problem, not a transient one).
//
// QboReconnectRequiredError (invalid_grant): the company must connect QuickBooks Online again; the sync layer
// marks the connection "needs reconnect" and stops calling. invalid_client: the app's keys are wrong or
// rotated — an operator problem, not the customer's. retryable: Intuit decided nothing (network error,
// timeout, 429, 5xx).

export class QboOAuthError extends Error {
  override name = 'QboOAuthError';
  /** HTTP status; null when no answer arrived. */
  readonly status: number | null;
  /** OAuth error code ('invalid_grant', 'invalid_client', …) or ours: 'network_error', 'timeout', 'invalid_response', 'http_<status>'. */
  readonly error: string;
  readonly description: string;
  readonly retryable: boolean;
  /** True only for invalid_grant: the stored refresh token will never work again. */
  readonly needsReconnect: boolean;

  constructor(fields: { status: number | null; error: string; description: string; retryable: boolean }, options?: { cause?: unknown }) {
    const needsReconnect = fields.error === 'invalid_grant';
    super(
      `QuickBooks Online sign-in request failed (${fields.status ?? 'no answer'} ${fields.error}): ${fields.description}` +
        (needsReconnect ? ' — QuickBooks Online must be connected again' : ''),
      options,
    );
    this.status = fields.status;
    this.error = fields.error;
    this.description = fields.description;
    this.needsReconnect = needsReconnect;
    this.retryable = !needsReconnect && fields.error !== 'invalid_client' && fields.retryable;
  }
}

/** invalid_grant: the refresh token (or code) is dead — expired, revoked, or superseded by a newer one. */
export class QboReconnectRequiredError extends QboOAuthError {
  override name = 'QboReconnectRequiredError';
}

export function createQboOAuthError(
  fields: { status: number | null; error: string; description: string; retryable: boolean },
  options?: { cause?: unknown },
): QboOAuthError {
  return fields.error === 'invalid_grant' ? new QboReconnectRequiredError(fields, options) : new QboOAuthError(fields, options);
}

// A failed call to Procore's login host. RFC 6749 §5.2 error codes as Procore answers them
// (API-CONTRACT.md "OAuth": invalid_grant | invalid_client | invalid_request | unsupported_grant_type).
//
// isDeadGrant: the refresh token / authorization code / client will never work again (invalid_grant:
// refresh tokens are single-use and die on any presentation; invalid_client: the app's credentials were
// rotated or the app was uninstalled). The caller must mark the connection "needs sign-in" and not retry.
// retryable: nothing was decided by Procore (network error, timeout, 429, 5xx) — trying later may work.

export const OAUTH_DEAD_GRANT_ERRORS: ReadonlySet<string> = new Set(['invalid_grant', 'invalid_client']);

export class ProcoreOAuthError extends Error {
  override name = 'ProcoreOAuthError';
  /** HTTP status; null when no answer arrived (network error, timeout). */
  readonly status: number | null;
  /** OAuth error code ('invalid_grant', …) or ours: 'network_error', 'timeout', 'invalid_response', 'http_<status>'. */
  readonly error: string;
  /** Procore's error_description (secrets redacted) or our explanation. */
  readonly description: string;
  readonly isDeadGrant: boolean;
  readonly retryable: boolean;

  constructor(fields: { status: number | null; error: string; description: string; retryable: boolean }, options?: { cause?: unknown }) {
    const isDeadGrant = OAUTH_DEAD_GRANT_ERRORS.has(fields.error);
    super(
      `Procore sign-in request failed (${fields.status ?? 'no answer'} ${fields.error}): ${fields.description}` +
        (isDeadGrant ? ' — the Procore sign-in must be done again' : ''),
      options,
    );
    this.status = fields.status;
    this.error = fields.error;
    this.description = fields.description;
    this.isDeadGrant = isDeadGrant;
    this.retryable = !isDeadGrant && fields.retryable;
  }
}

// Step 1 of the OAuth 2.0 authorization-code flow: where to send the person connecting QuickBooks Online, and
// reading what Intuit sends back to the redirect URI.
// Parameters as Intuit's own client builds them (intuit/oauth-jsclient src/OAuthClient.js authorizeUri():
// response_type=code, redirect_uri, client_id, scope space-separated, state). The redirect carries code,
// state and realmId ("From the realmId parameter on the redirect URL passed during the OAuth 2.0
// authorization request", …/docs/learn/learn-basic-field-definitions); a refusal carries error=access_denied
// (RFC 6749 §4.1.2.1).

import { timingSafeEqual } from 'node:crypto';
import { ACCOUNTING_SCOPE, INTUIT_OAUTH_ENDPOINTS } from './qbo-environments.ts';
import { QboOAuthError } from './qbo-oauth-error.ts';

export interface AuthorizationUrlOptions {
  clientId: string;
  redirectUri: string;
  /** Unguessable, bound to the person's session (CSRF, RFC 6749 §10.12). */
  state: string;
  /** Default: the Accounting scope only. */
  scopes?: readonly string[] | undefined;
  authorizationUrl?: string | undefined;
}

export function buildAuthorizationUrl(options: AuthorizationUrlOptions): string {
  if (!options.clientId) throw new TypeError('clientId is required');
  if (!options.redirectUri) throw new TypeError('redirectUri is required');
  if (!options.state || options.state.length < 16) throw new TypeError('state must be an unguessable value of at least 16 characters');
  const url = new URL(options.authorizationUrl ?? INTUIT_OAUTH_ENDPOINTS.authorizationUrl);
  url.searchParams.set('client_id', options.clientId);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', (options.scopes ?? [ACCOUNTING_SCOPE]).join(' '));
  url.searchParams.set('redirect_uri', options.redirectUri);
  url.searchParams.set('state', options.state);
  return url.href;
}

export interface AuthorizationCallback {
  code: string;
  realmId: string;
}

/** Reads the redirect back from Intuit; refuses a state that is not ours and a refusal by the person. */
export function readAuthorizationCallback(callbackUrl: string | URL, expectedState: string): AuthorizationCallback {
  const url = new URL(callbackUrl);
  const state = url.searchParams.get('state') ?? '';
  const a = Buffer.from(state);
  const b = Buffer.from(expectedState);
  if (expectedState === '' || a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new QboOAuthError({ status: null, error: 'invalid_state', description: 'the state on the redirect is not the one we sent', retryable: false });
  }
  const error = url.searchParams.get('error');
  if (error !== null) {
    throw new QboOAuthError({
      status: null,
      error,
      description: url.searchParams.get('error_description') ?? 'the connection was not authorized',
      retryable: false,
    });
  }
  const code = url.searchParams.get('code');
  const realmId = url.searchParams.get('realmId');
  if (!code || !realmId || !/^\d+$/.test(realmId)) {
    throw new QboOAuthError({ status: null, error: 'invalid_response', description: 'the redirect has no code or realmId', retryable: false });
  }
  return { code, realmId };
}

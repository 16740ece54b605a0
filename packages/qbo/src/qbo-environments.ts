// Where the QuickBooks Online Accounting API and Intuit's OAuth 2.0 service live.
//
// API base URLs: "Learn about basic REST API features"
//   https://developer.intuit.com/app/developer/qbo/docs/learn/rest-api-features — sandbox
//   https://sandbox-quickbooks.api.intuit.com, production https://quickbooks.api.intuit.com; every Accounting
//   call is <baseURL>/v3/company/<realmId>/<resource> (".../get-started/create-a-request").
// OAuth endpoints (the same for both environments): Intuit's own Node OAuth client, intuit/oauth-jsclient
//   src/OAuthClient.js (authorizeEndpoint, tokenEndpoint, revokeEndpoint), and Intuit's OpenID discovery
//   document (authorization_endpoint, token_endpoint, revocation_endpoint).
// Minor version: Intuit ignores minor versions below 75 since 1 Aug 2025 and answers with 75 ("Changes to our
//   Accounting API that may impact your application", blogs.intuit.com 2025-01-21). We pin it on every request
//   so a later default never changes a shape under us.

export type QboEnvironmentName = 'sandbox' | 'production';

export interface QboEnvironment {
  name: QboEnvironmentName;
  /** Accounting API origin; paths are /v3/company/<realmId>/… */
  apiBaseUrl: string;
}

export const QBO_ENVIRONMENTS: Readonly<Record<QboEnvironmentName, QboEnvironment>> = Object.freeze({
  sandbox: Object.freeze({ name: 'sandbox', apiBaseUrl: 'https://sandbox-quickbooks.api.intuit.com' }),
  production: Object.freeze({ name: 'production', apiBaseUrl: 'https://quickbooks.api.intuit.com' }),
});

export interface IntuitOAuthEndpoints {
  authorizationUrl: string;
  tokenUrl: string;
  revokeUrl: string;
}

export const INTUIT_OAUTH_ENDPOINTS: Readonly<IntuitOAuthEndpoints> = Object.freeze({
  authorizationUrl: 'https://appcenter.intuit.com/connect/oauth2',
  tokenUrl: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer',
  revokeUrl: 'https://developer.api.intuit.com/v2/oauth2/tokens/revoke',
});

/** The lowest minor version Intuit still honours (see above); a caller may pin a later one. */
export const MIN_MINOR_VERSION = 75;
export const DEFAULT_MINOR_VERSION = 75;

/** Scope for the Accounting API (intuit/oauth-jsclient OAuthClient.scopes.Accounting). */
export const ACCOUNTING_SCOPE = 'com.intuit.quickbooks.accounting';

/** An origin without a trailing slash; the simulator's http://127.0.0.1:port is accepted as well as https. */
export function normalizeBaseUrl(value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`${what} must be an absolute URL, got "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`${what} must be http(s), got "${value}"`);
  return url.href.replace(/\/+$/, '');
}

// The URL that starts Procore's authorization-code flow (API-CONTRACT.md "OAuth":
// GET /oauth/authorize?response_type=code&client_id=&redirect_uri=&state=). `state` is the caller's CSRF
// token, bound to the browser session that started the sign-in; Procore echoes it to redirect_uri.

import { normalizeBaseUrl } from './procore-environments.ts';

export interface AuthorizeUrlOptions {
  loginBaseUrl: string;
  clientId: string;
  redirectUri: string;
  state: string;
}

export function buildAuthorizeUrl(options: AuthorizeUrlOptions): string {
  if (!options.clientId) throw new TypeError('clientId is required');
  if (!options.state) throw new TypeError('state is required (CSRF protection of the callback)');
  new URL(options.redirectUri); // throws on a malformed redirect URI before a user ever sees Procore's error page
  const url = new URL(`${normalizeBaseUrl(options.loginBaseUrl, 'loginBaseUrl')}/oauth/authorize`);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', options.clientId);
  url.searchParams.set('redirect_uri', options.redirectUri);
  url.searchParams.set('state', options.state);
  return url.href;
}

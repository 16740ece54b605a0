// grant_type=client_credentials (a Procore service account / DMSA app). The answer carries no refresh
// token (API-CONTRACT.md "OAuth"): when the access token nears expiry, request a new one the same way.

import { callLoginEndpoint } from './call-login-endpoint.ts';
import type { ClientCredentials } from './exchange-authorization-code.ts';
import { readTokenResponse } from './read-token-response.ts';
import type { TokenSet } from './token-set.ts';

export async function requestClientCredentialsToken(options: ClientCredentials): Promise<TokenSet> {
  const { status, json } = await callLoginEndpoint(options, '/oauth/token', {
    grant_type: 'client_credentials',
    client_id: options.clientId,
    client_secret: options.clientSecret,
  });
  return readTokenResponse(status, json, (options.now ?? Date.now)());
}

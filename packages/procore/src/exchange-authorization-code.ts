// grant_type=authorization_code: the code Procore sent to our redirect URI becomes a token pair.
// Codes are single-use and live 10 minutes (API-CONTRACT.md "OAuth"); a reused or stale one is
// invalid_grant (isDeadGrant: start the sign-in again).

import { callLoginEndpoint, type LoginCallOptions } from './call-login-endpoint.ts';
import { readTokenResponse } from './read-token-response.ts';
import type { TokenSet } from './token-set.ts';

export interface ClientCredentials extends LoginCallOptions {
  clientId: string;
  clientSecret: string;
  now?: (() => number) | undefined;
}

export async function exchangeAuthorizationCode(options: ClientCredentials & { code: string; redirectUri: string }): Promise<TokenSet> {
  const { status, json } = await callLoginEndpoint(options, '/oauth/token', {
    grant_type: 'authorization_code',
    code: options.code,
    client_id: options.clientId,
    client_secret: options.clientSecret,
    redirect_uri: options.redirectUri,
  });
  return readTokenResponse(status, json, (options.now ?? Date.now)());
}

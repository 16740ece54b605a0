// grant_type=refresh_token. Procore refresh tokens rotate and are single-use: presenting one, whether the
// answer is a success or not, kills it (API-CONTRACT.md "OAuth", docs/procore-api.md#oauth-tokens). So the caller must
// refresh once at a time per connection and store the returned pair in one atomic write. invalid_grant
// means the stored refresh token is dead: the connection needs a new sign-in. A network error or timeout
// leaves it unknown whether Procore consumed the token: try once more with the same token; an
// invalid_grant then means it was consumed.

import { callLoginEndpoint } from './call-login-endpoint.ts';
import type { ClientCredentials } from './exchange-authorization-code.ts';
import { readTokenResponse } from './read-token-response.ts';
import type { TokenSet } from './token-set.ts';

export async function refreshAccessToken(options: ClientCredentials & { refreshToken: string }): Promise<TokenSet> {
  const { status, json } = await callLoginEndpoint(options, '/oauth/token', {
    grant_type: 'refresh_token',
    refresh_token: options.refreshToken,
    client_id: options.clientId,
    client_secret: options.clientSecret,
  });
  return readTokenResponse(status, json, (options.now ?? Date.now)());
}

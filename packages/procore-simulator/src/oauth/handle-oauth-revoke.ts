import type { ApiResult } from '../http/api-result.ts';
import { clientCredentials, oauthError, param, type OAuthContext } from './oauth-context.ts';

/** POST /oauth/revoke (API-CONTRACT.md "OAuth"; RFC 7009): 200 `{}` whether or not the token was known. */
export function handleOAuthRevoke(ctx: OAuthContext): ApiResult {
  const { clientId, clientSecret } = clientCredentials(ctx);
  if (clientId === undefined || clientSecret === undefined || ctx.oauth.verifyClient(clientId, clientSecret) === undefined) {
    return oauthError(401, 'invalid_client', 'Client authentication failed');
  }
  const token = param(ctx, 'token');
  if (token === undefined || token === '') return oauthError(400, 'invalid_request', 'token is required');
  ctx.oauth.revoke(token, clientId);
  return { status: 200, body: {} };
}

import type { ApiResult } from '../http/api-result.ts';
import { clientCredentials, oauthError, param, type OAuthContext } from './oauth-context.ts';

/**
 * POST /oauth/token (API-CONTRACT.md "OAuth"; RFC 6749 §4.1.3, §4.4, §6). A presented refresh token is spent
 * before anything else is checked, so it dies even when the request fails (Procore: single-use, rotating).
 */
export function handleOAuthToken(ctx: OAuthContext): ApiResult {
  const grantType = param(ctx, 'grant_type');
  const refreshToken = grantType === 'refresh_token' ? param(ctx, 'refresh_token') : undefined;
  const refresh = refreshToken === undefined ? undefined : ctx.oauth.takeRefreshToken(refreshToken);
  const fail = (status: number, error: string, description: string) => {
    ctx.oauth.countFailure(error);
    return oauthError(status, error, description);
  };

  if (grantType === undefined) return fail(400, 'invalid_request', 'grant_type is required');
  if (!['authorization_code', 'refresh_token', 'client_credentials'].includes(grantType)) {
    return fail(400, 'unsupported_grant_type', `grant_type ${grantType} is not supported`);
  }
  const { clientId, clientSecret } = clientCredentials(ctx);
  if (clientId === undefined || clientSecret === undefined) return fail(401, 'invalid_client', 'client_id and client_secret are required');
  const client = ctx.oauth.verifyClient(clientId, clientSecret);
  if (client === undefined) return fail(401, 'invalid_client', 'Client authentication failed');
  const success = (body: unknown): ApiResult => ({ status: 200, body, headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' } });

  if (grantType === 'authorization_code') {
    const codeText = param(ctx, 'code');
    if (codeText === undefined) return fail(400, 'invalid_request', 'code is required');
    const code = ctx.oauth.takeCode(codeText);
    if (code === undefined) return fail(400, 'invalid_grant', 'The authorization code is invalid, expired or already used');
    if (code.clientId !== clientId) return fail(400, 'invalid_grant', 'The authorization code was issued to another client');
    const redirectUri = param(ctx, 'redirect_uri');
    if (redirectUri !== code.redirectUri) return fail(400, 'invalid_grant', 'redirect_uri does not match the authorization request');
    return success(ctx.oauth.issue(clientId, code.userId, 'authorization_code', true));
  }

  if (grantType === 'refresh_token') {
    if (refresh === undefined) return fail(400, 'invalid_request', 'refresh_token is required');
    if (refresh.kind === 'spent') return fail(400, 'invalid_grant', 'The refresh token has already been used');
    if (refresh.kind === 'unknown') return fail(400, 'invalid_grant', 'The refresh token is invalid');
    if (refresh.clientId !== clientId) return fail(400, 'invalid_grant', 'The refresh token was issued to another client');
    return success(ctx.oauth.issue(clientId, refresh.userId, 'refresh_token', true));
  }

  if (!client.serviceAccount) return fail(400, 'unauthorized_client', 'This client may not use client_credentials');
  return success(ctx.oauth.issue(clientId, ctx.serviceAccountUser.id, 'client_credentials', false));
}

// Reads /oauth/token's 200 answer into a TokenSet. expiresAt = created_at + expires_in (Procore docs:
// "Get or Refresh an Access Token"; created_at is unix seconds); when created_at is absent, the time the
// answer arrived.

import { isRecord } from './call-login-endpoint.ts';
import { ProcoreOAuthError } from './procore-oauth-error.ts';
import { TokenSet } from './token-set.ts';

export function readTokenResponse(status: number, json: unknown, nowMs: number): TokenSet {
  const invalid = (what: string): ProcoreOAuthError =>
    new ProcoreOAuthError({ status, error: 'invalid_response', description: `the token answer ${what}`, retryable: false });
  if (!isRecord(json)) throw invalid('is not a JSON object');
  const accessToken = json['access_token'];
  if (typeof accessToken !== 'string' || accessToken === '') throw invalid('has no access_token');
  const expiresIn = Number(json['expires_in']);
  if (!Number.isFinite(expiresIn) || expiresIn <= 0) throw invalid('has no valid expires_in');
  const createdAt = json['created_at'] === undefined || json['created_at'] === null ? Number.NaN : Number(json['created_at']);
  const startMs = Number.isFinite(createdAt) && createdAt > 0 ? createdAt * 1000 : nowMs;
  const refreshToken = typeof json['refresh_token'] === 'string' && json['refresh_token'] !== '' ? json['refresh_token'] : null;
  const tokenType = typeof json['token_type'] === 'string' && json['token_type'] !== '' ? json['token_type'] : 'Bearer';
  return new TokenSet({ accessToken, refreshToken, expiresAt: new Date(startMs + expiresIn * 1000), tokenType });
}

// Reads the token endpoint's 200 answer into a QboTokenSet (fields: see qbo-token-set.ts). Expiry times are
// counted from when the answer arrived (Intuit sends no created_at).

import { isRecord } from './call-intuit-oauth.ts';
import { QboOAuthError } from './qbo-oauth-error.ts';
import { QboTokenSet } from './qbo-token-set.ts';

export function readTokenResponse(status: number, json: unknown, nowMs: number): QboTokenSet {
  const invalid = (what: string): QboOAuthError =>
    new QboOAuthError({ status, error: 'invalid_response', description: `the token answer ${what}`, retryable: false });
  if (!isRecord(json)) throw invalid('is not a JSON object');
  const accessToken = json['access_token'];
  const refreshToken = json['refresh_token'];
  if (typeof accessToken !== 'string' || accessToken === '') throw invalid('has no access_token');
  // Intuit always answers a refresh token on both grants; without one the rotation chain would be lost.
  if (typeof refreshToken !== 'string' || refreshToken === '') throw invalid('has no refresh_token');
  const expiresIn = Number(json['expires_in']);
  if (!Number.isFinite(expiresIn) || expiresIn <= 0) throw invalid('has no valid expires_in');
  const refreshExpiresIn = Number(json['x_refresh_token_expires_in']);
  return new QboTokenSet({
    accessToken,
    refreshToken,
    accessTokenExpiresAt: new Date(nowMs + expiresIn * 1000),
    refreshTokenExpiresAt: Number.isFinite(refreshExpiresIn) && refreshExpiresIn > 0 ? new Date(nowMs + refreshExpiresIn * 1000) : null,
  });
}

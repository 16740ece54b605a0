// grant_type=refresh_token. The answer carries a NEW refresh token and only the latest one works (OAuth FAQ,
// https://developer.intuit.com/app/developer/qbo/docs/develop/authentication-and-authorization/faq): the caller
// stores the returned pair in one atomic write, and refreshes single-flight per connection across every
// process (the sync layer's lease, as for Procore) — two processes refreshing with the same token race, and
// the loser's stored token is dead. invalid_grant → QboReconnectRequiredError: connect again.
// After a network error or timeout it is unknown whether Intuit rotated the token: the caller may try once
// more with the same refresh token; an invalid_grant then means the lost answer carried the new one.

import { callIntuitOAuth, type OAuthClientCredentials } from './call-intuit-oauth.ts';
import { INTUIT_OAUTH_ENDPOINTS } from './qbo-environments.ts';
import type { QboTokenSet } from './qbo-token-set.ts';
import { readTokenResponse } from './read-token-response.ts';

export async function refreshTokens(options: OAuthClientCredentials & { refreshToken: string; tokenUrl?: string | undefined }): Promise<QboTokenSet> {
  if (!options.refreshToken) throw new TypeError('refreshToken is required');
  const form = { grant_type: 'refresh_token', refresh_token: options.refreshToken };
  const { status, json } = await callIntuitOAuth(options, options.tokenUrl ?? INTUIT_OAUTH_ENDPOINTS.tokenUrl, { form }, [
    options.refreshToken,
    options.clientSecret,
  ]);
  return readTokenResponse(status, json, (options.now ?? Date.now)());
}

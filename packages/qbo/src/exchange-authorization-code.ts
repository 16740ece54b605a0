// grant_type=authorization_code: the code from the redirect (readAuthorizationCallback) for the first token
// pair. The redirect_uri must be the one used on the authorization URL (RFC 6749 §4.1.3). A code is single-use
// and short-lived: invalid_grant here means "start the connection again".

import { callIntuitOAuth, type OAuthClientCredentials } from './call-intuit-oauth.ts';
import { INTUIT_OAUTH_ENDPOINTS } from './qbo-environments.ts';
import type { QboTokenSet } from './qbo-token-set.ts';
import { readTokenResponse } from './read-token-response.ts';

export async function exchangeAuthorizationCode(
  options: OAuthClientCredentials & { code: string; redirectUri: string; tokenUrl?: string | undefined },
): Promise<QboTokenSet> {
  const form = { grant_type: 'authorization_code', code: options.code, redirect_uri: options.redirectUri };
  const { status, json } = await callIntuitOAuth(options, options.tokenUrl ?? INTUIT_OAUTH_ENDPOINTS.tokenUrl, { form }, [options.code, options.clientSecret]);
  return readTokenResponse(status, json, (options.now ?? Date.now)());
}

// Disconnect: POST { token } to the revocation endpoint with the app's Basic credentials (intuit/oauth-jsclient
// src/OAuthClient.js revoke()). Revoking the refresh token ends the connection to the company.

import { callIntuitOAuth, type OAuthClientCredentials } from './call-intuit-oauth.ts';
import { INTUIT_OAUTH_ENDPOINTS } from './qbo-environments.ts';

export async function revokeToken(options: OAuthClientCredentials & { token: string; revokeUrl?: string | undefined }): Promise<void> {
  if (!options.token) throw new TypeError('token is required');
  await callIntuitOAuth(options, options.revokeUrl ?? INTUIT_OAUTH_ENDPOINTS.revokeUrl, { json: { token: options.token } }, [
    options.token,
    options.clientSecret,
  ]);
}

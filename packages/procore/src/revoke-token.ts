// POST /oauth/revoke { token, client_id, client_secret } → 200 {} (API-CONTRACT.md "OAuth"). Procore
// revokes both the access and the refresh token of the pair, and answers 200 for an unknown token too
// (Procore docs: "Revoke Token"), so disconnecting twice is harmless.

import { callLoginEndpoint } from './call-login-endpoint.ts';
import type { ClientCredentials } from './exchange-authorization-code.ts';

export async function revokeToken(options: ClientCredentials & { token: string }): Promise<void> {
  await callLoginEndpoint(options, '/oauth/revoke', {
    token: options.token,
    client_id: options.clientId,
    client_secret: options.clientSecret,
  });
}

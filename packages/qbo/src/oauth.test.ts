import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildAuthorizationUrl, readAuthorizationCallback } from './build-authorization-url.ts';
import { exchangeAuthorizationCode } from './exchange-authorization-code.ts';
import { INTUIT_OAUTH_ENDPOINTS } from './qbo-environments.ts';
import { QboOAuthError, QboReconnectRequiredError } from './qbo-oauth-error.ts';
import { refreshTokens } from './refresh-tokens.ts';
import { revokeToken } from './revoke-token.ts';
import { createFakeFetch, type FakeReply } from './test-support/fake-fetch.ts';

const CLIENT = { clientId: 'ABcdEFgh1234', clientSecret: 'secret-9f8e7d6c5b4a' };
const NOW = Date.UTC(2026, 11, 7, 10, 0, 0);
const STATE = 'st-0123456789abcdef';
const TOKEN_ANSWER = {
  access_token: 'eyJ-access',
  refresh_token: 'RT1-new-rotated',
  token_type: 'bearer',
  expires_in: 3600,
  x_refresh_token_expires_in: 8_726_400,
};

function credentials(reply: FakeReply) {
  const fake = createFakeFetch(() => reply);
  return { fake, options: { ...CLIENT, fetch: fake.fetch, now: () => NOW } };
}

async function oauthError(promise: Promise<unknown>): Promise<QboOAuthError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(QboOAuthError);
    return error as QboOAuthError;
  }
  throw new Error('expected a QboOAuthError');
}

describe('authorization URL and callback', () => {
  it('builds the appcenter URL with response_type=code, the accounting scope, redirect_uri and state', () => {
    const url = new URL(buildAuthorizationUrl({ clientId: CLIENT.clientId, redirectUri: 'https://app.example.com/qbo/callback', state: STATE }));
    expect(`${url.origin}${url.pathname}`).toBe(INTUIT_OAUTH_ENDPOINTS.authorizationUrl);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: CLIENT.clientId,
      response_type: 'code',
      scope: 'com.intuit.quickbooks.accounting',
      redirect_uri: 'https://app.example.com/qbo/callback',
      state: STATE,
    });
    expect(() => buildAuthorizationUrl({ clientId: CLIENT.clientId, redirectUri: 'https://a', state: 'short' })).toThrow(/state/);
  });

  it('reads code and realmId back; refuses another state, a refusal, a missing realmId', () => {
    expect(readAuthorizationCallback(`https://app.example.com/cb?code=AB11&state=${STATE}&realmId=9130357766900456`, STATE)).toEqual({
      code: 'AB11',
      realmId: '9130357766900456',
    });
    expect(() => readAuthorizationCallback(`https://a/cb?code=AB11&state=other-state-000000&realmId=1`, STATE)).toThrow(/state/);
    expect(() => readAuthorizationCallback(`https://a/cb?error=access_denied&state=${STATE}`, STATE)).toThrow(/access_denied/);
    expect(() => readAuthorizationCallback(`https://a/cb?code=AB11&state=${STATE}`, STATE)).toThrow(/realmId/);
  });
});

describe('token endpoint', () => {
  it('exchanges a code: Basic client credentials, form body, tokens and expiries read', async () => {
    const { fake, options } = credentials({ body: TOKEN_ANSWER });
    const tokens = await exchangeAuthorizationCode({ ...options, code: 'AB11', redirectUri: 'https://app.example.com/cb' });
    const [request] = fake.requests;
    expect(request?.url.href).toBe(INTUIT_OAUTH_ENDPOINTS.tokenUrl);
    expect(request?.headers['authorization']).toBe(`Basic ${Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString('base64')}`);
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.headers['accept']).toBe('application/json');
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({
      grant_type: 'authorization_code',
      code: 'AB11',
      redirect_uri: 'https://app.example.com/cb',
    });
    expect(tokens.accessToken).toBe('eyJ-access');
    expect(tokens.refreshToken).toBe('RT1-new-rotated');
    expect(tokens.accessTokenExpiresAt.getTime()).toBe(NOW + 3_600_000);
    expect(tokens.refreshTokenExpiresAt?.getTime()).toBe(NOW + 8_726_400_000);
  });

  it('refreshes with grant_type=refresh_token and returns the rotated refresh token', async () => {
    const { fake, options } = credentials({ body: TOKEN_ANSWER });
    const tokens = await refreshTokens({ ...options, refreshToken: 'RT1-old' });
    expect(Object.fromEntries(new URLSearchParams(fake.requests[0]?.body))).toEqual({ grant_type: 'refresh_token', refresh_token: 'RT1-old' });
    expect(tokens.refreshToken).toBe('RT1-new-rotated');
  });

  it('invalid_grant is QboReconnectRequiredError: needs reconnect, not retryable', async () => {
    const { options } = credentials({ status: 400, body: { error: 'invalid_grant', error_description: 'Incorrect Token type or clientID' } });
    const error = await oauthError(refreshTokens({ ...options, refreshToken: 'RT1-superseded' }));
    expect(error).toBeInstanceOf(QboReconnectRequiredError);
    expect(error.needsReconnect).toBe(true);
    expect(error.retryable).toBe(false);
    expect(error.status).toBe(400);
  });

  it('invalid_client is not a reconnect and not retryable; 5xx and network errors are retryable', async () => {
    const client = await oauthError(refreshTokens({ ...credentials({ status: 401, body: { error: 'invalid_client' } }).options, refreshToken: 'r' }));
    expect([client.needsReconnect, client.retryable]).toEqual([false, false]);
    const down = await oauthError(refreshTokens({ ...credentials({ status: 503, body: 'busy' }).options, refreshToken: 'r' }));
    expect([down.error, down.retryable]).toEqual(['http_503', true]);
    const network = await oauthError(refreshTokens({ ...credentials({ networkError: true }).options, refreshToken: 'r' }));
    expect([network.error, network.status, network.retryable]).toEqual(['network_error', null, true]);
  });

  it('a 200 without a refresh_token or expires_in is refused (the rotation chain would be lost)', async () => {
    const noRefresh = await oauthError(refreshTokens({ ...credentials({ body: { access_token: 'a', expires_in: 3600 } }).options, refreshToken: 'r' }));
    expect(noRefresh.error).toBe('invalid_response');
    const noExpiry = await oauthError(refreshTokens({ ...credentials({ body: { access_token: 'a', refresh_token: 'b' } }).options, refreshToken: 'r' }));
    expect(noExpiry.description).toMatch(/expires_in/);
  });

  it('an error description echoing the refresh token or the client secret is redacted', async () => {
    const { options } = credentials({
      status: 400,
      body: { error: 'invalid_request', error_description: `bad token RT1-secret-value for ${CLIENT.clientSecret}` },
    });
    const error = await oauthError(refreshTokens({ ...options, refreshToken: 'RT1-secret-value' }));
    expect(error.message).not.toContain('RT1-secret-value');
    expect(error.message).not.toContain(CLIENT.clientSecret);
  });

  it('a token set prints without its tokens', async () => {
    const tokens = await refreshTokens({ ...credentials({ body: TOKEN_ANSWER }).options, refreshToken: 'r' });
    for (const printed of [JSON.stringify(tokens), String(tokens), inspect(tokens)]) {
      expect(printed).not.toContain('eyJ-access');
      expect(printed).not.toContain('RT1-new-rotated');
    }
  });

  it('revokes with a JSON { token } body and Basic credentials', async () => {
    const { fake, options } = credentials({ body: '' });
    await revokeToken({ ...options, token: 'RT1-to-revoke' });
    expect(fake.requests[0]?.url.href).toBe(INTUIT_OAUTH_ENDPOINTS.revokeUrl);
    expect(fake.requests[0]?.json).toEqual({ token: 'RT1-to-revoke' });
    expect(fake.requests[0]?.headers['content-type']).toBe('application/json');
  });
});

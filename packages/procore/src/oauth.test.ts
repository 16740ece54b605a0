import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { buildAuthorizeUrl } from './build-authorize-url.ts';
import { exchangeAuthorizationCode } from './exchange-authorization-code.ts';
import { ProcoreOAuthError } from './procore-oauth-error.ts';
import { refreshAccessToken } from './refresh-access-token.ts';
import { requestClientCredentialsToken } from './request-client-credentials-token.ts';
import { revokeToken } from './revoke-token.ts';
import { startTestServer, type TestReply, type TestServer } from './test-support/start-test-server.ts';

const ACCESS = 'acc-7f3a9c1e5b2d4f60a8e1';
const REFRESH = 'ref-91b2c3d4e5f60718293a';
const SECRET = 'client-secret-5566778899';
const CREATED_AT = 1_790_000_000;

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function loginServer(reply: TestReply | (() => TestReply)): Promise<TestServer> {
  server = await startTestServer(() => (typeof reply === 'function' ? reply() : reply));
  return server;
}

const creds = (url: string) => ({ loginBaseUrl: url, clientId: 'client-1', clientSecret: SECRET });

async function oauthError(promise: Promise<unknown>): Promise<ProcoreOAuthError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ProcoreOAuthError);
    return error as ProcoreOAuthError;
  }
  throw new Error('expected a ProcoreOAuthError');
}

describe('buildAuthorizeUrl', () => {
  it('builds /oauth/authorize with response_type=code, client_id, redirect_uri and state, encoded', () => {
    const url = new URL(
      buildAuthorizeUrl({
        loginBaseUrl: 'https://login.procore.com/',
        clientId: 'abc 123',
        redirectUri: 'https://app.example.com/procore/callback?x=1',
        state: 's/t+a=te',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://login.procore.com/oauth/authorize');
    expect([...url.searchParams]).toEqual([
      ['response_type', 'code'],
      ['client_id', 'abc 123'],
      ['redirect_uri', 'https://app.example.com/procore/callback?x=1'],
      ['state', 's/t+a=te'],
    ]);
  });

  it('refuses a missing state or a malformed redirect URI', () => {
    expect(() => buildAuthorizeUrl({ loginBaseUrl: 'https://login.procore.com', clientId: 'c', redirectUri: 'https://a.example/cb', state: '' })).toThrow(
      /state/,
    );
    expect(() => buildAuthorizeUrl({ loginBaseUrl: 'https://login.procore.com', clientId: 'c', redirectUri: 'not a url', state: 's' })).toThrow();
  });
});

describe('token requests', () => {
  it('exchanges an authorization code: JSON body, expiresAt = created_at + expires_in', async () => {
    const s = await loginServer({ body: { access_token: ACCESS, token_type: 'Bearer', expires_in: 5400, refresh_token: REFRESH, created_at: CREATED_AT } });
    const tokens = await exchangeAuthorizationCode({ ...creds(s.url), code: 'code-1', redirectUri: 'https://app.example.com/cb' });
    expect(s.requests).toHaveLength(1);
    expect(s.requests[0]?.method).toBe('POST');
    expect(s.requests[0]?.url.pathname).toBe('/oauth/token');
    expect(s.requests[0]?.headers['content-type']).toBe('application/json');
    expect(s.requests[0]?.json).toEqual({
      grant_type: 'authorization_code',
      code: 'code-1',
      client_id: 'client-1',
      client_secret: SECRET,
      redirect_uri: 'https://app.example.com/cb',
    });
    expect(tokens.accessToken).toBe(ACCESS);
    expect(tokens.refreshToken).toBe(REFRESH);
    expect(tokens.tokenType).toBe('Bearer');
    expect(tokens.expiresAt.getTime()).toBe((CREATED_AT + 5400) * 1000);
  });

  it('refreshes with grant_type=refresh_token', async () => {
    const s = await loginServer({
      body: { access_token: 'new-access-token', token_type: 'Bearer', expires_in: 5400, refresh_token: 'new-refresh-token', created_at: CREATED_AT },
    });
    const tokens = await refreshAccessToken({ ...creds(s.url), refreshToken: REFRESH });
    expect(s.requests[0]?.json).toEqual({ grant_type: 'refresh_token', refresh_token: REFRESH, client_id: 'client-1', client_secret: SECRET });
    expect(tokens.accessToken).toBe('new-access-token');
    expect(tokens.refreshToken).toBe('new-refresh-token');
  });

  it('client credentials: no refresh token; no created_at → expiry counted from now', async () => {
    const s = await loginServer({ body: { access_token: ACCESS, token_type: 'Bearer', expires_in: 5400 } });
    const tokens = await requestClientCredentialsToken({ ...creds(s.url), now: () => 1_000_000 });
    expect(s.requests[0]?.json).toEqual({ grant_type: 'client_credentials', client_id: 'client-1', client_secret: SECRET });
    expect(tokens.refreshToken).toBeNull();
    expect(tokens.expiresAt.getTime()).toBe(1_000_000 + 5_400_000);
  });

  it('revokes with { token, client_id, client_secret }', async () => {
    const s = await loginServer({ body: {} });
    await revokeToken({ ...creds(s.url), token: REFRESH });
    expect(s.requests[0]?.url.pathname).toBe('/oauth/revoke');
    expect(s.requests[0]?.json).toEqual({ token: REFRESH, client_id: 'client-1', client_secret: SECRET });
  });

  it('an answer without access_token is invalid_response, not a TokenSet', async () => {
    const s = await loginServer({ body: { token_type: 'Bearer', expires_in: 5400 } });
    const error = await oauthError(refreshAccessToken({ ...creds(s.url), refreshToken: REFRESH }));
    expect(error.error).toBe('invalid_response');
    expect(error.isDeadGrant).toBe(false);
  });
});

describe('OAuth failures', () => {
  it.each([
    [400, 'invalid_grant', true, false],
    [401, 'invalid_client', true, false],
    [400, 'invalid_request', false, false],
    [400, 'unsupported_grant_type', false, false],
  ])('%i %s → isDeadGrant=%s retryable=%s', async (status, code, dead, retryable) => {
    const s = await loginServer({ status, body: { error: code, error_description: 'The provided authorization grant is invalid' } });
    const error = await oauthError(refreshAccessToken({ ...creds(s.url), refreshToken: REFRESH }));
    expect(error.status).toBe(status);
    expect(error.error).toBe(code);
    expect(error.description).toBe('The provided authorization grant is invalid');
    expect(error.isDeadGrant).toBe(dead);
    expect(error.retryable).toBe(retryable);
  });

  it('5xx and 429 are retryable, never dead', async () => {
    let status = 503;
    const s = await loginServer(() => ({ status, body: '<html>busy</html>', headers: { 'Content-Type': 'text/html' } }));
    const unavailable = await oauthError(refreshAccessToken({ ...creds(s.url), refreshToken: REFRESH }));
    expect([unavailable.status, unavailable.error, unavailable.retryable, unavailable.isDeadGrant]).toEqual([503, 'http_503', true, false]);
    status = 429;
    const limited = await oauthError(requestClientCredentialsToken(creds(s.url)));
    expect([limited.status, limited.retryable, limited.isDeadGrant]).toEqual([429, true, false]);
  });

  it('a network error is retryable with no status', async () => {
    const s = await loginServer({ drop: true });
    const error = await oauthError(refreshAccessToken({ ...creds(s.url), refreshToken: REFRESH }));
    expect([error.status, error.error, error.retryable, error.isDeadGrant]).toEqual([null, 'network_error', true, false]);
  });

  it('times out', async () => {
    const s = await loginServer({ hang: true });
    // No elapsed-time check (a busy machine may be slow): the server never answers, so only the
    // client's own timeout can end this call before the test's.
    const error = await oauthError(exchangeAuthorizationCode({ ...creds(s.url), code: 'c', redirectUri: 'https://a.example/cb', timeoutMs: 150 }));
    expect([error.status, error.error, error.retryable]).toEqual([null, 'timeout', true]);
  });
});

describe('redaction', () => {
  it('secrets echoed by the server never reach the error message, JSON or inspect output', async () => {
    const s = await loginServer({
      status: 400,
      body: { error: 'invalid_grant', error_description: `refresh token ${REFRESH} was already used (client secret ${SECRET})` },
    });
    const error = await oauthError(refreshAccessToken({ ...creds(s.url), refreshToken: REFRESH }));
    for (const text of [error.message, String(error), JSON.stringify(error), inspect(error, { depth: 5 }), error.description]) {
      expect(text).not.toContain(REFRESH);
      expect(text).not.toContain(SECRET);
    }
    expect(error.description).toContain('[REDACTED]');
  });

  it('a TokenSet prints and serializes without its tokens', async () => {
    const s = await loginServer({ body: { access_token: ACCESS, token_type: 'Bearer', expires_in: 5400, refresh_token: REFRESH, created_at: CREATED_AT } });
    const tokens = await refreshAccessToken({ ...creds(s.url), refreshToken: 'old-refresh-token' });
    for (const text of [JSON.stringify(tokens), JSON.stringify({ tokens }), String(tokens), `${tokens}`, inspect(tokens), inspect({ tokens }, { depth: 5 })]) {
      expect(text).not.toContain(ACCESS);
      expect(text).not.toContain(REFRESH);
    }
    expect(JSON.parse(JSON.stringify(tokens))).toEqual({
      accessToken: '[REDACTED]',
      refreshToken: '[REDACTED]',
      expiresAt: new Date((CREATED_AT + 5400) * 1000).toISOString(),
      tokenType: 'Bearer',
    });
    expect(Object.keys(tokens)).not.toContain('accessToken');
    expect(tokens.expiresWithin(10 * 60_000, (CREATED_AT + 5400) * 1000 - 5 * 60_000)).toBe(true);
  });
});

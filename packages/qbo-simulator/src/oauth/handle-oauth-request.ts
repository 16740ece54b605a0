// The OAuth endpoints on the simulator's origin, at Intuit's paths (intuit/oauth-jsclient src/OAuthClient.js):
//   GET  /connect/oauth2              (appcenter.intuit.com) — consents at once and redirects with code, state, realmId
//   POST /oauth2/v1/tokens/bearer     (oauth.platform.intuit.com) — form body, HTTP Basic client credentials
//   POST /v2/oauth2/tokens/revoke     (developer.api.intuit.com) — JSON { token }, HTTP Basic
// Errors are RFC 6749 §5.2 JSON { error, error_description }.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OAuthState } from './oauth-state.ts';

export const OAUTH_PATHS = Object.freeze({
  authorize: '/connect/oauth2',
  token: '/oauth2/v1/tokens/bearer',
  revoke: '/v2/oauth2/tokens/revoke',
});

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function basicCredentials(req: IncomingMessage): { clientId: string; clientSecret: string } | null {
  const header = req.headers.authorization ?? '';
  const m = /^Basic\s+(.+)$/i.exec(header);
  if (!m) return null;
  const decoded = Buffer.from(m[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
}

/** Answers an OAuth request; false when the path is not an OAuth one. */
export function handleOAuthRequest(
  oauth: OAuthState,
  defaultRealmId: () => string,
  req: IncomingMessage,
  url: URL,
  body: string,
  res: ServerResponse,
): boolean {
  if (url.pathname === OAUTH_PATHS.authorize && req.method === 'GET') {
    const clientId = url.searchParams.get('client_id') ?? '';
    const redirectUri = url.searchParams.get('redirect_uri') ?? '';
    const client = oauth.client(clientId);
    if (!client || url.searchParams.get('response_type') !== 'code' || redirectUri === '') {
      sendJson(res, 400, { error: 'invalid_request', error_description: 'unknown client_id, or response_type is not code, or no redirect_uri' });
      return true;
    }
    if (client.redirectUris.length > 0 && !client.redirectUris.includes(redirectUri)) {
      sendJson(res, 400, { error: 'invalid_request', error_description: 'redirect_uri is not registered for this app' });
      return true;
    }
    // Not Intuit's: a test may pick the company to connect (Intuit asks the person to choose one).
    const realmId = url.searchParams.get('sim_realm_id') ?? defaultRealmId();
    const target = new URL(redirectUri);
    const state = url.searchParams.get('state');
    if (url.searchParams.get('sim_deny') === '1') {
      target.searchParams.set('error', 'access_denied');
    } else {
      target.searchParams.set('code', oauth.issueCode(clientId, realmId, redirectUri));
      target.searchParams.set('realmId', realmId);
    }
    if (state !== null) target.searchParams.set('state', state);
    res.writeHead(302, { Location: target.href });
    res.end();
    return true;
  }
  if (url.pathname === OAUTH_PATHS.token && req.method === 'POST') {
    const credentials = basicCredentials(req);
    const client = credentials && oauth.authenticate(credentials.clientId, credentials.clientSecret);
    if (!client) {
      sendJson(res, 401, { error: 'invalid_client' });
      return true;
    }
    const form = new URLSearchParams(body);
    const grant = form.get('grant_type');
    const answer =
      grant === 'authorization_code'
        ? oauth.exchangeCode(client.clientId, form.get('code') ?? '', form.get('redirect_uri') ?? '')
        : grant === 'refresh_token'
          ? oauth.refresh(client.clientId, form.get('refresh_token') ?? '')
          : ({ error: 'unsupported_grant_type', description: `grant_type ${String(grant)} is not supported`, status: 400 } as const);
    if ('error' in answer) sendJson(res, answer.status, { error: answer.error, error_description: answer.description });
    else sendJson(res, 200, answer);
    return true;
  }
  if (url.pathname === OAUTH_PATHS.revoke && req.method === 'POST') {
    const credentials = basicCredentials(req);
    const client = credentials && oauth.authenticate(credentials.clientId, credentials.clientSecret);
    if (!client) {
      sendJson(res, 401, { error: 'invalid_client' });
      return true;
    }
    let tokenValue: string;
    try {
      tokenValue = String((JSON.parse(body) as { token?: unknown }).token ?? '');
    } catch {
      tokenValue = new URLSearchParams(body).get('token') ?? '';
    }
    if (tokenValue === '') {
      sendJson(res, 400, { error: 'invalid_request', error_description: 'token is required' });
      return true;
    }
    oauth.revoke(client.clientId, tokenValue);
    // RFC 7009 §2.2: 200 whether or not the token was valid.
    res.writeHead(200);
    res.end();
    return true;
  }
  return false;
}

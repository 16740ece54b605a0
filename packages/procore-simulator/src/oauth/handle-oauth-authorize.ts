import type { ApiResult } from '../http/api-result.ts';
import { oauthError, type OAuthContext } from './oauth-context.ts';

const OOB = 'urn:ietf:wg:oauth:2.0:oob';

/**
 * GET /oauth/authorize (API-CONTRACT.md "OAuth"): signs the seeded user in without a form and redirects to
 * redirect_uri with ?code=…&state=…; `deny=1` simulates the user refusing (error=access_denied);
 * `login_hint=<login>` or `user_id=<id>` signs in another person of ProcoreSimulatorOptions.users instead.
 * An unknown client or unregistered redirect_uri gets a 400 page instead of a redirect (RFC 6749 §4.1.2.1).
 */
export function handleOAuthAuthorize(ctx: OAuthContext): ApiResult {
  const q = ctx.url.searchParams;
  const clientId = q.get('client_id') ?? '';
  const client = ctx.oauth.client(clientId);
  if (client === undefined) return oauthError(400, 'invalid_client', 'Unknown client_id');
  const redirectUri = q.get('redirect_uri') ?? (client.redirectUris.length === 1 ? client.redirectUris[0] : undefined);
  if (redirectUri === undefined) return oauthError(400, 'invalid_request', 'redirect_uri is required');
  if (!ctx.oauth.redirectAllowed(clientId, redirectUri)) return oauthError(400, 'invalid_request', 'redirect_uri does not match a registered redirect URI');
  const state = q.get('state');
  const redirect = (params: Record<string, string>): ApiResult => {
    const target = new URL(redirectUri);
    for (const [k, v] of Object.entries(params)) target.searchParams.set(k, v);
    if (state !== null) target.searchParams.set('state', state);
    return { status: 302, headers: { Location: target.toString() } };
  };
  if (redirectUri !== OOB && !/^https?:\/\//.test(redirectUri)) return oauthError(400, 'invalid_request', 'redirect_uri must be http(s)');
  if (q.get('response_type') !== 'code') {
    return redirectUri === OOB ? oauthError(400, 'unsupported_response_type', 'response_type must be code') : redirect({ error: 'unsupported_response_type' });
  }
  if (q.get('deny') === '1' || q.get('deny') === 'true') {
    ctx.oauth.countDenied();
    return redirectUri === OOB ? oauthError(400, 'access_denied', 'The user denied access') : redirect({ error: 'access_denied' });
  }
  const hint = q.get('login_hint') ?? q.get('user_id');
  const user = hint === null ? ctx.user : findUser(ctx, hint);
  if (user === undefined) return oauthError(400, 'invalid_request', `No user to sign in matches ${q.has('login_hint') ? 'login_hint' : 'user_id'}=${hint}`);
  const code = ctx.oauth.createCode(clientId, redirectUri, user.id);
  // Procore shows the code on a page for the out-of-band redirect URI; the simulator answers it as JSON.
  if (redirectUri === OOB) return { status: 200, body: { code, ...(state === null ? {} : { state }) } };
  return redirect({ code });
}

/** A person by login (case-insensitive) or id; never the service account, which has no browser sign-in. */
function findUser(ctx: OAuthContext, hint: string) {
  const wanted = hint.trim().toLowerCase();
  for (const user of ctx.users.values()) {
    if (user.id === ctx.serviceAccountUser.id) continue;
    if (user.login.toLowerCase() === wanted || String(user.id) === wanted) return user;
  }
  return undefined;
}

import type { IncomingHttpHeaders } from 'node:http';
import type { ApiResult } from '../http/api-result.ts';
import type { ProcoreUser } from '../model/records.ts';
import type { OAuthState } from './oauth-state.ts';

/** One request to the login host's /oauth/* endpoints. */
export interface OAuthContext {
  url: URL;
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  oauth: OAuthState;
  /** Who /oauth/authorize signs in without a form. */
  user: ProcoreUser;
  /** Every person who can sign in (the seeded user and ProcoreSimulatorOptions.users), by id. */
  users: ReadonlyMap<number, ProcoreUser>;
  /** Who client-credentials tokens act as. */
  serviceAccountUser: ProcoreUser;
}

export type OAuthHandler = (ctx: OAuthContext) => ApiResult;

export function oauthError(status: number, error: string, description: string): ApiResult {
  return { status, body: { error, error_description: description }, headers: { 'Cache-Control': 'no-store' } };
}

/** A token-request parameter from the body, or else the query string. */
export function param(ctx: OAuthContext, name: string): string | undefined {
  const v = ctx.body[name] ?? ctx.url.searchParams.get(name) ?? undefined;
  return v === undefined || v === null ? undefined : String(v);
}

/** Client credentials from the body or HTTP Basic (RFC 6749 §2.3.1). */
export function clientCredentials(ctx: OAuthContext): { clientId?: string; clientSecret?: string } {
  const auth = ctx.headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Basic ')) {
    const decoded = Buffer.from(auth.slice(6), 'base64').toString('utf8');
    const at = decoded.indexOf(':');
    if (at > 0) return { clientId: decodeURIComponent(decoded.slice(0, at)), clientSecret: decodeURIComponent(decoded.slice(at + 1)) };
  }
  const clientId = param(ctx, 'client_id');
  const clientSecret = param(ctx, 'client_secret');
  return { ...(clientId === undefined ? {} : { clientId }), ...(clientSecret === undefined ? {} : { clientSecret }) };
}

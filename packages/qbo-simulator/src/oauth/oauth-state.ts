// Intuit's OAuth 2.0 as the simulator keeps it: authorization codes (single use, tied to the redirect URI),
// access tokens that live 3600 s, refresh tokens that rotate — each refresh answers a new refresh token and
// only the latest one of a connection works; an older one is invalid_grant — and revocation of a connection.
// Sources: OAuth FAQ (https://developer.intuit.com/app/developer/qbo/docs/develop/authentication-and-authorization/faq:
// access token 3600 s; "get a fresh one using the latest refresh_token returned to you from the previous
// request"); token answer fields { token_type, access_token, expires_in, refresh_token, x_refresh_token_expires_in }
// as intuit/oauth-jsclient src/access-token/Token.js reads them.
// Simplification (README): real Intuit may answer the SAME refresh token value for up to 24 h; the simulator
// always rotates, which is the stricter case for a client (it must store what it is given, every time).

import { randomBytes } from 'node:crypto';

export interface OAuthClientConfig {
  clientId: string;
  clientSecret: string;
  /** Registered redirect URIs; empty = any (Intuit requires an exact match of a registered one). */
  redirectUris: string[];
}

export const ACCESS_TOKEN_TTL_SECONDS = 3600;
/** Intuit answers x_refresh_token_expires_in 8726400 (101 days, rolling). */
export const REFRESH_TOKEN_TTL_SECONDS = 8_726_400;
const CODE_TTL_MS = 5 * 60_000;

interface Connection {
  clientId: string;
  realmId: string;
  latestRefreshToken: string;
  refreshExpiresAt: number;
  revoked: boolean;
}

export interface AccessGrant {
  clientId: string;
  realmId: string;
}

export type OAuthFailure = { error: 'invalid_grant' | 'invalid_client' | 'invalid_request' | 'unsupported_grant_type'; description: string; status: number };

export interface TokenAnswer {
  token_type: 'bearer';
  access_token: string;
  expires_in: number;
  refresh_token: string;
  x_refresh_token_expires_in: number;
}

export class OAuthState {
  private readonly codes = new Map<string, { clientId: string; realmId: string; redirectUri: string; expiresAt: number }>();
  private readonly accessTokens = new Map<string, { connection: Connection; expiresAt: number }>();
  private readonly refreshTokens = new Map<string, Connection>();
  private readonly counters = { codes: 0, refreshes: 0, invalidGrants: 0, revocations: 0 };

  private readonly clients: readonly OAuthClientConfig[];
  private readonly now: () => number;
  private readonly accessTokenTtlSeconds: number;
  constructor(clients: readonly OAuthClientConfig[], now: () => number, accessTokenTtlSeconds = ACCESS_TOKEN_TTL_SECONDS) {
    this.clients = clients;
    this.now = now;
    this.accessTokenTtlSeconds = accessTokenTtlSeconds;
  }

  client(clientId: string): OAuthClientConfig | undefined {
    return this.clients.find((c) => c.clientId === clientId);
  }

  get defaultClient(): OAuthClientConfig {
    const first = this.clients[0];
    if (!first) throw new Error('no OAuth client configured');
    return first;
  }

  /** Checks client credentials (HTTP Basic on the token and revoke endpoints). */
  authenticate(clientId: string, clientSecret: string): OAuthClientConfig | null {
    const client = this.client(clientId);
    return client && client.clientSecret === clientSecret ? client : null;
  }

  issueCode(clientId: string, realmId: string, redirectUri: string): string {
    const code = `AB11${token(24)}`;
    this.codes.set(code, { clientId, realmId, redirectUri, expiresAt: this.now() + CODE_TTL_MS });
    this.counters.codes++;
    return code;
  }

  exchangeCode(clientId: string, code: string, redirectUri: string): TokenAnswer | OAuthFailure {
    const entry = this.codes.get(code);
    this.codes.delete(code); // single use, even when refused
    if (!entry || entry.clientId !== clientId || entry.redirectUri !== redirectUri || entry.expiresAt < this.now()) {
      this.counters.invalidGrants++;
      return { error: 'invalid_grant', description: 'the authorization code is invalid, used, expired, or for another client or redirect_uri', status: 400 };
    }
    return this.issuePair(clientId, entry.realmId);
  }

  refresh(clientId: string, refreshToken: string): TokenAnswer | OAuthFailure {
    const connection = this.refreshTokens.get(refreshToken);
    if (
      !connection ||
      connection.revoked ||
      connection.clientId !== clientId ||
      connection.latestRefreshToken !== refreshToken ||
      connection.refreshExpiresAt < this.now()
    ) {
      this.counters.invalidGrants++;
      return { error: 'invalid_grant', description: 'Incorrect or invalid refresh token', status: 400 };
    }
    this.counters.refreshes++;
    return this.rotate(connection);
  }

  /** Revoking either token of a connection ends it: every token of it stops working. */
  revoke(clientId: string, tokenValue: string): boolean {
    const connection = this.refreshTokens.get(tokenValue) ?? this.accessTokens.get(tokenValue)?.connection;
    if (!connection || connection.clientId !== clientId) return false;
    connection.revoked = true;
    this.counters.revocations++;
    return true;
  }

  /** The grant behind a bearer token, or why not. */
  checkAccessToken(tokenValue: string): AccessGrant | { refused: string } {
    const entry = this.accessTokens.get(tokenValue);
    if (!entry) return { refused: 'Token invalid' };
    if (entry.connection.revoked) return { refused: 'Token revoked' };
    if (entry.expiresAt <= this.now()) return { refused: 'Token expired' };
    return { clientId: entry.connection.clientId, realmId: entry.connection.realmId };
  }

  /** Tokens without the browser dance (tests, demos). */
  issuePair(clientId: string, realmId: string): TokenAnswer {
    const connection: Connection = { clientId, realmId, latestRefreshToken: '', refreshExpiresAt: 0, revoked: false };
    return this.rotate(connection);
  }

  /** The company disconnects the app in QuickBooks (or Intuit revokes it): every token of the realm stops working. */
  revokeRealm(realmId: string): number {
    let revoked = 0;
    for (const connection of new Set(this.refreshTokens.values())) {
      if (connection.realmId !== realmId || connection.revoked) continue;
      connection.revoked = true;
      revoked++;
    }
    this.counters.revocations += revoked;
    return revoked;
  }

  /** Makes every access token of the realm expire now (tests of the 401 → refresh path). */
  expireAccessTokens(realmId?: string): void {
    for (const entry of this.accessTokens.values()) if (realmId === undefined || entry.connection.realmId === realmId) entry.expiresAt = this.now();
  }

  stats(): { codes: number; refreshes: number; invalidGrants: number; revocations: number } {
    return { ...this.counters };
  }

  private rotate(connection: Connection): TokenAnswer {
    const t = this.now();
    const accessToken = `eyJ.sim.${token(32)}`;
    const refreshToken = `RT1-${token(24)}`;
    connection.latestRefreshToken = refreshToken;
    connection.refreshExpiresAt = t + REFRESH_TOKEN_TTL_SECONDS * 1000;
    this.refreshTokens.set(refreshToken, connection);
    this.accessTokens.set(accessToken, { connection, expiresAt: t + this.accessTokenTtlSeconds * 1000 });
    return {
      token_type: 'bearer',
      access_token: accessToken,
      expires_in: this.accessTokenTtlSeconds,
      refresh_token: refreshToken,
      x_refresh_token_expires_in: REFRESH_TOKEN_TTL_SECONDS,
    };
  }
}

function token(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

import type { Rng } from '../random/create-rng.ts';

// Procore OAuth 2.0 (Procore docs: OAuth 2.0 Authentication; API-CONTRACT.md "OAuth"; docs/procore-api.md#oauth-tokens):
// access tokens last 5400 s; refresh tokens are single-use and rotate; authorization codes are single-use and
// valid 10 minutes; client-credentials (service account) tokens come without a refresh token.

export interface OAuthClientConfig {
  clientId: string;
  clientSecret: string;
  /** Allowed redirect URIs; empty or absent = any URI is accepted (handy for demos). */
  redirectUris?: string[];
  /** Whether the client may use grant_type=client_credentials (default true). */
  serviceAccount?: boolean;
}

export type GrantType = 'authorization_code' | 'refresh_token' | 'client_credentials';

export interface AccessToken {
  token: string;
  clientId: string;
  userId: number;
  grantType: GrantType;
  issuedAt: number;
  expiresAt: number;
  revoked: boolean;
}

export interface TokenPair {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token?: string;
  created_at: number;
}

export interface OAuthStats {
  grants: Record<GrantType, number>;
  /** Failed token requests by OAuth error code (invalid_grant, invalid_client, ...). */
  failedGrants: Record<string, number>;
  /** Refresh tokens presented again after they were spent. */
  refreshTokenReuseAttempts: number;
  authorizations: number;
  deniedAuthorizations: number;
  revocations: number;
  activeAccessTokens: number;
}

interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  userId: number;
  expiresAt: number;
}

interface RefreshToken {
  clientId: string;
  userId: number;
}

export type RefreshLookup = { kind: 'valid'; clientId: string; userId: number } | { kind: 'spent' } | { kind: 'unknown' };

const CODE_TTL_MS = 10 * 60 * 1000;

export class OAuthState {
  private readonly clients = new Map<string, Required<OAuthClientConfig>>();
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly accessTokens = new Map<string, AccessToken>();
  private readonly refreshTokens = new Map<string, RefreshToken>();
  private readonly spentRefreshTokens = new Set<string>();
  private readonly counters = {
    grants: { authorization_code: 0, refresh_token: 0, client_credentials: 0 } as Record<GrantType, number>,
    failedGrants: {} as Record<string, number>,
    refreshTokenReuseAttempts: 0,
    authorizations: 0,
    deniedAuthorizations: 0,
    revocations: 0,
  };

  private readonly rng: Rng;
  private readonly now: () => number;
  readonly accessTokenTtlSeconds: number;
  constructor(clients: readonly OAuthClientConfig[], rng: Rng, now: () => number, accessTokenTtlSeconds: number) {
    this.rng = rng;
    this.now = now;
    this.accessTokenTtlSeconds = accessTokenTtlSeconds;
    for (const c of clients) this.addClient(c);
  }

  addClient(c: OAuthClientConfig): void {
    this.clients.set(c.clientId, {
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      redirectUris: c.redirectUris ?? [],
      serviceAccount: c.serviceAccount ?? true,
    });
  }

  /** The first configured client (the default for test helpers). */
  defaultClientId(): string {
    const first = this.clients.keys().next();
    if (first.done) throw new Error('no OAuth client configured');
    return first.value;
  }

  client(clientId: string): Required<OAuthClientConfig> | undefined {
    return this.clients.get(clientId);
  }

  /** The client if the secret matches. */
  verifyClient(clientId: string, clientSecret: string): Required<OAuthClientConfig> | undefined {
    const c = this.clients.get(clientId);
    return c !== undefined && c.clientSecret === clientSecret ? c : undefined;
  }

  redirectAllowed(clientId: string, redirectUri: string): boolean {
    const c = this.clients.get(clientId);
    return c !== undefined && (c.redirectUris.length === 0 || c.redirectUris.includes(redirectUri));
  }

  createCode(clientId: string, redirectUri: string, userId: number): string {
    const code = this.rng.hex(20);
    this.codes.set(code, { clientId, redirectUri, userId, expiresAt: this.now() + CODE_TTL_MS });
    this.counters.authorizations++;
    return code;
  }

  countDenied(): void {
    this.counters.deniedAuthorizations++;
  }

  /** Single use: the code is gone after this call whatever the outcome. Undefined when unknown or expired. */
  takeCode(code: string): AuthorizationCode | undefined {
    const found = this.codes.get(code);
    this.codes.delete(code);
    return found !== undefined && this.now() < found.expiresAt ? found : undefined;
  }

  /** Single use: a presented refresh token is spent whatever the outcome of the request. */
  takeRefreshToken(token: string): RefreshLookup {
    const found = this.refreshTokens.get(token);
    if (found !== undefined) {
      this.refreshTokens.delete(token);
      this.spentRefreshTokens.add(token);
      return { kind: 'valid', clientId: found.clientId, userId: found.userId };
    }
    if (this.spentRefreshTokens.has(token)) {
      this.counters.refreshTokenReuseAttempts++;
      return { kind: 'spent' };
    }
    return { kind: 'unknown' };
  }

  issue(clientId: string, userId: number, grantType: GrantType, withRefreshToken: boolean): TokenPair {
    const now = this.now();
    const access: AccessToken = {
      token: this.rng.hex(32),
      clientId,
      userId,
      grantType,
      issuedAt: now,
      expiresAt: now + this.accessTokenTtlSeconds * 1000,
      revoked: false,
    };
    this.accessTokens.set(access.token, access);
    const pair: TokenPair = { access_token: access.token, token_type: 'Bearer', expires_in: this.accessTokenTtlSeconds, created_at: Math.floor(now / 1000) };
    if (withRefreshToken) {
      const refresh = this.rng.hex(32);
      this.refreshTokens.set(refresh, { clientId, userId });
      pair.refresh_token = refresh;
    }
    this.counters.grants[grantType]++;
    return pair;
  }

  countFailure(error: string): void {
    this.counters.failedGrants[error] = (this.counters.failedGrants[error] ?? 0) + 1;
  }

  /** A live access token (known, not revoked, not expired on the simulator clock). */
  findAccessToken(token: string): AccessToken | undefined {
    const found = this.accessTokens.get(token);
    return found !== undefined && !found.revoked && this.now() < found.expiresAt ? found : undefined;
  }

  /** RFC 7009: revokes an access or refresh token of the client; unknown tokens are ignored. */
  revoke(token: string, clientId: string): void {
    const access = this.accessTokens.get(token);
    if (access !== undefined && access.clientId === clientId && !access.revoked) {
      access.revoked = true;
      this.counters.revocations++;
    }
    const refresh = this.refreshTokens.get(token);
    if (refresh !== undefined && refresh.clientId === clientId) {
      this.refreshTokens.delete(token);
      this.spentRefreshTokens.add(token);
      this.counters.revocations++;
    }
  }

  /** Test helper: every access token issued so far is expired (refresh tokens stay valid). */
  expireAccessTokens(): void {
    const now = this.now();
    for (const t of this.accessTokens.values()) t.expiresAt = Math.min(t.expiresAt, now);
  }

  /** Test helper: what a user uninstalling the app does — every token of the client stops working. */
  revokeAllFor(clientId: string): void {
    for (const t of this.accessTokens.values()) if (t.clientId === clientId) t.revoked = true;
    for (const [token, r] of this.refreshTokens) {
      if (r.clientId !== clientId) continue;
      this.refreshTokens.delete(token);
      this.spentRefreshTokens.add(token);
    }
  }

  stats(): OAuthStats {
    let active = 0;
    const now = this.now();
    for (const t of this.accessTokens.values()) if (!t.revoked && now < t.expiresAt) active++;
    return {
      grants: { ...this.counters.grants },
      failedGrants: { ...this.counters.failedGrants },
      refreshTokenReuseAttempts: this.counters.refreshTokenReuseAttempts,
      authorizations: this.counters.authorizations,
      deniedAuthorizations: this.counters.deniedAuthorizations,
      revocations: this.counters.revocations,
      activeAccessTokens: active,
    };
  }
}

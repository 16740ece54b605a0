// The tokens Intuit's token endpoint answers: { access_token, refresh_token, token_type: "bearer",
// expires_in: 3600, x_refresh_token_expires_in } (intuit/oauth-jsclient src/access-token/Token.js reads the
// same fields; access tokens last 3600 s — OAuth FAQ). Token values sit in private fields behind getters,
// so JSON.stringify and util.inspect print a redacted view: a token set logged by mistake leaks nothing.

import { inspect } from 'node:util';

export interface QboTokenSetFields {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: Date;
  /** From x_refresh_token_expires_in; null when Intuit did not say. */
  refreshTokenExpiresAt: Date | null;
}

export class QboTokenSet {
  readonly #accessToken: string;
  readonly #refreshToken: string;
  readonly accessTokenExpiresAt: Date;
  readonly refreshTokenExpiresAt: Date | null;

  constructor(fields: QboTokenSetFields) {
    this.#accessToken = fields.accessToken;
    this.#refreshToken = fields.refreshToken;
    this.accessTokenExpiresAt = fields.accessTokenExpiresAt;
    this.refreshTokenExpiresAt = fields.refreshTokenExpiresAt;
  }

  get accessToken(): string {
    return this.#accessToken;
  }

  /** The NEW refresh token: store it in the same write as the access token; the previous one is now dead. */
  get refreshToken(): string {
    return this.#refreshToken;
  }

  expiresWithin(marginMs: number, nowMs: number = Date.now()): boolean {
    return this.accessTokenExpiresAt.getTime() - nowMs <= marginMs;
  }

  toJSON(): Record<string, unknown> {
    return {
      accessToken: '[REDACTED]',
      refreshToken: '[REDACTED]',
      accessTokenExpiresAt: this.accessTokenExpiresAt.toISOString(),
      refreshTokenExpiresAt: this.refreshTokenExpiresAt?.toISOString() ?? null,
    };
  }

  toString(): string {
    return `QboTokenSet(access token expires ${this.accessTokenExpiresAt.toISOString()})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

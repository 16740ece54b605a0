// The tokens Procore's /oauth/token answers (API-CONTRACT.md "OAuth": { access_token, token_type,
// expires_in, refresh_token?, created_at }). Token values sit in private fields behind getters, so
// JSON.stringify, String() and util.inspect (console.log, pino) print a redacted view: a TokenSet can be
// logged by mistake without leaking a credential. Read .accessToken / .refreshToken explicitly to store them.

import { inspect } from 'node:util';

export interface TokenSetFields {
  accessToken: string;
  /** null for client-credentials (service account) tokens, which Procore issues without one. */
  refreshToken: string | null;
  /** created_at + expires_in (Procore: 5400 s). */
  expiresAt: Date;
  tokenType: string;
}

export class TokenSet {
  readonly #accessToken: string;
  readonly #refreshToken: string | null;
  readonly expiresAt: Date;
  readonly tokenType: string;

  constructor(fields: TokenSetFields) {
    this.#accessToken = fields.accessToken;
    this.#refreshToken = fields.refreshToken;
    this.expiresAt = fields.expiresAt;
    this.tokenType = fields.tokenType;
  }

  get accessToken(): string {
    return this.#accessToken;
  }

  get refreshToken(): string | null {
    return this.#refreshToken;
  }

  /** True when the access token expires within `marginMs` of `nowMs` (refresh before expiry, docs/procore-api.md#oauth-tokens). */
  expiresWithin(marginMs: number, nowMs: number = Date.now()): boolean {
    return this.expiresAt.getTime() - nowMs <= marginMs;
  }

  toJSON(): Record<string, unknown> {
    return {
      accessToken: '[REDACTED]',
      refreshToken: this.#refreshToken === null ? null : '[REDACTED]',
      expiresAt: this.expiresAt.toISOString(),
      tokenType: this.tokenType,
    };
  }

  toString(): string {
    return `TokenSet(${this.tokenType}, expires ${this.expiresAt.toISOString()}, refresh token ${this.#refreshToken === null ? 'none' : 'present'})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

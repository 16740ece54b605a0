import type { EncryptionKeyRing } from '../procore/token-cipher.ts';

export const QBO_ENVIRONMENT_NAMES = ['sandbox', 'production'] as const;
export type QboEnvironmentName = (typeof QBO_ENVIRONMENT_NAMES)[number];

/**
 * The QuickBooks Online side of configuration (issue 22), validated by the server at start-up. One Intuit app key
 * set per deployment: an app on the Intuit Developer portal has one set for sandbox companies and one for production,
 * and tokens of one do not work on the other (packages/qbo/README.md "The Intuit developer app").
 */
export interface QboSettings {
  environment: QboEnvironmentName;
  clientId: string;
  clientSecret: string;
  /** Our callback, registered as a Redirect URI of the key set (Intuit requires an exact match). */
  redirectUri: string;
  /** Accounting API origin (Intuit's for the environment, or a qbo-simulator). */
  apiBaseUrl: string;
  /** Intuit's OAuth endpoints (or a qbo-simulator's). */
  oauth: { authorizationUrl: string; tokenUrl: string; revokeUrl: string };
  /** The key ring of the Procore tokens: one TOKEN_ENCRYPTION_KEYS for every secret at rest. */
  keyRing: EncryptionKeyRing;
  /** Refresh this long before the access token expires (Intuit access tokens last 3600 s: OAuth FAQ). */
  refreshMarginMs: number;
  /** How long one instance may hold the refresh lease; longer than the token call's timeout. */
  refreshLeaseMs: number;
  /** Timeout of OAuth token calls. */
  tokenTimeoutMs: number;
}

export const DEFAULT_QBO_TUNING = {
  refreshMarginMs: 5 * 60_000,
  refreshLeaseMs: 60_000,
  tokenTimeoutMs: 20_000,
} as const;

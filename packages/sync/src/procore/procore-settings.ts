import type { ProcoreEnvironment } from '../companies/create-company.ts';
import type { EncryptionKeyRing } from './token-cipher.ts';

/** One Procore environment's OAuth application and hosts (docs/procore-api.md#environments). */
export interface ProcoreEnvironmentSettings {
  clientId: string;
  clientSecret: string;
  loginBaseUrl: string;
  apiBaseUrl: string;
}

/** Everything the Procore side of the domain needs from configuration, validated by the server at start-up. */
export interface ProcoreSettings {
  /** Environments with an OAuth client configured; a company on another environment cannot connect. */
  environments: Partial<Record<ProcoreEnvironment, ProcoreEnvironmentSettings>>;
  /** Our callback page, registered as the app's redirect URI in the Procore Developer Portal. */
  redirectUri: string;
  /** Base of the webhook endpoint: `${webhookBaseUrl}/<company id>`. */
  webhookBaseUrl: string;
  keyRing: EncryptionKeyRing;
  /** Refresh this long before the access token expires (tokens last 5400 s). */
  refreshMarginMs: number;
  /** How long one instance may hold the refresh lease; longer than the token call's timeout. */
  refreshLeaseMs: number;
  /** Timeout of OAuth token calls. */
  tokenTimeoutMs: number;
  /** Client-side limits per Procore company (Procore's defaults: 3600 an hour; 10-second spike window). */
  rateLimits: { hourly: number; tenSecond: number };
  /** How often each connected company is reconciled against Procore (default nightly). */
  reconcileIntervalMs: number;
  /** Overlap re-read on every incremental reconciliation, against clock skew and late commits. */
  reconcileOverlapMs: number;
  /** Chunk size of bulk sync calls (Procore caps them at 1000). */
  syncChunkSize: number;
}

export const DEFAULT_PROCORE_TUNING = {
  refreshMarginMs: 5 * 60_000,
  refreshLeaseMs: 60_000,
  tokenTimeoutMs: 20_000,
  rateLimits: { hourly: 3600, tenSecond: 100 },
  reconcileIntervalMs: 24 * 3600_000,
  reconcileOverlapMs: 10 * 60_000,
  syncChunkSize: 1000,
} as const;

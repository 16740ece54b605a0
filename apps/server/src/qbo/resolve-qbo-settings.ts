import { INTUIT_OAUTH_ENDPOINTS } from '@connector/qbo';
import { DEFAULT_QBO_TUNING, type EncryptionKeyRing, type QboSettings } from '@connector/sync';
import type { QboServerConfig } from '../config.ts';

/**
 * Turns validated configuration into the settings of the QuickBooks Online connection; null when the server has no
 * QBO keys. Tokens are encrypted with the Procore tokens' key ring (one TOKEN_ENCRYPTION_KEYS for every secret at rest).
 * QBO_OAUTH_URL (a qbo-simulator) serves Intuit's three OAuth paths on one origin, so only the origin is replaced.
 */
export function resolveQboSettings(config: QboServerConfig | undefined, keyRing: EncryptionKeyRing): QboSettings | null {
  if (!config) return null;
  const at = (intuitUrl: string) => (config.oauthBaseUrl ? `${config.oauthBaseUrl}${new URL(intuitUrl).pathname}` : intuitUrl);
  return {
    ...DEFAULT_QBO_TUNING,
    environment: config.environment,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    redirectUri: config.redirectUri,
    apiBaseUrl: config.apiBaseUrl,
    oauth: {
      authorizationUrl: at(INTUIT_OAUTH_ENDPOINTS.authorizationUrl),
      tokenUrl: at(INTUIT_OAUTH_ENDPOINTS.tokenUrl),
      revokeUrl: at(INTUIT_OAUTH_ENDPOINTS.revokeUrl),
    },
    keyRing,
  };
}
